"""The certificate PDF (WeasyPrint): the participant's name, the course, the dates and the verification code."""

from django.template.loader import render_to_string
from django.urls import reverse


def certificate_pdf(certificate, request) -> bytes:
    # Imported here: WeasyPrint loads Pango at import time, which only this page needs.
    from weasyprint import HTML

    participation = certificate.participation
    activity = participation.activity
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "person": participation.person,
            "activity": activity,
            "course": activity.training_detail.course,
            "verify_url": request.build_absolute_uri(reverse("training:verify", args=[certificate.code])),
        },
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
