"""The certificate PDF (WeasyPrint): the participant's name, the course in the reader's language, the dates and place,
the issue date, the signatory, a QR code for the public verification page, the verification code and, when
settings.CERTIFICATE_EMBLEM names a file, an emblem."""

import base64
import logging
import mimetypes
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

EMBLEM_TYPES = {"image/png", "image/jpeg", "image/svg+xml"}


def _data_uri(mime: str, content: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def qr_code_uri(url: str) -> str:
    """The URL as a QR code (SVG, so it prints sharp at any size), ready for an <img src>."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=0)
    return _data_uri("image/svg+xml", image.to_string())


def emblem_uri() -> str:
    """The configured emblem as a data URI, or "" when none is set or the file cannot be read (logged, no 500)."""
    path = settings.CERTIFICATE_EMBLEM
    if not path:
        return ""
    mime = mimetypes.guess_type(path)[0]
    if mime not in EMBLEM_TYPES:
        logger.warning("CERTIFICATE_EMBLEM is not a PNG, JPEG or SVG file; certificates go without it")
        return ""
    try:
        return _data_uri(mime, Path(path).read_bytes())
    except OSError:
        logger.warning("CERTIFICATE_EMBLEM cannot be read; certificates go without it")
        return ""


def signatory(course) -> tuple[str, str]:
    """(name, title) of who signs: the course's own, else the portal's settings."""
    return (
        course.signatory_name or settings.CERTIFICATE_SIGNATORY_NAME,
        course.signatory_title or settings.CERTIFICATE_SIGNATORY_TITLE,
    )


def certificate_pdf(certificate, request) -> bytes:
    # Imported here: WeasyPrint loads Pango at import time, which only this page needs.
    from weasyprint import HTML

    participation = certificate.participation
    activity = participation.activity
    course = activity.training_detail.course
    verify_url = request.build_absolute_uri(reverse("training:verify", args=[certificate.code]))
    signatory_name, signatory_title = signatory(course)
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "person": participation.person,
            "activity": activity,
            "course": course,
            "verify_url": verify_url,
            "qr_code": qr_code_uri(verify_url),
            "emblem": emblem_uri(),
            "signatory_name": signatory_name,
            "signatory_title": signatory_title,
        },
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
