"""The one reader of uploaded spreadsheets (CSV, XLSX, XLS, ODS) for every import: sign-in sheets, partners, NRM.

An upload is untrusted: a few kilobytes can claim gigabytes. Every limit is checked BEFORE a parser sees the file:
- the size of the upload;
- for zip-based formats (XLSX, ODS): the number of parts, the declared and the actual unpacked size of every part
  (streamed and counted, so a part whose header lies is refused too) and the size of the shared strings;
- the cells a sheet spans. python-calamine (which reads XLS and ODS) builds a whole rectangle of cells in memory
  and aborts the process when that fails, so the span is measured first: from the BIFF cell records of an XLS and
  from a streaming defusedxml pass over an ODS (repeated rows and columns counted);
- rows and columns while reading.
XLSX is read by openpyxl in read-only mode, which streams the sheet (calamine would build the rectangle a sheet with
two far-apart cells spans: 1.5 KB asked it for 550 GB); the XML it parses goes through defusedxml.

The reader knows nothing about what the columns mean: it returns the non-empty rows as (row number, cell values).
"""

import csv
import io
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

import defusedxml  # noqa: F401  (openpyxl parses workbooks with it once it is importable)
import olefile
import openpyxl
import python_calamine
from defusedxml.ElementTree import iterparse
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from openpyxl.xml import DEFUSEDXML

if not DEFUSEDXML:  # an uploaded workbook is untrusted XML: never parse it without defusedxml
    raise ImproperlyConfigured("openpyxl must parse workbooks with defusedxml (is OPENPYXL_DEFUSEDXML off?)")

MB = 1024 * 1024
FORMATS = ".xlsx, .xls, .ods, .csv"


class ImportFileError(Exception):
    """The whole file is refused (wrong type, too large, damaged...); `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * MB  # the upload as sent
    max_rows: int = 2000  # non-empty rows, the headings included once
    max_columns: int = 60  # columns read; cells further right are ignored
    blank_rows: int = 10  # up to max_rows * blank_rows rows (blank ones too) are looked at
    max_unpacked_bytes: int = 50 * MB  # all parts of a zip-based workbook, unpacked
    max_shared_strings_bytes: int = 10 * MB  # xl/sharedStrings.xml, unpacked: openpyxl keeps all of it in memory
    max_parts: int = 1000
    max_cells: int = 1_000_000  # the rectangle calamine builds for an XLS or ODS sheet

    @property
    def max_row_number(self) -> int:
        return self.max_rows * self.blank_rows + 10


def read_table(uploaded_file, limits: Limits | None = None) -> list[tuple[int, list]]:
    """The non-empty rows of the first sheet as (row number as the spreadsheet shows it, cell values)."""
    limits = limits or Limits()
    name = os.path.basename(getattr(uploaded_file, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    too_large = _("The file is larger than %(size)d MB.") % {"size": max(1, limits.max_bytes // MB)}
    if (getattr(uploaded_file, "size", None) or 0) > limits.max_bytes:
        raise ImportFileError(too_large)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)  # pages preview and then apply the same upload
    data = uploaded_file.read(limits.max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limits.max_bytes:
        raise ImportFileError(too_large)
    if not data:
        raise ImportFileError(_("The file is empty."))
    readers = {".xlsx": _xlsx_rows, ".xlsm": _xlsx_rows, ".xls": _xls_rows, ".ods": _ods_rows}
    if extension in readers:
        return readers[extension](data, limits)
    if extension in (".csv", ".txt"):
        return _csv_rows(data, limits)
    raise ImportFileError(
        _("Upload the sheet as a spreadsheet (%(formats)s): Excel, LibreOffice or CSV.") % {"formats": FORMATS}
    )


def _collect(rows, limits: Limits) -> list[tuple[int, list]]:
    too_many = _("The file has more than %(count)d rows; split it into smaller files.") % {"count": limits.max_rows}
    table = []
    for number, values in enumerate(rows, start=1):
        # Blank rows are skipped but still bounded: a sheet can claim a million of them.
        if number > limits.max_row_number:
            raise ImportFileError(too_many)
        cells = [value.strip() if isinstance(value, str) else value for value in values[: limits.max_columns]]
        if any(cell not in (None, "") for cell in cells):
            table.append((number, cells))
            if len(table) > limits.max_rows + 1:  # + the heading row
                raise ImportFileError(too_many)
    return table


# --- Zip-based formats (XLSX, ODS) ----------------------------------------------------------------------------------


def _open_zip(data: bytes, limits: Limits, not_this_kind: str, marker: str) -> zipfile.ZipFile:
    """The archive, after checking its parts: how many, and how large each unpacks (declared and counted)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ImportFileError(not_this_kind) from None
    if marker not in {member.filename for member in members}:
        raise ImportFileError(not_this_kind)
    too_big = _("The workbook unpacks to more than %(size)d MB; it cannot be a sheet of this kind.") % {
        "size": limits.max_unpacked_bytes // MB
    }
    if len(members) > limits.max_parts or sum(member.file_size for member in members) > limits.max_unpacked_bytes:
        raise ImportFileError(too_big)
    # The declared sizes may lie, and zipfile (like other readers) stops at the declared size without noticing more
    # data: inflate every part's raw data ourselves, in chunks, counting against the limit.
    budget = limits.max_unpacked_bytes
    for member in members:
        size = _unpacked_size(data, member, budget)
        if size is None:
            raise ImportFileError(too_big)
        if size != member.file_size:
            raise ImportFileError(not_this_kind)
        budget -= size
    return archive


def _unpacked_size(data: bytes, member: zipfile.ZipInfo, budget: int) -> int | None:
    """The real unpacked size of a part (None past `budget`), its data inflated in 1 MB chunks and its CRC checked;
    -1 when the part is damaged, encrypted or packed in a way office files never are."""
    try:
        name_length, extra_length = struct.unpack_from("<HH", data, member.header_offset + 26)
    except struct.error:
        return -1
    start = member.header_offset + 30 + name_length + extra_length
    raw = data[start : start + member.compress_size]
    if member.flag_bits & 1 or len(raw) != member.compress_size:
        return -1
    if member.compress_type == zipfile.ZIP_STORED:
        size, crc = len(raw), zlib.crc32(raw)
    elif member.compress_type == zipfile.ZIP_DEFLATED:
        inflater, size, crc = zlib.decompressobj(-zlib.MAX_WBITS), 0, 0
        try:
            while True:
                chunk = inflater.decompress(raw, MB)
                raw = inflater.unconsumed_tail
                size, crc = size + len(chunk), zlib.crc32(chunk, crc)
                if size > budget:
                    return None
                if inflater.eof or not (chunk or raw):
                    break
        except zlib.error:
            return -1
        if not inflater.eof:
            return -1
    else:
        return -1
    return size if crc == member.CRC else -1


def _xlsx_rows(data: bytes, limits: Limits) -> list[tuple[int, list]]:
    not_a_workbook = _("The file is not an Excel workbook (.xlsx); open it in Excel and save it as .xlsx or .csv.")
    with _open_zip(data, limits, not_a_workbook, "[Content_Types].xml") as archive:
        try:
            strings = _shared_strings_bytes(archive)
        except Exception:  # defusedxml refuses entities and DTDs; anything else unreadable is a damaged file
            raise ImportFileError(not_a_workbook) from None
    if strings > limits.max_shared_strings_bytes:
        raise ImportFileError(
            _("The workbook holds more than %(size)d MB of text; it cannot be a sheet of this kind.")
            % {"size": limits.max_shared_strings_bytes // MB}
        )
    workbook = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.active or workbook.worksheets[0]
        sheet.reset_dimensions()  # the stored dimensions may be wrong; read what is really there
        return _collect(sheet.iter_rows(min_row=1, max_col=limits.max_columns, values_only=True), limits)
    except ImportFileError:
        raise
    except Exception:  # openpyxl raises many kinds (XML, zip, key, value errors) for damaged or crafted files
        raise ImportFileError(not_a_workbook) from None
    finally:
        if workbook is not None:
            workbook.close()


def _shared_strings_bytes(archive: zipfile.ZipFile) -> int:
    """The unpacked size of the parts the content types declare as shared strings (under any name): openpyxl keeps
    all of them in memory."""
    with archive.open("[Content_Types].xml") as types:
        names = {
            element.get("PartName", "").lstrip("/")
            for _event, element in iterparse(types)
            if element.get("ContentType", "").endswith(".sharedStrings+xml")
        }
    sizes = {member.filename: member.file_size for member in archive.infolist()}
    return sum(sizes.get(name, 0) for name in names)


_ODS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_VALUE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"


def _ods_rows(data: bytes, limits: Limits) -> list[tuple[int, list]]:
    not_ods = _("The file is not an OpenDocument spreadsheet (.ods); save it again as .ods, .xlsx or .csv.")
    archive = _open_zip(data, limits, not_ods, "content.xml")
    try:
        with archive.open("content.xml") as content:
            spans = _ods_spans(content)
    except ImportFileError:
        raise
    except Exception:  # defusedxml refuses entities and DTDs; anything else unreadable is a damaged file
        raise ImportFileError(not_ods) from None
    finally:
        archive.close()
    _check_spans(spans, limits)
    return _calamine_rows(data, limits, not_ods)


def _ods_spans(content) -> list[tuple[int, int]]:
    """For each table (calamine reads them all): rows and columns up to its last non-empty cell, repeats counted."""
    spans = []
    row = last_row = widest = 0
    column = row_end = 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start" and tag == f"{_ODS}table":
            row = last_row = widest = 0
        elif event == "start" and tag == f"{_ODS}table-row":
            column = row_end = 0
        elif event == "end" and tag in (f"{_ODS}table-cell", f"{_ODS}covered-table-cell"):
            repeat = max(1, int(element.get(f"{_ODS}number-columns-repeated", "1")))
            column += repeat
            if element.get(_OFFICE_VALUE_TYPE) or len(element):
                row_end = column
            element.clear()
        elif event == "end" and tag == f"{_ODS}table-row":
            repeat = max(1, int(element.get(f"{_ODS}number-rows-repeated", "1")))
            row += repeat
            if row_end:
                last_row, widest = row, max(widest, row_end)
            element.clear()
        elif event == "end" and tag == f"{_ODS}table":
            spans.append((last_row, widest))
            element.clear()
    return spans


# --- XLS (Excel 97-2003, BIFF8 in an OLE2 container) ----------------------------------------------------------------

# BIFF records that place a cell: their first four bytes are its row and column (MULRK/MULBLANK: the first column,
# and the last column in the record's last two bytes).
_CELL_RECORDS = {0x0006, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6}
_MULTI_CELL_RECORDS = {0x00BD, 0x00BE}
_BOF, _EOF, _WORKSHEET = 0x0809, 0x000A, 0x0010  # each sheet is a substream between a BOF and an EOF


def _xls_rows(data: bytes, limits: Limits) -> list[tuple[int, list]]:
    not_xls = _("The file is not an Excel 97-2003 workbook (.xls); save it again as .xlsx, .xls or .csv.")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:  # (given bytes shorter than 1,536 it would take a path)
            stream = next((name for name in ("Workbook", "Book") if ole.exists(name)), None)
            if stream is None:
                raise ImportFileError(not_xls)
            biff = ole.openstream(stream).read()
    except ImportFileError:
        raise
    except Exception:  # not an OLE2 file, or a damaged one
        raise ImportFileError(not_xls) from None
    _check_spans(_xls_spans(biff), limits)
    return _calamine_rows(data, limits, not_xls)


def _xls_spans(biff: bytes) -> list[tuple[int, int]]:
    """For each worksheet (calamine reads them all): rows and columns up to its last cell record."""
    spans = []
    open_streams = []  # [is a worksheet, rows, columns] of each substream begun and not ended (charts nest)
    position = 0
    while position + 4 <= len(biff):
        kind, length = struct.unpack_from("<HH", biff, position)
        body = biff[position + 4 : position + 4 + length]
        position += 4 + length
        if kind == _BOF:
            open_streams.append([length >= 4 and struct.unpack_from("<H", body, 2)[0] == _WORKSHEET, 0, 0])
        elif kind == _EOF and open_streams:
            is_sheet, rows, columns = open_streams.pop()
            if is_sheet:
                spans.append((rows, columns))
        elif (kind in _CELL_RECORDS and length >= 4) or (kind in _MULTI_CELL_RECORDS and length >= 6):
            row, column = struct.unpack_from("<HH", body)
            if kind in _MULTI_CELL_RECORDS:
                column = struct.unpack_from("<H", body, length - 2)[0]
            if not open_streams or not open_streams[-1][0]:  # a cell outside a worksheet: count it all the same
                open_streams.append([True, 0, 0])
            stream = open_streams[-1]
            stream[1], stream[2] = max(stream[1], row + 1), max(stream[2], column + 1)
    return spans + [(rows, columns) for is_sheet, rows, columns in open_streams if is_sheet]  # cut short


# --- Both calamine formats ------------------------------------------------------------------------------------------


def _check_spans(spans: list[tuple[int, int]], limits: Limits) -> None:
    """Refuse before calamine builds the rectangle of every sheet: too many rows in the sheet read, or too many cells
    in all sheets together."""
    if spans and spans[0][0] > limits.max_row_number:
        raise ImportFileError(
            _("The file has more than %(count)d rows; split it into smaller files.") % {"count": limits.max_rows}
        )
    cells = sum(rows * columns for rows, columns in spans)
    if cells > limits.max_cells:
        raise ImportFileError(
            _(
                "The sheets span %(cells)d cells, too large an area (at most %(limit)d); delete the cells far to the "
                "right of or below the table, and the sheets that are not needed, and try again."
            )
            % {"cells": cells, "limit": limits.max_cells}
        )


def _calamine_rows(data: bytes, limits: Limits, damaged: str) -> list[tuple[int, list]]:
    try:
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            sheet = workbook.get_sheet_by_index(0)
            # skip_empty_area=False keeps the row numbers the spreadsheet program shows.
            values = sheet.to_python(skip_empty_area=False, nrows=limits.max_row_number + 1)
    except Exception:  # calamine raises its own errors (and ValueError, KeyError...) for damaged files
        raise ImportFileError(damaged) from None
    return _collect(values, limits)


# --- CSV ------------------------------------------------------------------------------------------------------------

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _csv_rows(data: bytes, limits: Limits) -> list[tuple[int, list]]:
    binary = _("The file is not a text CSV file; open it in Excel and save it as .xlsx or as CSV (UTF-8).")
    if b"\x00" in data:
        raise ImportFileError(binary)
    for encoding in ("utf-8-sig", "cp1251"):  # UTF-8 with or without BOM, then the Russian Windows code page
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The file's characters cannot be read; save it as CSV (UTF-8)."))
    if _CONTROL_CHARACTERS.search(text):
        raise ImportFileError(binary)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel in Azerbaijani and Russian settings separates CSV fields with ';'.
    delimiter = max(",;\t", key=lambda d: len(next(csv.reader([first_line], delimiter=d), [])))
    try:
        return _collect(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), limits)
    except csv.Error:
        raise ImportFileError(binary) from None
