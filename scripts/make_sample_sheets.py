"""Write the sample sign-in sheets in docs/samples/: an XLSX with Azerbaijani headings and a CSV with the same people
in English, both importable with programmes.attendance_import into a training held on 6-7 October 2011; the same
people as an Excel 97-2003 .xls, as a LibreOffice .ods with Russian headings under a title line, and as an XLSX with
two-level headings ("İştirakçı" merged over Ad / Soyad / Ata adı, "Test nəticələri" over İlkin test / Yekun test).

LibreOffice is not needed: .xls is written with xlwt and .ods with odfpy (development-only dependencies).

Run from the repository root: .venv/bin/python scripts/make_sample_sheets.py
The sheets are committed; run this again only when the samples should change.
"""

import csv
import datetime
from pathlib import Path

import openpyxl

OUT = Path(__file__).resolve().parents[1] / "docs" / "samples"
DAY_1, DAY_2 = datetime.date(2011, 10, 6), datetime.date(2011, 10, 7)
FIXED_TIME = datetime.datetime(2011, 10, 7, 18, 0)  # so the workbook's properties do not change on every run

# first name, last name, father's name, sex as written on the sheet, organisation acronym, position, days,
# pre-test, post-test, certificate. Sex is written in the mixed ways real sheets use (Q/K, qadın/kişi, F/M).
PEOPLE = [
    ("Aytən", "Əliyeva", "Vaqif", "Q", "MIA-PP", "Polis leytenantı", "both", 55, 80, True),
    ("Rəşad", "Hüseynov", "Elçin", "K", "MIA-PP", "Polis baş leytenantı", "both", 60, 85, True),
    ("Gülşən", "Məmmədova", "Tofiq", "qadın", "MIA-SRU", "Baş inspektor", "both", 45, 75, True),
    ("Çingiz", "Quliyev", "Arif", "kişi", "MIA-SRU", "Kapitan", "first", 70, None, False),
    ("Ülvi", "Həsənov", "Rafiq", "M", "MIA-IT", "Mayor", "both", 50, 90, True),
    ("Şəbnəm", "Cəfərova", "Məhəmməd", "F", "MIA-IT", "İnspektor", "both", 65, 88, True),
    ("Tuğrul", "Səfərov", "Nadir", "K", "MIA-PP", "Serjant", "second", None, 72, False),
    ("Gözəl", "Ağayeva", "Şahin", "Q", "MIA-PP", "Polis leytenantı", "both", 40, 70, True),
    ("Elçin", "İsmayılov", "Zakir", "kişi", "MIA-SRU", "Baş leytenant", "both", 58, 83, True),
    ("Könül", "Rəhimova", "Ələkbər", "qadın", "MIA-IT", "Leytenant", "first", 62, None, False),
    ("Fərid", "Nəsirov", "Vüsal", "M", "MIA-IT", "Kapitan", "both", 48, 79, True),
    ("Səbinə", "Bağırova", "Oqtay", "F", "MIA-PP", "Baş inspektor", "both", 67, 91, True),
    ("İlqar", "Qasımov", "Nizami", "K", "MIA-SRU", "Mayor", "both", 53, 77, True),
    ("Nərmin", "Əhmədova", "Fikrət", "Q", "MIA-SRU", "İnspektor", "second", None, 81, False),
    ("Vüqar", "Şükürov", "Ramiz", "kişi", "MIA-IT", "Polkovnik-leytenant", "both", 72, 94, True),
    ("Xədicə", "Abbasova", "Əli", "qadın", "MIA-PP", "Leytenant", "both", 44, 68, True),
    ("Orxan", "Süleymanov", "Yaşar", "M", "MIA-PP", "Serjant", "first", 57, None, False),
    ("Ləman", "Kərimova", "Mübariz", "F", "MIA-IT", "Baş leytenant", "both", 61, 86, True),
    ("Toğrul", "Mustafayev", "Cavid", "K", "MIA-SRU", "Kapitan", "both", 49, 74, True),
    ("Ülkər", "Sadıqova", "Həsən", "Q", "MIA-IT", "İnspektor", "both", 66, 89, True),
]
DAYS = {"both": (DAY_1, DAY_2), "first": (DAY_1,), "second": (DAY_2,)}
# One row per person per day, as the sheet is signed; the importer counts each person's days.
HEADINGS_AZ = ["№", "Ad", "Soyad", "Ata adı", "Cins", "Təşkilat", "Vəzifə", "Tarix", "İlkin test", "Yekun test",
               "Sertifikat", "İmza"]  # fmt: skip
HEADINGS_EN = ["No.", "First name", "Last name", "Patronymic", "Sex", "Organisation", "Position", "Date", "Pre-test",
               "Post-test", "Certificate", "Signature"]  # fmt: skip
HEADINGS_RU = ["№", "Имя", "Фамилия", "Отчество", "Пол", "Организация", "Должность", "Дата", "Предтест", "Посттест",
               "Сертификат", "Подпись"]  # fmt: skip


def _blank(value):
    return "" if value is None else value


def sheet_rows(yes: str, no: str, date_format: str | None):
    number = 0
    for first, last, father, sex, org, position, days, pre, post, certificate in PEOPLE:
        for day in DAYS[days]:
            number += 1
            date = day.strftime(date_format) if date_format else day
            yield [number, first, last, father, sex, org, position, date, _blank(pre), _blank(post),
                   yes if certificate else no, ""]  # fmt: skip


def write_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "İştirakçılar"
    sheet.append(HEADINGS_AZ)
    for row in sheet_rows("bəli", "xeyr", date_format=None):
        sheet.append(row)
    for cell in sheet["H"][1:]:
        cell.number_format = "DD.MM.YYYY"  # real Excel date cells, shown the way Baku writes dates
    for column, width in zip("ABCDEFGHIJKL", (5, 12, 14, 12, 7, 10, 22, 12, 10, 10, 11, 12), strict=True):
        sheet.column_dimensions[column].width = width
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.save(path)


def write_two_level_xlsx(path: Path) -> None:
    """Title lines, then a heading in two rows: a group merged over its columns, the other headings merged down."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "İştirakçılar"
    sheet.append(["Təlim: İctimai toplantıların idarə edilməsi"])
    sheet.append(["06-07.10.2011, Bakı"])
    upper = ["№", "İştirakçı", "", "", "Cins", "Təşkilat", "Vəzifə", "Tarix", "Test nəticələri", "", "Sertifikat",
             "İmza"]  # fmt: skip
    lower = ["", "Ad", "Soyad", "Ata adı", "", "", "", "", "İlkin test", "Yekun test", "", ""]
    sheet.append(upper)
    sheet.append(lower)
    for merged in ("B3:D3", "I3:J3", "A3:A4", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "K3:K4", "L3:L4"):
        sheet.merge_cells(merged)
    for row in sheet_rows("bəli", "xeyr", date_format=None):
        sheet.append(row)
    for cell in sheet["H"][4:]:
        cell.number_format = "DD.MM.YYYY"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.save(path)


def write_xls(path: Path) -> None:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Istirakcilar")
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for column, heading in enumerate(HEADINGS_AZ):
        sheet.write(0, column, heading)
    for number, row in enumerate(sheet_rows("bəli", "xeyr", date_format=None), start=1):
        for column, value in enumerate(row):
            sheet.write(
                number, column, value, date_style if isinstance(value, datetime.date) else xlwt.Style.default_style
            )
    workbook.save(str(path))


def write_ods(path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    def cell(value):
        if isinstance(value, datetime.date):
            made = TableCell(valuetype="date", datevalue=value.isoformat())
        elif isinstance(value, int) and not isinstance(value, bool):
            made = TableCell(valuetype="float", value=value)
        elif value == "":
            return TableCell()
        else:
            made = TableCell(valuetype="string")
        made.addElement(P(text=value.strftime("%d.%m.%Y") if isinstance(value, datetime.date) else str(value)))
        return made

    document = OpenDocumentSpreadsheet()
    table = Table(name="Участники")
    rows = [["Семинар по управлению публичными мероприятиями, 6-7 октября 2011"], [], HEADINGS_RU]
    rows += list(sheet_rows("да", "нет", date_format=None))
    for values in rows:
        row = TableRow()
        for value in values:
            row.addElement(cell(value))
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))


def write_csv(path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADINGS_EN)
        writer.writerows(sheet_rows("yes", "no", date_format="%d.%m.%Y"))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write_xlsx(OUT / "attendance_sheet.xlsx")
    write_csv(OUT / "attendance_sheet.csv")
    write_xls(OUT / "attendance_sheet.xls")
    write_ods(OUT / "attendance_sheet.ods")
    write_two_level_xlsx(OUT / "attendance_two_level_headings.xlsx")
    print(f"wrote the sample sheets in {OUT}")
