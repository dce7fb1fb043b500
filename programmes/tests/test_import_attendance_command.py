import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from programmes.models import ImportRun, ParticipantMode, Participation, Person
from programmes.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


@pytest.fixture
def training():
    call_command("seed_reference", stdout=io.StringIO())
    return ActivityFactory(start_date=datetime.date(2011, 10, 6), end_date=datetime.date(2011, 10, 7))


def run(*args):
    out = io.StringIO()
    call_command("import_attendance", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_previews_and_writes_nothing(training):
    out = run(training.pk, SAMPLES / "attendance_sheet.xlsx", "--dry-run")
    assert "to create: 20, to match: 0, to skip: 0" in out
    assert "ignored columns: №, İmza" in out and "Dry run: nothing was written." in out
    assert not Person.objects.exists() and not Participation.objects.exists()


def test_import_writes_and_a_second_run_skips_everyone(training):
    out = run(training.pk, SAMPLES / "attendance_sheet.csv")
    assert "Imported: 20 added to the activity (20 new people, 0 already known), 0 already on it" in out
    assert Participation.objects.filter(activity=training).count() == 20
    out = run(training.pk, SAMPLES / "attendance_sheet.xlsx")
    assert "to skip: 20" in out and "Imported: 0 added" in out
    assert Person.objects.count() == 20


def test_bad_rows_are_printed_and_the_command_fails(training, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Ad,Soyad,Cins,Tarix\nAysel,Əliyeva,Q,06.10.2011\nRəşad,,K,09.10.2011\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_attendance", str(training.pk), str(sheet), stdout=out)
    assert "row 3: Soyad: The last name is missing." in out.getvalue()
    assert "row 3: Tarix: 09.10.2011 is outside the activity's dates (06.10.2011 to 07.10.2011)." in out.getvalue()
    assert not Person.objects.exists()


def test_refused_files_and_activities_fail_with_the_reason(training, tmp_path):
    fake = tmp_path / "sheet.xlsx"
    fake.write_text("First name,Last name\n")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        run(training.pk, fake)
    with pytest.raises(CommandError, match="Cannot read"):
        run(training.pk, tmp_path / "missing.csv")
    with pytest.raises(CommandError, match="No activity with id 0"):
        run(0, SAMPLES / "attendance_sheet.csv")
    headcount = ActivityFactory(participant_mode=ParticipantMode.HEADCOUNT)
    with pytest.raises(CommandError, match="headcount only"):
        run(headcount.pk, SAMPLES / "attendance_sheet.csv")
    assert not Person.objects.exists()


def test_an_import_from_the_command_line_is_recorded_by_nobody_with_the_bare_file_name(training):
    run(training.pk, SAMPLES / "attendance_sheet.csv")
    recorded = ImportRun.objects.get()
    assert (recorded.started_by, recorded.file_name, recorded.created) == (None, "attendance_sheet.csv", 20)
