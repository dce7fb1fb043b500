"""requirements.txt is what production installs: no test or lint tool, and everything it needs pinned in it."""

import re
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent

# Tools that only tests, lint and sample scripts use. A new one belongs in requirements-dev.txt.
TEST_TOOLS = {
    "pytest",
    "pytest-django",
    "playwright",
    "schemathesis",
    "hypothesis",
    "ruff",
    "factory-boy",
    "faker",
    "pyzbar",
    "xlwt",
    "odfpy",
    "pypdf",
    "import-linter",
    "grimp",
}


def _name(text):
    return re.sub(r"[-_.]+", "-", text).lower()


def _pins(path):
    """{normalised name: Requirement} of a requirements file's pinned lines (comments and -r lines skipped)."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        pins[_name(requirement.name)] = requirement
    return pins


def _dependencies(name, extras=frozenset()):
    """The names an installed distribution requires (with the given extras), from its metadata."""
    found = set()
    for text in distribution(name).requires or []:
        requirement = Requirement(text)
        environments = [{"extra": extra} for extra in extras] or [{"extra": ""}]
        if requirement.marker and not any(requirement.marker.evaluate(env) for env in environments):
            continue
        found.add(_name(requirement.name))
    return found


def test_requirements_txt_holds_no_test_tool():
    production = _pins(ROOT / "requirements.txt")
    assert sorted(TEST_TOOLS & production.keys()) == []


def test_requirements_dev_txt_adds_the_tools_to_the_production_file():
    text = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in text.splitlines()
    development = _pins(ROOT / "requirements-dev.txt")
    assert sorted(TEST_TOOLS - development.keys()) == []
    assert not development.keys() & _pins(ROOT / "requirements.txt").keys(), "a package pinned in both files"


def test_both_files_pin_every_line():
    for path in ("requirements.txt", "requirements-dev.txt"):
        for name, requirement in _pins(ROOT / path).items():
            assert str(requirement.specifier).startswith("=="), f"{path}: {name} is not pinned"


def test_requirements_txt_is_complete():
    """Whatever the production packages need (by their installed metadata) is pinned in requirements.txt too, so
    `pip install -r requirements.txt` gets no unpinned package and needs nothing from the dev file."""
    production = _pins(ROOT / "requirements.txt")
    missing = set()
    for name, requirement in production.items():
        try:
            needed = _dependencies(name, frozenset(requirement.extras))
        except PackageNotFoundError:
            missing.add(name)
            continue
        missing |= needed - production.keys()
    assert sorted(missing) == []
