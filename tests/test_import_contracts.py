"""The import contracts of pyproject.toml ([tool.importlinter], run by `make lint`): the code keeps them, and each
kind of forbidden import breaks them. The breaking imports are added to a copy of the apps in a temporary
directory, so the tree is never touched."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_code_keeps_every_contract():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in result.stdout


def test_every_osce_baku_module_is_in_the_shell_or_the_helpers():
    """osce_baku is two layers (the shell at the top, the language helpers at the bottom): a new module must be
    placed in one of them, or no contract would see it."""
    layers = next(contract for contract in CONFIG["contracts"] if contract["id"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    package = ROOT / "osce_baku"
    modules = {f"osce_baku.{path.stem}" for path in package.glob("*.py") if path.stem != "__init__"}
    modules |= {f"osce_baku.{path.parent.name}" for path in package.glob("*/__init__.py")}
    assert sorted(modules - named) == []


@pytest.fixture(scope="module")
def copy_of_the_apps(tmp_path_factory):
    """The first-party packages (tests too: the contracts name them) and pyproject.toml, in a temporary directory."""
    target = tmp_path_factory.mktemp("contracts")
    shutil.copy(ROOT / "pyproject.toml", target)
    for package in CONFIG["root_packages"]:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


# case: ({file in the copy: line appended to it (the file is created if need be)}, what lint-imports says)
BREAKING_IMPORTS = {
    "an upward import": ({"accounts/probe.py": "import reports.models"}, "accounts is not allowed to import reports"),
    "a helper importing the shell": (
        {"osce_baku/text.py": "import osce_baku.health"},
        "osce_baku.text is not allowed to import osce_baku.health",
    ),
    "a unit importing another": (
        {"policing/probe.py": "from trafficking import models"},
        "policing is not allowed to import trafficking",
    ),
    "core importing a unit": (
        {"reports/probe.py": "import training.models"},
        "reports is not allowed to import training",
    ),
    "another app using programmes' pages": (
        {"reports/probe.py": "from programmes.views import activities"},
        "programmes.views",
    ),
    "a unit module using its api_views": ({"policing/views.py": "from . import api_views"}, "policing.api_views"),
    # reports.tasks imports reports.services: services importing tasks again closes a cycle.
    "an import cycle": ({"reports/services.py": "from . import tasks"}, "No cycles are allowed in reports"),
}


@pytest.mark.parametrize("case", BREAKING_IMPORTS)
def test_a_forbidden_import_breaks_the_contracts(copy_of_the_apps, case):
    changes, expected = BREAKING_IMPORTS[case]
    originals = {}
    for relative, line in changes.items():
        path = copy_of_the_apps / relative
        originals[path] = path.read_text() if path.exists() else None
        path.write_text((originals[path] or "") + f"\n{line}  # noqa\n")
    try:
        result = _lint_imports(copy_of_the_apps)
    finally:
        for path, text in originals.items():
            if text is None:
                path.unlink()
            else:
                path.write_text(text)
    assert result.returncode == 1, result.stdout[-3000:]
    assert expected in result.stdout, result.stdout[-3000:]
