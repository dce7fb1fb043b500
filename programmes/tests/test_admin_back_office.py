"""The Django admin stays a back office: library apps get translated labels, seeded history names the system."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from programmes.models import Partner

pytestmark = pytest.mark.django_db


def test_admin_index_has_no_raw_app_labels(personas):
    page = personas["administrator"].get(reverse("admin:index")).content.decode()
    assert "Two-factor sign-in: backup codes" in page
    assert "Otp_Static" not in page and "OTP_STATIC" not in page


def test_seeded_history_reads_system_not_none(personas):
    call_command("seed_reference", stdout=io.StringIO())
    partner = Partner.objects.get(acronym="DTX")
    page = personas["administrator"].get(reverse("admin:programmes_partner_history", args=[partner.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "system" in text and ">None<" not in text.replace(" ", "").replace("\n", "")
