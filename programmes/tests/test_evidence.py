import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import Evidence
from programmes.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"


def _upload(client, activity, name, content, kind="agenda"):
    return client.post(
        reverse("evidence_upload", args=[activity.pk]), {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_upload_stores_under_a_server_generated_name_and_downloads(personas):
    activity = ActivityFactory()
    response = _upload(personas["staff_same_unit"], activity, "Agenda Elçin Məmmədov.pdf", PDF)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "Agenda Elçin Məmmədov.pdf"
    assert "Elçin" not in evidence.file.name and Path(evidence.file.name).suffix == ".pdf"
    download = personas["manager"].get(reverse("evidence_download", args=[activity.pk, evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "no-store"
    assert (
        personas["staff_other_unit"].get(reverse("evidence_download", args=[activity.pk, evidence.pk])).status_code
        == 404
    )


def test_office_documents_are_accepted(personas):
    activity = ActivityFactory()
    assert _upload(personas["staff_same_unit"], activity, "report.docx", _docx(), kind="report").status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "not accepted"),
        ("photo.png", PDF, "does not match"),
        ("agenda.pdf", b"<html>not a pdf</html>", "does not match"),
        ("report.docx", b"PK\x03\x04not really a zip", "does not match"),
    ],
)
def test_refused_uploads_say_why(personas, name, content, message):
    response = _upload(personas["staff_same_unit"], ActivityFactory(), name, content)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Evidence.objects.exists()


def test_too_large_files_are_refused(personas, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    response = _upload(personas["staff_same_unit"], ActivityFactory(), "agenda.pdf", PDF)
    assert "too large" in response.content.decode() and not Evidence.objects.exists()


def test_managers_cannot_attach_evidence(personas):
    assert _upload(personas["manager"], ActivityFactory(), "agenda.pdf", PDF).status_code == 403
