"""Each user's language: chosen in the profile, applied at sign-in, used for their reports, digests and e-mails."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_profile_sets_the_language_of_the_next_pages(client, staff_policing):
    client.force_login(staff_policing)
    response = client.post(reverse("accounts:profile"), {"language": "az"})
    assert response.status_code == 302
    staff_policing.refresh_from_db()
    assert staff_policing.language == "az"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "az"
    assert 'lang="az"' in client.get(reverse("home")).content.decode()


def test_an_unknown_language_is_refused_at_the_field(client, staff_policing):
    client.force_login(staff_policing)
    response = client.post(reverse("accounts:profile"), {"language": "xx"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    staff_policing.refresh_from_db()
    assert staff_policing.language == ""


def test_signing_in_applies_the_users_language():
    UserFactory(username="aysel", role=Role.STAFF, unit_areas=["policing"], language="ru")
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "aysel", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert 'lang="ru"' in client.get(reverse("home")).content.decode()


def test_a_user_without_a_language_keeps_the_one_they_browse_in():
    UserFactory(username="elchin", role=Role.STAFF, unit_areas=["policing"])
    client = Client(headers={"accept-language": "az"})
    response = client.post(reverse("accounts:login"), {"username": "elchin", "password": PASSWORD})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert 'lang="az"' in client.get(reverse("home")).content.decode()


def test_a_report_is_written_in_the_requesters_language_whatever_the_page_language(staff_policing):
    from reports import queue

    staff_policing.language = "az"
    staff_policing.save()
    job = queue.request_report(user=staff_policing, kind_code="activity_register", fmt="csv",
                               parameters={"unit_area": "policing"}, unit_areas=["policing"])  # fmt: skip
    assert job.language == "az"


def test_the_digest_is_in_the_managers_language_not_the_sites(manager):
    from programmes.tests.factories import ActivityFactory
    from reports.digest import send_digest_to

    ActivityFactory(unit_area="trafficking", status="approved", start_date=datetime.date(2024, 8, 1),
                    end_date=datetime.date(2024, 8, 1))  # fmt: skip
    manager.language = "ru"
    manager.save()
    job = send_digest_to(user_id=manager.pk, today=datetime.date(2024, 10, 1))
    assert job.language == "ru", (job.status, job.error)
    assert job.status == "done", job.error
    assert mail.outbox[0].subject == "Квартальная сводка по программе: 2024-Q3"
