"""Letter case in the active language (osce_baku.text): Azerbaijani i <-> İ and ı <-> I, everywhere text is cased.

The last test reads the templates and the Python code and fails on a case change that does not know the language.
"""

import re
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from osce_baku import text
from programmes.models import Participation, Programme
from reports.writers import heading

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("language", "word", "upper", "lower", "capfirst"),
    [
        ("az", "istiqamət", "İSTİQAMƏT", "istiqamət", "İstiqamət"),
        ("az", "ılkin", "ILKİN", "ılkin", "Ilkin"),
        ("az", "İyun IĞDIR", "İYUN IĞDIR", "iyun ığdır", "İyun IĞDIR"),
        ("en", "istanbul", "ISTANBUL", "istanbul", "Istanbul"),
        ("en", "İstanbul", "İSTANBUL", "istanbul", "İstanbul"),
        ("ru", "исполнитель", "ИСПОЛНИТЕЛЬ", "исполнитель", "Исполнитель"),
    ],
)
def test_case_follows_the_language(language, word, upper, lower, capfirst):
    with translation.override(language):
        assert (text.upper(word), text.lower(word), text.capfirst(word)) == (upper, lower, capfirst)
    # the language can also be named outright, whatever is active
    assert text.upper(word, language) == upper


def test_template_filters_case_in_the_active_language():
    template = Template("{{ w|capfirst_text }} {{ w|upper_text }} {{ u|lower_text }}")
    with translation.override("az"):
        assert template.render(Context({"w": "iclas", "u": "ICRA"})) == "İclas İCLAS ıcra"
    with translation.override("en"):
        assert template.render(Context({"w": "iclas", "u": "ICRA"})) == "Iclas ICLAS icra"


@pytest.mark.parametrize(
    ("model", "field", "expected"),
    [
        (Programme, "unit_area", "İstiqamət"),
        (Participation, "pre_test_score", "İlkin test balı"),
    ],
)
def test_form_labels_and_report_headings_from_verbose_names(model, field, expected):
    form_class = forms.modelform_factory(model, fields=[field])
    with translation.override("az"):
        assert str(form_class().fields[field].label) == expected  # Django's capfirst, pointed at ours
        assert heading(model._meta.get_field(field).verbose_name) == expected


CASE_IN_TEMPLATES = re.compile(r"\|\s*(capfirst|upper|lower|title)\b")
CASE_IN_PYTHON = re.compile(r"from django\.utils\.text import .*\bcapfirst\b|\.(capitalize|title|swapcase)\(\)")
SKIP_DIRS = {".venv", "node_modules", "vendor", "staticfiles", ".git", "migrations"}


def _files(suffixes):
    for path in ROOT.rglob("*"):
        if path.suffix in suffixes and not SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def test_no_case_change_ignores_the_language():
    """Django's |capfirst, |upper, |lower, |title and capfirst() use English rules: 'istiqamət' -> 'Istiqamət'."""
    offenders = []
    for path in _files({".html", ".txt", ".xml"}):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CASE_IN_TEMPLATES.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for path in _files({".py"}):
        if path.relative_to(ROOT).as_posix() in {"osce_baku/text.py", "tests/test_letter_case.py"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CASE_IN_PYTHON.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use osce_baku.text (capfirst_text, upper_text, lower_text) instead:\n" + "\n".join(offenders)
