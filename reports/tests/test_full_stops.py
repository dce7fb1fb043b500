"""The job page's "Available until ..." ends with one full stop whatever the time format ends with ("a.m.")."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import ReportJobFactory

pytestmark = pytest.mark.django_db


def test_available_until_ends_with_one_full_stop(personas, staff_policing):
    expires = timezone.make_aware(datetime.datetime(2026, 12, 7, 11, 27))
    job = ReportJobFactory(done=True, requested_by=staff_policing, expires_at=expires)
    page = personas["staff_same_unit"].get(reverse("reports:detail", args=[job.pk]))
    sentence = re.search(r"Available until ([^<]*)</p>", page.content.decode()).group(1)
    assert "11:27" in sentence and sentence.endswith(".") and not sentence.endswith("..")
