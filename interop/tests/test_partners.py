"""Partner and contact exchange: administrators only; dry run with row errors; all-or-nothing; idempotent."""

import io

import openpyxl
import pytest

from programmes.models import Contact, Partner
from programmes.tests.factories import PartnerFactory

from .helpers import PARTNER_HEADER, upload_partners

pytestmark = pytest.mark.django_db


def test_dry_run_lists_row_errors_and_saves_nothing(personas):
    rows = (
        "MIA,Ministry of Internal Affairs,government,,2001-01-01,Elnur Q.,not-an-email\n"
        "PP,Patrol Police,law_enforcement,NOPE,,,\n"
        ",Nameless kind,spaceship,,,,\n"
    )
    context = upload_partners(personas["administrator"], PARTNER_HEADER + rows, apply=True)
    errors = [(e.row, e.column) for e in context["report"].errors]
    assert errors == [(2, "contact_email"), (3, "parent_acronym"), (4, "kind")]
    assert not context["report"].applied
    assert not Partner.objects.exists() and not Contact.objects.exists()


def test_import_creates_updates_and_is_idempotent(personas):
    existing = PartnerFactory(acronym="MIA", name="Ministry of Internal Affairs (old name)", kind="government")
    rows = (
        "MIA,Ministry of Internal Affairs,Government,,2001-01-01,Elnur Quliyev,elnur@example.org\n"
        "MIA,Ministry of Internal Affairs,Government,,2001-01-01,Aysel Məmmədova,\n"
        "PP,Patrol Police,law_enforcement,MIA,,,\n"
    )
    client = personas["administrator"]
    dry = upload_partners(client, PARTNER_HEADER + rows)["report"]
    assert dry.counts == {
        "partners_new": 1, "partners_changed": 1, "partners_unchanged": 0, "contacts_new": 2, "contacts_changed": 0,
    }  # fmt: skip
    assert not dry.applied and Partner.objects.count() == 1
    applied = upload_partners(client, PARTNER_HEADER + rows, apply=True)["report"]
    assert applied.applied and not applied.errors
    existing.refresh_from_db()
    assert existing.name == "Ministry of Internal Affairs" and existing.contacts.count() == 2
    assert Partner.objects.get(acronym="PP").parent == existing
    again = upload_partners(client, PARTNER_HEADER + rows, apply=True)["report"]
    assert again.counts["partners_unchanged"] == 2 and again.counts["contacts_new"] == 0
    assert Partner.objects.count() == 2 and Contact.objects.count() == 2


def test_rows_of_one_partner_must_agree(personas):
    rows = "MIA,Ministry,government,,,A,\nMIA,Other name,government,,,B,\n"
    errors = upload_partners(personas["administrator"], PARTNER_HEADER + rows)["report"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "name")]


def test_export_round_trips_as_xlsx_and_csv(personas):
    parent = PartnerFactory(acronym="MIA", name="Ministry", kind="government")
    child = PartnerFactory(acronym="PP", name="Patrol Police", parent=parent)
    Contact.objects.create(partner=child, name="Rəşad Əliyev", email="r@example.org")
    PartnerFactory(acronym=None, name="Unnamed NGO", kind="civil_society")
    client = personas["administrator"]
    csv_response = client.get("/interop/partners/export.csv")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    assert "Rəşad Əliyev" in csv_response.content.decode("utf-8-sig")
    xlsx = client.get("/interop/partners/export.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert [cell.value for cell in sheet[1]][:3] == ["acronym", "name", "name_az"]
    for content, name in ((csv_response.content, "p.csv"), (xlsx, "p.xlsx")):
        report = upload_partners(client, content, apply=True, name=name)["report"]
        assert report.applied and not report.errors, report.errors
        assert report.counts["partners_new"] == 0 and report.counts["partners_changed"] == 0
    assert Partner.objects.count() == 3 and Contact.objects.count() == 1


def test_bad_files_are_refused_whole(personas):
    context = upload_partners(personas["administrator"], "name,kind\nX,government\n")
    assert "acronym" in context["file_error"]
    context = upload_partners(personas["administrator"], b"\x00\x01binary", name="p.xlsx")
    assert context["file_error"]


def test_only_administrators(personas):
    for persona in ("staff_same_unit", "manager"):
        assert personas[persona].post("/interop/partners/", {}).status_code == 403
        assert personas[persona].get("/interop/partners/export.xlsx").status_code == 403


def test_legacy_excel_imports_and_a_shared_strings_bomb_is_refused(personas, tmp_path):
    """The partner import reads through programmes.spreadsheets: Excel 97-2003 works, the 400 MB workbook does not."""
    import xlwt

    from programmes.tests.helpers import shared_strings_bomb

    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Partners")
    for number, row in enumerate(
        [PARTNER_HEADER.strip().split(","), ["MIA", "Ministry of Internal Affairs", "government"]]
    ):
        for column, value in enumerate(row):
            sheet.write(number, column, value)
    workbook.save(str(tmp_path / "partners.xls"))
    context = upload_partners(
        personas["administrator"], (tmp_path / "partners.xls").read_bytes(), apply=True, name="p.xls"
    )
    assert context["report"].applied and Partner.objects.get().acronym == "MIA"

    shared_strings_bomb(tmp_path / "bomb.xlsx")
    context = upload_partners(personas["administrator"], (tmp_path / "bomb.xlsx").read_bytes(), name="partners.xlsx")
    assert "unpacks to more than 50 MB" in context["file_error"]
