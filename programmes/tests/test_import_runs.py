"""Every sign-in sheet import leaves a run record (issue 17 §4): who, when, which file, what came of it, and a link
to the activity; rejected ones too, with nothing of the sheet saved. The uploader sees their runs on the home page,
nobody else does, and a run keeps no participant's name."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import import_runs
from programmes.models import ImportRun, Participation, Person
from programmes.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _sheet(rows, name="sign-in 12 May.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode())


GOOD = [["First name", "Last name", "Sex"], ["Aysel", "Məmmədova", "F"], ["Elçin", "Quliyev", "M"]]


def _import(client, activity, rows, name="sign-in 12 May.csv"):
    url = reverse("participant_import", args=[activity.pk])
    response = client.post(url, {"file": _sheet(rows, name)})
    assert response.status_code == 200
    if response.context.get("token"):
        return client.post(url, {"token": response.context["token"]})
    return response


def _values(run) -> str:
    return " ".join(str(value) for value in run.__dict__.values())


def test_an_import_is_recorded_with_its_outcome_and_a_link_to_the_activity(personas, staff_policing):
    activity = ActivityFactory(unit_area="policing")
    response = _import(personas["staff_same_unit"], activity, GOOD, name=r"C:\Users\nigar\sign-in 12 May.csv")
    assert response.status_code == 302 and Participation.objects.filter(activity=activity).count() == 2
    run = ImportRun.objects.get()
    assert (run.kind, run.started_by, run.unit_area, run.outcome) == ("attendance", staff_policing, "policing",
                                                                      "imported")  # fmt: skip
    assert (run.file_name, run.created, run.updated, run.rejected) == ("sign-in 12 May.csv", 2, 0, 0)
    assert run.link == reverse("activity_detail", args=[activity.pk])
    assert "Məmmədova" not in _values(run) and "Aysel" not in _values(run)


def test_a_sheet_with_bad_rows_is_recorded_as_rejected_and_nothing_is_saved(personas, staff_policing):
    activity = ActivityFactory(unit_area="policing")
    rows = [*GOOD, ["Samir", "Hüseynov", "X"], ["Leyla", "", "F"]]
    _import(personas["staff_same_unit"], activity, rows)
    assert not Participation.objects.exists() and not Person.objects.exists()
    run = ImportRun.objects.get()
    assert (run.outcome, run.created, run.rejected, run.error_rows) == ("rejected", 0, 2, [4, 5])
    assert "Samir" not in _values(run) and "Hüseynov" not in _values(run)  # row numbers, never the cells


def test_a_file_refused_as_a_whole_is_recorded_without_its_contents(personas, staff_policing):
    """No heading row: the page names the row it took as headings, which here holds a name; the run does not."""
    activity = ActivityFactory(unit_area="policing")
    response = _import(personas["staff_same_unit"], activity, [["Rəşad", "Cəfərov", "M"]])
    assert "Rəşad" in response.context["form"].errors["file"][0]
    run = ImportRun.objects.get()
    assert run.outcome == "rejected" and run.file_refused and run.error_rows == []
    assert "Rəşad" not in _values(run)


def test_a_sheet_that_became_invalid_before_confirmation_is_recorded_as_rejected(staff_policing):
    from programmes.attendance_import import ImportInvalid, apply_import

    activity = ActivityFactory(unit_area="policing")
    with pytest.raises(ImportInvalid):
        apply_import(activity=activity, uploaded_file=_sheet([*GOOD, ["A", "B", "?"]]), user=staff_policing)
    run = ImportRun.objects.get()
    assert (run.outcome, run.rejected, run.error_rows) == ("rejected", 1, [4])
    assert not Participation.objects.exists()


def test_the_run_commits_or_rolls_back_with_the_rows(staff_policing):
    """Recorded in the import's own transaction: if anything after it fails, neither rows nor run remain."""
    from programmes.attendance_import import apply_import

    activity = ActivityFactory(unit_area="policing")
    with pytest.raises(RuntimeError), transaction.atomic():
        apply_import(activity=activity, uploaded_file=_sheet(GOOD), user=staff_policing)
        assert ImportRun.objects.filter(outcome="imported").count() == 1
        raise RuntimeError("after the import, in the same transaction")
    assert not ImportRun.objects.exists() and not Participation.objects.exists()


def test_a_rejected_run_cannot_claim_saved_rows(staff_policing):
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportRun.objects.create(kind="attendance", started_by=staff_policing, file_name="x.csv", outcome="rejected",
                                 created=3)  # fmt: skip


def test_only_the_first_row_numbers_are_kept_and_the_rest_counted(staff_policing):
    run = import_runs.record_rejected(kind="attendance", user=staff_policing, file_name="big.csv",
                                      error_rows=[*range(30, 2, -1), 3, 3])  # fmt: skip
    assert run.rejected == 28 and run.error_rows == list(range(3, 13)) and run.more_error_rows == 18


def test_staff_see_their_imports_on_the_home_page_and_nobody_else_does(personas, staff_policing):
    activity = ActivityFactory(unit_area="policing")
    _import(personas["staff_same_unit"], activity, [*GOOD, ["A", "B", "?"]], name="first try.csv")
    _import(personas["staff_same_unit"], activity, GOOD, name="second try.csv")
    response = personas["staff_same_unit"].get(reverse("home"))
    page = response.content.decode()
    assert [run.file_name for run in response.context["imports"]] == ["second try.csv", "first try.csv"]
    assert 'data-testid="home-imports"' in page
    assert f'href="{reverse("activity_detail", args=[activity.pk])}"' in page
    assert 'data-outcome="imported"' in page and 'data-outcome="rejected"' in page
    assert "2 created, 0 updated" in page and "1 row with errors: 4" in page
    other = personas["staff_other_unit"].get(reverse("home"))
    assert other.context["imports"] == [] and "first try.csv" not in other.content.decode()
    assert "You have not imported any file yet." in other.content.decode()
    manager = personas["manager"].get(reverse("home"))
    assert "imports" not in manager.context  # no imports of their own, and not staff: no panel


def test_the_imports_panel_costs_one_query_however_many_runs(personas, staff_policing):
    def count():
        with CaptureQueriesContext(connection) as queries:
            personas["staff_same_unit"].get(reverse("home"))
        return len(queries.captured_queries)

    import_runs.record_rejected(kind="attendance", user=staff_policing, file_name="a.csv", error_rows=[2])
    small = count()
    for n in range(6):
        import_runs.record_rejected(kind="attendance", user=staff_policing, file_name=f"{n}.csv", error_rows=[2])
    assert count() == small


def test_the_import_list_pages_through_the_users_own_runs(personas, staff_policing, staff_ct, monkeypatch):
    from programmes.views import imports

    for n in range(3):
        import_runs.record_rejected(kind="attendance", user=staff_policing, file_name=f"mine {n}.csv", error_rows=[2])
    import_runs.record_rejected(kind="attendance", user=staff_ct, file_name="theirs.csv")
    home = personas["staff_same_unit"].get(reverse("home")).content.decode()
    assert f'href="{reverse("import_list")}"' in home
    monkeypatch.setattr(imports, "PAGE_SIZE", 2)
    first = personas["staff_same_unit"].get(reverse("import_list"))
    second = personas["staff_same_unit"].get(reverse("import_list"), {"page": 2})
    assert [run.file_name for run in first.context["page"]] == ["mine 2.csv", "mine 1.csv"]
    assert [run.file_name for run in second.context["page"]] == ["mine 0.csv"]
    assert "theirs.csv" not in first.content.decode() + second.content.decode()
    empty = personas["manager"].get(reverse("import_list"))
    assert empty.status_code == 200 and "You have not imported any file yet." in empty.content.decode()
