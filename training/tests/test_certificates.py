import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from accounts.units import UnitArea
from programmes.models import ParticipationRole
from programmes.tests.factories import ParticipationFactory, PersonFactory

from ..models import Certificate
from .factories import CertificateFactory, CourseFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db


def _certificate():
    person = PersonFactory(first_name="Şəbnəm", last_name="Əliyeva")
    detail = TrainingDetailFactory(course=CourseFactory(title="Public assembly management"))
    # A score with its decimals: "45" alone turned up in the page's random CSRF token one run in about sixty.
    participation = ParticipationFactory(activity=detail.activity, person=person, pre_test_score=Decimal("45.37"))
    return CertificateFactory(participation=participation)


def test_staff_issue_certificates_once_per_participant(personas):
    activity = TrainingDetailFactory(activity__status="completed").activity  # approved: locked, no more certificates
    ParticipationFactory.create_batch(3, activity=activity)
    ParticipationFactory(activity=activity, role=ParticipationRole.TRAINER)
    url = reverse("training:certificates_issue", args=[activity.pk])

    assert personas["manager"].post(url).status_code == 403
    personas["staff_same_unit"].post(url)
    personas["staff_same_unit"].post(url)

    assert Certificate.objects.count() == 3
    codes = set(Certificate.objects.values_list("code", flat=True))
    assert len(codes) == 3 and all(len(code) >= 20 for code in codes)
    assert activity.participations.filter(certificate_issued=True).count() == 3


def test_certificate_pdf_has_name_course_date_and_code(personas):
    certificate = _certificate()
    activity = certificate.participation.activity

    response = personas["staff_same_unit"].get(reverse("training:certificate_pdf", args=[certificate.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert "Əliyeva" not in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Şəbnəm Əliyeva" in text
    assert "Public assembly management" in text
    assert date_format(activity.start_date) in text and date_format(activity.end_date) in text
    assert certificate.code in text


def test_verification_page_shows_only_name_course_and_date(client):
    certificate = _certificate()
    activity = certificate.participation.activity

    response = client.get(reverse("training:verify", args=[certificate.code]))

    assert response.status_code == 200
    assert {k: response.context[k] for k in ("name", "course", "date")} == {
        "name": "Şəbnəm Əliyeva",
        "course": "Public assembly management",
        "date": activity.end_date,
    }
    assert "certificate" not in response.context and "participation" not in response.context
    body = response.text
    assert "Şəbnəm Əliyeva" in body and "Public assembly management" in body
    for secret in (activity.title, "Ganja", "45.37", "45,37", certificate.participation.person.position or "—pos—"):
        assert secret not in body.split('data-testid="certificate"')[1]


def test_unknown_or_guessed_codes_are_404(client):
    certificate = _certificate()
    assert client.get(reverse("training:verify", args=["not-a-real-code"])).status_code == 404
    assert client.get(reverse("training:verify", args=[certificate.code[:-1]])).status_code == 404
    assert client.get(reverse("training:verify", args=[str(certificate.pk)])).status_code == 404


def test_other_unit_staff_cannot_download(personas):
    certificate = _certificate()
    assert certificate.participation.activity.unit_area == UnitArea.POLICING
    url = reverse("training:certificate_pdf", args=[certificate.pk])
    assert personas["staff_other_unit"].get(url).status_code == 404
