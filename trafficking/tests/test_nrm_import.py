import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trafficking.models import NrmStatistic

from .helpers import GOOD, HEADINGS, upload_nrm, xlsx

pytestmark = pytest.mark.django_db


def test_preview_then_confirm_imports_all_rows_and_reimport_adds_no_duplicates(thb_client):
    response = upload_nrm(thb_client, xlsx(GOOD))
    assert response.context["row_count"] == 3 and not NrmStatistic.objects.exists()  # preview only
    assert "&lt;5" in response.content.decode()  # even the preview suppresses small counts
    thb_client.post(reverse("trafficking:nrm_import"), {"confirm": "1"})
    assert NrmStatistic.objects.count() == 3
    assert NrmStatistic.objects.get(quarter=2).stage == "assisted"
    upload_nrm(thb_client, xlsx([[*GOOD[0][:-1], 15]]))
    thb_client.post(reverse("trafficking:nrm_import"), {"confirm": "1"})
    assert NrmStatistic.objects.count() == 3
    assert NrmStatistic.objects.get(exploitation="sexual").count == 15


def test_row_errors_use_spreadsheet_row_numbers_and_nothing_is_saved(thb_client):
    rows = [GOOD[0], [2021, None, "woman", "adult", "sexual", "national", "identified", 4], [1999, None, *GOOD[0][2:]]]
    rows.append(GOOD[0])  # row 5 duplicates row 2
    response = upload_nrm(thb_client, xlsx(rows))
    errors = dict(response.context["errors"])
    assert set(errors) == {3, 4, 5}
    assert "sex" in errors[3] and "year" in errors[4] and "row 2" in errors[5]
    assert "Row 3:" in response.content.decode()
    thb_client.post(reverse("trafficking:nrm_import"), {"confirm": "1"})
    assert not NrmStatistic.objects.exists()


@pytest.mark.parametrize(
    "heading",
    [
        "Name",
        "Surname",
        "Victim full name",
        "Date of birth",
        "Birth date",
        "Passport No.",
        "Case narrative",
        "Soyadı",
        "Doğum tarixi",
        "ŞƏXSİYYƏT VƏSİQƏSİ",
        "Фамилия",
        "Дата рождения",
        "Описание дела",
    ],
)
def test_victim_level_columns_refuse_the_whole_file(thb_client, heading):
    response = upload_nrm(thb_client, xlsx([[*GOOD[0], "x"]], headings=[*HEADINGS, heading]))
    message = " ".join(response.context["form"].errors["file"])
    assert "individual victims" in message and heading in message
    assert "preview" not in response.context
    assert not NrmStatistic.objects.exists()


def test_unknown_columns_and_non_xlsx_files_are_refused_with_a_message(thb_client):
    response = upload_nrm(thb_client, xlsx([GOOD[0] + [1]], headings=[*HEADINGS, "Region"]))
    assert "Unknown columns: Region" in response.context["form"].errors["file"][0]
    response = upload_nrm(thb_client, SimpleUploadedFile("nrm.xlsx", b"not a zip"))
    assert "not an Excel" in response.context["form"].errors["file"][0]
    response = upload_nrm(thb_client, SimpleUploadedFile("nrm.csv", b"a,b"))
    assert response.context["form"].errors["file"]


def test_managers_cannot_import(personas):
    assert upload_nrm(personas["manager"], xlsx(GOOD)).status_code == 403


def test_opendocument_and_legacy_excel_sheets_import_like_xlsx(thb_client, tmp_path):
    """The NRM import reads through programmes.spreadsheets, so LibreOffice and Excel 97-2003 files work too."""
    import xlwt
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document, table = OpenDocumentSpreadsheet(), Table(name="NRM")
    legacy = xlwt.Workbook()
    sheet = legacy.add_sheet("NRM")
    for number, values in enumerate([HEADINGS, *GOOD]):
        row = TableRow()
        for column, value in enumerate(values):
            cell = (
                TableCell(valuetype="float", value=value) if isinstance(value, int) else TableCell(valuetype="string")
            )
            cell.addElement(P(text="" if value is None else str(value)))
            row.addElement(cell)
            sheet.write(number, column, value)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(tmp_path / "nrm.ods"))
    legacy.save(str(tmp_path / "nrm.xls"))
    for name in ("nrm.ods", "nrm.xls"):
        response = upload_nrm(thb_client, SimpleUploadedFile(name, (tmp_path / name).read_bytes()))
        assert response.context["row_count"] == len(GOOD), response.context["form"].errors


def test_a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused(thb_client, tmp_path):
    """The attack of issue 12: 400 MB of shared strings in a file of about 400 KB (memory measured in
    programmes/tests/test_spreadsheets.py)."""
    from programmes.tests.helpers import shared_strings_bomb

    shared_strings_bomb(tmp_path / "nrm.xlsx")
    response = upload_nrm(thb_client, SimpleUploadedFile("nrm.xlsx", (tmp_path / "nrm.xlsx").read_bytes()))
    assert "unpacks to more than 50 MB" in response.context["form"].errors["file"][0]
    assert not NrmStatistic.objects.exists()
