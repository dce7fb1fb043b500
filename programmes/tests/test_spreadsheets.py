"""Attacks on the one spreadsheet reader (programmes/spreadsheets.py), carried out, and the real-world sheets it reads.

The memory attacks run in a child process: if a defence broke, the reader would take gigabytes (calamine even aborts
the process), which must fail this test rather than the test run. The child reports how much its peak memory grew.
"""

import datetime
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlwt
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from programmes.attendance_import import ImportFileError, preview_import
from programmes.spreadsheets import Limits, read_table

from .factories import ActivityFactory
from .helpers import MB, shared_strings_bomb

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"


# --- Crafted files --------------------------------------------------------------------------------------------------


def sparse_xls(path: Path) -> None:
    """5 KB: two cells at opposite corners of an Excel 97-2003 sheet (calamine builds 16.7 million cells: 1 GB)."""
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("a")
    sheet.write(0, 0, "Ad")
    sheet.write(65535, 255, "x")
    workbook.save(str(path))


def ods(path: Path, rows_xml: str, extra_parts: dict | None = None, content: str | None = None) -> None:
    body = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="s">{rows_xml}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content if content is not None else body)
        archive.writestr(
            "META-INF/manifest.xml", '<m:manifest xmlns:m="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
        )
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)


def _cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def sparse_ods(path: Path) -> None:
    """1.5 KB: a cell, 9,000 empty rows of 10,000 cells, a cell (calamine asks for 2 GB and aborts the process)."""
    ods(
        path,
        f"<table:table-row>{_cell('Ad')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="9000"><table:table-cell table:number-columns-repeated="10000"/>'
        "</table:table-row>"
        f'<table:table-row><table:table-cell table:number-columns-repeated="9999"/>{_cell("x")}</table:table-row>',
    )


def many_sheets_ods(path: Path) -> None:
    """40 tables of 990 x 1,000 cells each: every one under the limit, 40 million cells together (calamine reads
    every table when it opens the file)."""
    table = (
        f"<table:table-row>{_cell('Ad')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="988"><table:table-cell table:number-columns-repeated="1000"/>'
        f'</table:table-row><table:table-row><table:table-cell table:number-columns-repeated="999"/>{_cell("x")}'
        "</table:table-row>"
    )
    ods(path, table + "".join(f'</table:table><table:table table:name="s{i}">{table}' for i in range(39)))


def many_sheets_xls(path: Path) -> None:
    """40 Excel 97-2003 sheets spanning 3,901 rows x 256 columns each: a million cells apiece, 40 million in all."""
    workbook = xlwt.Workbook()
    for number in range(40):
        sheet = workbook.add_sheet(f"s{number}")
        sheet.write(0, 0, "Ad")
        sheet.write(3900, 255, "x")
    workbook.save(str(path))


def wide_ods(path: Path) -> None:
    """One row of one cell repeated 5 million times."""
    ods(path, f"<table:table-row>{_cell('Ad', repeat=5_000_000)}</table:table-row>")


def sparse_xlsx(path: Path) -> None:
    """Two cells at A1 and XFD1048576 (calamine would ask for 550 GB; openpyxl streams it)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Ad"
    workbook.active.cell(row=1_048_576, column=16_384, value="x")
    workbook.save(path)


def lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """The zip with `member`'s unpacked size in its local header and central directory replaced by `declared`."""
    data = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    central = bytes(data).index(b"PK\x01\x02")
    while bytes(data[central + 46 : central + 46 + len(member)]) != member.encode():
        central = bytes(data).index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


# --- Memory: the attacks carried out in a child process -------------------------------------------------------------

CHILD = """
import json, os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))  # a broken defence fails here, not the machine
import django
django.setup()
from programmes.spreadsheets import ImportFileError
from programmes.attendance_import import read_table
from trafficking.nrm_import import parse_sheet
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
outcome = "read"
try:
    with open(sys.argv[2], "rb") as upload:
        (parse_sheet if sys.argv[1] == "nrm" else read_table)(upload)
except ImportFileError as refused:
    outcome = refused.message
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "grew_mb": (after - before) / 1024}))
"""


def read_in_child(importer: str, path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "osce_baku.test_settings", "PYTHONPATH": str(settings.BASE_DIR)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, importer, str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]  # calamine aborts the process when a defence is missing
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("importer", "make", "refusal"),
    [
        ("nrm", shared_strings_bomb, "unpacks to more than 50 MB"),
        ("attendance", shared_strings_bomb, "unpacks to more than 50 MB"),
        ("attendance", sparse_xls, "more than 2000 rows"),
        ("attendance", sparse_ods, "too large an area"),
        ("attendance", wide_ods, "too large an area"),
        ("attendance", many_sheets_ods, "too large an area"),
        ("nrm", many_sheets_xls, "too large an area"),
        ("nrm", sparse_xlsx, "more than 20000 rows"),
    ],
    ids=lambda value: value.__name__.replace("_", "-") if callable(value) else None,
)
def test_memory_attacks_are_refused_and_the_worker_stays_small(tmp_path, importer, make, refusal):
    path = tmp_path / ("a" + {"xls": ".xls", "ods": ".ods"}.get(make.__name__[-3:], ".xlsx"))
    make(path)
    assert path.stat().st_size < 1 * MB  # small on disk...
    result = read_in_child(importer, path)
    assert refusal in result["outcome"]
    assert result["grew_mb"] < 40, result  # ...and the worker stays small (before: 114 MB -> 820 MB for the bomb)


# --- Other attacks on zip-based workbooks ---------------------------------------------------------------------------


def _zip(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_part_that_unpacks_to_more_than_its_header_says_is_refused(tmp_path):
    """zipfile (and other readers) stop at the declared size and never notice the rest: the reader inflates it all."""
    sample = (SAMPLES / "attendance_sheet.ods").read_bytes()
    with zipfile.ZipFile(io.BytesIO(sample)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    content = parts["content.xml"]
    for extra, refusal in ((2 * MB, "not an OpenDocument"), (60 * MB, "unpacks to more than 50 MB")):
        padded = {**parts, "content.xml": content + b" " * extra}
        data = lie_about_size(_zip(padded), "content.xml", declared=len(content))
        with pytest.raises(ImportFileError, match=refusal):
            read_table(SimpleUploadedFile("sheet.ods", data))
    assert len(read_table(SimpleUploadedFile("sheet.ods", _zip(parts)))) == 37  # the same parts, honest


def test_too_many_parts_are_refused():
    parts = {"[Content_Types].xml": "<Types/>", **{f"xl/p{i}.xml": "" for i in range(1001)}}
    with pytest.raises(ImportFileError, match="unpacks to more than"):
        read_table(SimpleUploadedFile("sheet.xlsx", _zip(parts)))


def test_large_shared_strings_are_refused_within_the_unpacked_limit(tmp_path):
    """11 MB of shared strings fit the 50 MB unpacked limit but not the 10 MB for text, whatever the part's name."""
    shared_strings_bomb(tmp_path / "a.xlsx", megabytes=11)
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name in ("xl/sharedStrings.xml", "xl/words.xml"):
        types = parts["[Content_Types].xml"].decode().replace("/xl/sharedStrings.xml", f"/{name}")
        renamed = {**parts, "[Content_Types].xml": types, name: parts["xl/sharedStrings.xml"]}
        if name != "xl/sharedStrings.xml":
            del renamed["xl/sharedStrings.xml"]
        with pytest.raises(ImportFileError, match="more than 10 MB of text"):
            read_table(SimpleUploadedFile("sheet.xlsx", _zip(renamed)))


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


def test_xml_entities_are_refused_in_ods_and_xlsx(tmp_path):
    ods(tmp_path / "a.ods", "", content=LAUGHS + "<office:document-content>&lol9;</office:document-content>")
    with open(tmp_path / "a.ods", "rb") as upload, pytest.raises(ImportFileError, match="not an OpenDocument"):
        read_table(upload)
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Ad"
    workbook.save(tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/workbook.xml"] = LAUGHS + "<workbook>&lol9;</workbook>"
    with pytest.raises(ImportFileError, match="not an Excel workbook"):
        read_table(SimpleUploadedFile("a.xlsx", _zip(parts)))


def test_damaged_xls_and_ods_are_refused_with_a_message(tmp_path):
    sparse_xls(tmp_path / "a.xls")
    damaged = (tmp_path / "a.xls").read_bytes()[:3000]
    with pytest.raises(ImportFileError, match="not an Excel 97-2003 workbook"):
        read_table(SimpleUploadedFile("a.xls", damaged))
    with pytest.raises(ImportFileError, match="not an OpenDocument"):
        read_table(SimpleUploadedFile("a.ods", _zip({"mimetype": "x"})))


def test_limits_are_the_callers():
    rows = "".join(f"<table:table-row>{_cell(str(i))}</table:table-row>" for i in range(30))
    buffer = io.BytesIO()
    ods(buffer, rows)
    with pytest.raises(ImportFileError, match="more than 20 rows"):
        read_table(SimpleUploadedFile("a.ods", buffer.getvalue()), Limits(max_rows=20))
    assert len(read_table(SimpleUploadedFile("a.ods", buffer.getvalue()), Limits(max_rows=29))) == 30


# --- Sheets from real spreadsheet programs --------------------------------------------------------------------------


@pytest.fixture
def training():
    call_command("seed_reference", stdout=io.StringIO())
    return ActivityFactory(start_date=datetime.date(2011, 10, 6), end_date=datetime.date(2011, 10, 7))


@pytest.mark.parametrize(
    ("sample", "ignored", "heading_row"),
    [
        ("attendance_sheet.xls", ["№", "İmza"], 1),
        ("attendance_sheet.ods", ["№", "Подпись"], 3),
        ("attendance_two_level_headings.xlsx", ["№", "İmza"], 4),
    ],
)
def test_legacy_excel_opendocument_and_two_level_samples_import_like_the_xlsx(training, sample, ignored, heading_row):
    with open(SAMPLES / sample, "rb") as sheet:
        preview = preview_import(activity=training, uploaded_file=sheet)
    assert preview.is_valid, preview.errors
    assert preview.counts == {"create": 20, "match": 0, "skip": 0}
    assert (preview.ignored_columns, preview.heading_row) == (ignored, heading_row)
    people = {row.first_name: row for row in preview.rows}
    assert (people["Aytən"].last_name, people["Aytən"].patronymic, people["Aytən"].days_attended) == (
        "Əliyeva",
        "Vaqif",
        2,
    )
    assert (people["Aytən"].pre_test_score, people["Aytən"].post_test_score) == (55, 80)
    assert people["Çingiz"].days_attended == 1 and people["Aytən"].organisation.acronym == "MIA-PP"


def test_two_level_heading_without_merge_information(training):
    """A CSV keeps no merged cells: the group row is the one mostly empty above a full heading row."""
    rows = [
        ["Siyahı"],
        ["№", "İştirakçı", "", "", "Cins", "Test nəticələri", ""],
        ["", "Ad", "Soyad", "Ata adı", "", "İlkin test", "Yekun test"],
        ["1", "Aytən", "Əliyeva", "Vaqif", "Q", "55", "80"],
    ]
    upload = SimpleUploadedFile("sheet.csv", "\n".join(",".join(row) for row in rows).encode())
    preview = preview_import(activity=training, uploaded_file=upload)
    assert preview.is_valid, preview.errors
    row = preview.rows[0]
    assert (row.first_name, row.last_name, row.patronymic, row.sex, row.pre_test_score, row.post_test_score) == (
        "Aytən", "Əliyeva", "Vaqif", "female", 55, 80,
    )  # fmt: skip
    assert preview.heading_row == 3


def test_a_heading_that_is_not_understood_names_the_row_taken(training):
    rows = [["Təlim iştirakçılarının siyahısı"], ["Sıra", "Şəxs", "Cins", "İmza"], ["1", "Aytən Əliyeva", "Q", ""]]
    upload = SimpleUploadedFile("sheet.csv", "\n".join(",".join(row) for row in rows).encode())
    with pytest.raises(ImportFileError) as refused:
        preview_import(activity=training, uploaded_file=upload)
    assert "Row 2 was taken as the headings: Sıra, Şəxs, Cins, İmza" in refused.value.message
