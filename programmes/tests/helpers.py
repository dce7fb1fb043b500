"""Helpers shared by tests of several apps (a helper module, so that no test module imports another)."""

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

MB = 1024 * 1024


# --- Crafted spreadsheets: the attendance, partner and NRM imports all read through programmes.spreadsheets -------


SHARED_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def shared_strings_bomb(path: Path, megabytes: int = 400) -> None:
    """A real workbook of about 400 KB whose shared strings unpack to 400 MB (the kind that took a worker from 114 MB
    to 820 MB): openpyxl keeps every shared string in memory."""
    import openpyxl

    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Year"
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as small, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in small.namelist():
            if name == "[Content_Types].xml":  # declare the shared strings, so that they are read
                archive.writestr(name, small.read(name).decode().replace("</Types>", f"{SHARED_STRINGS_TYPE}</Types>"))
            elif name != "xl/sharedStrings.xml":
                archive.writestr(name, small.read(name))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            member.write(b"<si><t>Year</t></si>")
            chunk = b"<si><t>" + b"A" * (MB - 20) + b"</t></si>"
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</sst>")


def xlsx(rows, name="sheet.xlsx"):
    """An .xlsx upload holding `rows` (the first is usually the headings)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
