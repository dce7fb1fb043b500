"""Test modules import shared code from helper modules (`<app>/tests/helpers.py`, `factories.py`, `tests/routes.py`
...), never from another test module: importing one runs its module-level setup again, hides shared code among tests,
and lets a change to one test file break tests elsewhere."""

import ast
import os
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED_FOLDERS = {"node_modules", "staticfiles", "media", "__pycache__"}
# A module pytest collects (pyproject: python_files = test_*.py) inside a tests package; osce_baku.test_settings is
# the settings module for tests, not a test module.
TEST_MODULE = re.compile(r"(^|\.)tests\.test_\w+$")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imported_modules(source: str, module: str):
    """Every module a source file imports, relative imports resolved against `module` (the file's dotted name)."""
    package = module.rsplit(".", 1)[0] if "." in module else ""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            name = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            yield name
            yield from (f"{name}.{alias.name}" for alias in node.names)  # from package import test_module


def imported_test_modules(source: str, module: str) -> list[str]:
    return sorted({name for name in imported_modules(source, module) if TEST_MODULE.search(name)})


@pytest.mark.parametrize(
    ("source", "module", "found"),
    [
        ("from reports.tests.test_builders import build", "policing.tests.test_x", ["reports.tests.test_builders"]),
        ("from .test_mfa import code_for", "accounts.tests.test_login", ["accounts.tests.test_mfa"]),
        ("from ..test_mfa import enrol", "accounts.tests.sub.test_y", ["accounts.tests.test_mfa"]),
        (
            "from programmes.tests import test_spreadsheets",
            "interop.tests.test_x",
            ["programmes.tests.test_spreadsheets"],
        ),
        ("import tests.test_url_access", "tests.test_x", ["tests.test_url_access"]),
        ("from reports.tests.helpers import build", "policing.tests.test_x", []),
        ("from .helpers import MB", "programmes.tests.test_spreadsheets", []),
        ("from osce_baku import test_settings", "tests.test_x", []),
    ],
)
def test_the_check_finds_imports_of_test_modules(source, module, found):
    assert imported_test_modules(source, module) == found


def test_no_module_imports_a_test_module():
    offenders = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS]
        for file in files:
            if file.endswith(".py"):
                path = Path(folder) / file
                found = imported_test_modules(path.read_text(encoding="utf-8"), _module_name(path))
                offenders += [f"{path.relative_to(ROOT)}: {name}" for name in found]
    assert not offenders, "move what these share into a helper module (e.g. <app>/tests/helpers.py):\n" + "\n".join(
        offenders
    )
