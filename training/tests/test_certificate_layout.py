"""The certificate as a reader and a printer see it: rendered to an image, its QR code read back, its frame inside
the printable area of A4, the issue date, signatory, emblem and the course title in the reader's language."""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from pypdf import PdfReader

from programmes.tests.factories import ParticipationFactory, PersonFactory

from .factories import CertificateFactory, CourseFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db

DPI = 100
EDGE_MM = 10


def _certificate(**course):
    course = {"title": "Public assembly management", "title_az": "İctimai toplantıların idarə edilməsi", **course}
    detail = TrainingDetailFactory(course=CourseFactory(**course))
    person = PersonFactory(first_name="Şəbnəm", last_name="Əliyeva")
    return CertificateFactory(participation=ParticipationFactory(activity=detail.activity, person=person))


def _pdf(client, certificate, language="en") -> bytes:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("training:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    return response.content


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _pages(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "certificate.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(folder) / "page")], check=True)
        return [Image.open(path).convert("L") for path in sorted(Path(folder).glob("page*.png"))]


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_one_page_with_no_ink_within_10_mm_of_any_edge(personas, language):
    pages = _pages(_pdf(personas["staff_same_unit"], _certificate(), language))

    assert len(pages) == 1
    page = pages[0]
    width, height = page.size
    assert abs(width - 297 / 25.4 * DPI) <= 1 and abs(height - 210 / 25.4 * DPI) <= 1  # A4 landscape
    edge = round(EDGE_MM / 25.4 * DPI)
    strips = {
        "top": page.crop((0, 0, width, edge)),
        "bottom": page.crop((0, height - edge, width, height)),
        "left": page.crop((0, 0, edge, height)),
        "right": page.crop((width - edge, 0, width, height)),
    }
    inked = {side: strip.getextrema()[0] for side, strip in strips.items() if strip.getextrema()[0] < 250}
    assert not inked, f"ink within {EDGE_MM} mm of the edge: {inked}"
    # ... and the frame is there, the same distance from all four edges (the old one was lopsided).
    column = width // 20  # left of every text and line inside the frame: only the frame's top and bottom cross it
    dark = [y for y in range(height) if page.getpixel((column, y)) < 200]
    top, bottom = dark[0], height - dark[-1]
    assert abs(top - bottom) <= 4


def test_qr_code_opens_the_public_verification_page(personas, client):
    from pyzbar.pyzbar import decode

    certificate = _certificate()
    pages = _pages(_pdf(personas["staff_same_unit"], certificate), dpi=200)

    codes = decode(pages[0])
    assert len(codes) == 1
    url = codes[0].data.decode()
    assert url.endswith(reverse("training:verify", args=[certificate.code]))
    page = client.get(url.removeprefix("http://testserver"))  # anonymous, as whoever scans the paper
    assert page.status_code == 200 and "Şəbnəm Əliyeva" in page.content.decode()


def test_issue_date_and_signatory_from_the_course_or_the_settings(personas, settings):
    settings.CERTIFICATE_SIGNATORY_NAME = "Aynur Məmmədova"
    settings.CERTIFICATE_SIGNATORY_TITLE = "Head of Unit"
    client = personas["staff_same_unit"]
    default = _certificate()
    own = _certificate(title="Proportional use of force", signatory_name="John Smith", signatory_title="Trainer")

    text = _text(_pdf(client, default))
    with translation.override("en"):
        from django.utils.formats import date_format

        issued = date_format(timezone.localdate(default.issued_at), "DATE_FORMAT")  # the date in Baku
    assert f"Issued on {issued}" in text
    assert "Aynur Məmmədova" in text and "Head of Unit" in text
    text = _text(_pdf(client, own))
    assert "John Smith" in text and "Trainer" in text and "Aynur" not in text


def test_course_title_in_the_readers_language(personas):
    certificate = _certificate(title_ru="Управление публичными собраниями")
    client = personas["staff_same_unit"]
    assert "İctimai toplantıların idarə edilməsi" in _text(_pdf(client, certificate, "az"))
    assert "Управление публичными собраниями" in _text(_pdf(client, certificate, "ru"))
    assert "Public assembly management" in _text(_pdf(client, certificate, "en"))


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_emblem_printed_when_configured_and_a_missing_file_is_no_error(personas, settings, tmp_path):
    client = personas["staff_same_unit"]
    certificate = _certificate()
    assert _images(_pdf(client, certificate)) == 0

    emblem = tmp_path / "emblem.png"
    Image.new("RGB", (120, 120), (31, 78, 121)).save(emblem)
    settings.CERTIFICATE_EMBLEM = str(emblem)
    assert _images(_pdf(client, certificate)) == 1

    settings.CERTIFICATE_EMBLEM = str(tmp_path / "missing.png")
    assert _images(_pdf(client, certificate)) == 0
    settings.CERTIFICATE_EMBLEM = "/etc/passwd"  # not an image: ignored, never embedded
    assert _images(_pdf(client, certificate)) == 0
