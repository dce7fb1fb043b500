"""Core code names no unit (issue 16): unit knowledge lives in the unit apps, which plug into the core's registries.

Scans the core modules and the project templates outside the unit folders for the unit areas of the four unit apps
(`UnitArea.POLICING` and the other members, their values as string literals) and for imports of a unit app. What may
name a unit is an explicit, small allow-list; migrations and tests are not scanned (a data migration converts a
unit's rows by name, a test builds a unit's records).
"""

import re
from pathlib import Path

from accounts.units import UnitArea

ROOT = Path(__file__).resolve().parent.parent
CORE = ["programmes", "reports", "audit", "accounts", "api", "interop", "osce_baku", "templates"]
# The unit apps and the area each serves. Democratic control of armed forces has no app: the core serves it and
# registers its defaults in programmes/area_defaults.py.
UNIT_APPS = {
    "policing": UnitArea.POLICING,
    "training": UnitArea.ASSEMBLY,
    "counterterrorism": UnitArea.COUNTERTERRORISM,
    "trafficking": UnitArea.TRAFFICKING,
}
SKIP_PARTS = {"migrations", "tests", "__pycache__"}
UNIT_TEMPLATE_FOLDERS = tuple(f"templates/{app}/" for app in UNIT_APPS)
SUFFIXES = {".py", ".html", ".txt", ".xml", ".js"}

_members = "|".join(area.name for area in UNIT_APPS.values())
_values = "|".join(area.value for area in UNIT_APPS.values())
_apps = "|".join(UNIT_APPS)
NAMES_A_UNIT = re.compile(
    rf"UnitArea\.({_members})\b"  # the enum member
    rf"|[\"']({_values})[\"']"  # its value as a literal
    rf"|^\s*(from|import)\s+({_apps})\b",  # an import of a unit app
    re.MULTILINE,
)

# path -> why it may name a unit. Keep it small: a new entry needs a reason a registry cannot serve.
ALLOWED = {
    "accounts/units.py": "the UnitArea choices themselves",
    "osce_baku/settings.py": "INSTALLED_APPS installs the unit apps (the shell above every layer)",
    "programmes/reference/catalogue.py": "reference data seeded by seed_reference: each area's programme and themes",
}


def _core_files():
    for top in CORE:
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT)
            if path.suffix not in SUFFIXES or SKIP_PARTS.intersection(relative.parts):
                continue
            if not relative.as_posix().startswith(UNIT_TEMPLATE_FOLDERS):
                yield relative.as_posix(), path


def _findings():
    found = {}
    for relative, path in _core_files():
        text = path.read_text(encoding="utf-8")
        lines = [
            f"{relative}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0).strip()}"
            for match in NAMES_A_UNIT.finditer(text)
        ]
        if lines:
            found[relative] = lines
    return found


def test_core_modules_name_no_unit_outside_the_allow_list():
    offenders = [line for relative, lines in _findings().items() if relative not in ALLOWED for line in lines]
    assert not offenders, (
        "core code names a unit; register it from the unit app instead (programmes.registry, reports.registry):\n"
        + "\n".join(offenders)
    )


def test_every_allowed_file_still_needs_its_entry():
    stale = sorted(set(ALLOWED) - set(_findings()))
    assert not stale, f"remove these from ALLOWED, they name no unit any more: {stale}"


def test_the_scan_finds_what_it_looks_for():
    assert NAMES_A_UNIT.search("kind = ReportKind(unit_area=UnitArea.POLICING)")
    assert NAMES_A_UNIT.search("if area == 'trafficking':")
    assert NAMES_A_UNIT.search("    from counterterrorism.models import Strategy")
    assert not NAMES_A_UNIT.search('path("policing/", include("policing.urls"))')  # a module path, not the area
    assert not NAMES_A_UNIT.search("UnitArea.ARMED_FORCES")  # the core's own area
