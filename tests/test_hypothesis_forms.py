"""Property-based tests (hypothesis): whatever is typed or uploaded, the main forms and the attendance import answer
with field or file errors, never an exception (a 500). Bounded to ~50 examples each so the suite stays quick."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.units import UnitArea
from programmes.attendance_import import ImportFileError, preview_import
from programmes.forms import ActivityForm, ParticipationForm, PersonForm
from programmes.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=50,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the work tree; failures print their example anyway
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# What people type: anything, numbers of every size, dates in many shapes, or nothing.
typed = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "2011-02-30", "on", "\x00"]),
)


def _save_and_roll_back(form):
    """A valid form must also save: database constraints and column sizes may not turn into a 500."""
    with transaction.atomic():
        form.save()
        transaction.set_rollback(True)


@BOUNDED
@given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(ActivityForm._meta.fields, typed)), valid=st.booleans())
def test_activity_form_never_raises(staff_policing, data, valid):
    project = _policing_project()
    if valid:
        data = {"project": str(project.pk), "kind": "training", "title": "T", "start_date": str(project.start_date),
                "end_date": str(project.start_date), "participant_mode": "roster", **data}  # fmt: skip
    form = ActivityForm(data, user=staff_policing)
    if form.is_valid():
        form.instance.created_by = staff_policing
        _save_and_roll_back(form)


@BOUNDED
@given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(PersonForm._meta.fields, typed)))
def test_person_form_never_raises(db, data):
    form = PersonForm(data)
    if form.is_valid():
        _save_and_roll_back(form)


@BOUNDED
@given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(ParticipationForm._meta.fields, typed)))
def test_participation_form_never_raises(db, data):
    form = ParticipationForm(data, activity=_policing_activity())
    form.is_valid()


# Headings and values the importer knows, mixed with anything at all, so some sheets get past the heading check.
KNOWN = ["Name", "Surname", "First name", "Last name", "Sex", "Ad", "Soyad", "Cins", "Фамилия", "Имя", "Пол", "Days",
         "Pre-test", "Post-test", "Certificate", "Organisation", "Role", "Date", "F", "M", "Qadın", "yes"]  # fmt: skip
csv_sheets = st.lists(st.lists(st.one_of(typed, st.sampled_from(KNOWN)), max_size=8), max_size=12).map(
    lambda rows: _csv_bytes(rows)
)


def _csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[cell.replace("\x00", "") for cell in row] for row in rows])
    return buffer.getvalue().encode("utf-8", errors="surrogatepass")


@BOUNDED
@given(
    content=st.one_of(st.binary(max_size=2000), csv_sheets),
    name=st.sampled_from(["sheet.csv", "sheet.xlsx", "sheet.xls", "sheet.txt", "sheet"]),
)
def test_attendance_import_preview_only_refuses_with_a_message(db, content, name):
    try:
        preview = preview_import(activity=_policing_activity(), uploaded_file=SimpleUploadedFile(name, content))
    except ImportFileError as error:
        assert error.message
    else:
        for row_error in getattr(preview, "errors", []):
            assert row_error.message


_cache = {}


def _policing_activity():
    if "activity" not in _cache or not type(_cache["activity"]).objects.filter(pk=_cache["activity"].pk).exists():
        _cache["activity"] = ActivityFactory(unit_area=UnitArea.POLICING)
    return _cache["activity"]


def _policing_project():
    return _policing_activity().project
