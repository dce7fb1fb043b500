"""The Azerbaijani and Russian catalogues are complete: nothing untranslated or fuzzy, and no string in the code
that makemessages would add. Fails as soon as someone adds a user-facing string without translating it."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("az", "ru")
SKIP_DIRS = {".venv", ".git", "node_modules", "staticfiles", "media", "static", "bench", "scripts", "docs", "backups"}

pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="gettext tools are not installed")


def _msgids(po_file: Path) -> set[str]:
    """msgids (with context) of a .po file, read the way gettext does: concatenated quoted lines."""
    ids, current, context, field = set(), None, "", None
    for line in po_file.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#~"):
            continue
        if line.startswith("msgctxt "):
            context, field = _unquote(line[8:]), "ctxt"
        elif line.startswith("msgid "):
            current, field = _unquote(line[6:]), "id"
        elif line.startswith('"') and field == "id":
            current += _unquote(line)
        elif line.startswith('"') and field == "ctxt":
            context += _unquote(line)
        elif line.startswith(("msgstr", "msgid_plural")) or not line.strip():
            if field == "id" and current:
                ids.add(f"{context}\x04{current}" if context else current)
                context = ""
            field = None
    return ids


def _unquote(text: str) -> str:
    return re.sub(r"^\s*\"|\"\s*$", "", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True)
        entries = [line[6:] for line in out.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
        assert not entries, f"{language}: {len(entries)} {flag[2:]} entries, e.g. {entries[:5]}"


def test_makemessages_would_add_nothing(tmp_path):
    """Run makemessages on a copy of the project and compare with the committed catalogues."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=lambda d, names: [n for n in names if n in SKIP_DIRS or n.endswith(".mo")])
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "osce_baku.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "az", "--no-obsolete", "--ignore=static/vendor"],
        cwd=copy, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    fresh = _msgids(copy / "locale" / "az" / "LC_MESSAGES" / "django.po")
    for language in LANGUAGES:
        committed = _msgids(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
        missing = sorted(fresh - committed)
        assert not missing, (
            f"{language}: {len(missing)} strings not in the catalogue (run make messages), e.g. {missing[:5]}"
        )
