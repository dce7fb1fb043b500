"""Rules for uploaded evidence, wherever it is attached (activities, trafficking progress updates): the type checked
by content as well as by name, a size limit, a server-generated stored name, and the download response."""

import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

# extension -> (content type, check of the first bytes)
ALLOWED = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    ".png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head[:4] == b"PK\x03\x04",
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head[:4] == b"PK\x03\x04",
    ),
}
OFFICE_MARKERS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def max_evidence_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)


def check_evidence_file(uploaded) -> str:
    """Return the content type to store, or raise ValidationError saying what is wrong with the file."""
    suffix = Path(uploaded.name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(
            _("Files of this type are not accepted. Allowed: %(types)s.") % {"types": ", ".join(sorted(ALLOWED))}
        )
    if uploaded.size > max_evidence_bytes():
        raise ValidationError(
            _("The file is too large (%(size)d MB at most).") % {"size": max_evidence_bytes() // (1024 * 1024)}
        )
    content_type, looks_right = ALLOWED[suffix]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not looks_right(head) or (suffix in OFFICE_MARKERS and not _zip_has(uploaded, OFFICE_MARKERS[suffix])):
        raise ValidationError(_("The file's content does not match its name (%(suffix)s).") % {"suffix": suffix})
    return content_type


def _zip_has(uploaded, member: str) -> bool:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded.seek(0)


def stored_name(folder: str, filename: str) -> str:
    """A server-generated path for an upload: the uploader's file name is kept only as data, never as a path."""
    return f"{folder}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def evidence_response(file, *, filename: str, content_type: str) -> FileResponse:
    """The download of a stored evidence file: always an attachment, never sniffed or cached. The caller has checked
    the user's permission and recorded the download in the audit log."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
