"""Logs carry request and user ids, never a person's name: a representative set of requests, and every record the
test run has written so far (osce_baku.test_settings sends all of them to a file), are scanned for names."""

import csv
import io
import json
import logging

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory
from osce_baku.logs import JsonFormatter, RequestContextFilter
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PersonFactory

# The names the factories and fixtures give people (programmes/tests/factories.py) and a user named like a person.
NAMES = ["Aysel", "Elçin", "Günay", "Rəşad", "Şəbnəm", "İlqar", "Məmmədova", "Əliyev", "Hüseynova", "Cəfərov",
         "Həsənova", "Quliyev", "Nigar", "Kamran", "Leyla", "Samir", "Zəhra", "Tağıyeva"]  # fmt: skip


# Test tooling (factory_boy, Faker) logs the objects it builds; that is not the portal's logging.
TOOLING = ("factory", "faker")


def _portal_lines(lines):
    return [line for line in lines if not json.loads(line)["logger"].startswith(TOOLING)]


def _names_in(text: str) -> list[str]:
    return [name for name in NAMES if name.lower() in text.lower()]


def _formatted(records) -> list[str]:
    formatter, context = JsonFormatter(), RequestContextFilter()
    lines = []
    for record in records:
        context.filter(record)
        lines.append(formatter.format(record))
    return lines


@pytest.mark.django_db
def test_a_representative_set_of_requests_logs_no_names(client, personas, caplog, staff_policing):
    caplog.set_level(logging.DEBUG)
    person_user = UserFactory(username="zehra.tagiyeva", first_name="Zəhra", last_name="Tağıyeva",
                              unit_areas=["policing"])  # fmt: skip
    activity = ActivityFactory(unit_area="policing")
    participation = ParticipationFactory(activity=activity, person=PersonFactory(first_name="Aysel"))
    other = ActivityFactory(unit_area="counterterrorism")

    # Sign-in: success, failure with a name-like username, and sign-out.
    client.post(reverse("accounts:login"), {"username": person_user.username, "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "Aysel Məmmədova", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": person_user.username, "password": PASSWORD})
    client.get(reverse("activity_detail", args=[activity.pk]))
    client.post(reverse("accounts:logout"))

    staff = personas["staff_same_unit"]
    staff.get(reverse("activity_detail", args=[activity.pk]))
    staff.get(reverse("participant_edit", args=[activity.pk, participation.pk]))
    staff.post(reverse("people_search", args=[activity.pk]), {"q": "Aysel"})
    staff.get(reverse("activity_list"), {"q": "Məmmədova"})
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["First name", "Last name", "Sex"], ["Rəşad", "Cəfərov", "M"], ["Şəbnəm", "", "?"]])
    sheet = SimpleUploadedFile("sheet.csv", buffer.getvalue().encode())
    staff.post(reverse("participant_import", args=[activity.pk]), {"file": sheet})
    # Refusals: another unit's record (404), a page for administrators (403), a manager editing (403/404).
    staff.get(reverse("activity_detail", args=[other.pk]))
    staff.get(reverse("audit:changes"))
    personas["manager"].get(reverse("activity_edit", args=[activity.pk]))
    personas["administrator"].get(reverse("audit:changes"))
    personas["administrator"].get(reverse("audit:access_log"))

    lines = _portal_lines(_formatted(caplog.records))
    messages = [json.loads(line)["message"] for line in lines]
    assert "sign-in succeeded" in messages and "sign-in failed" in messages and "access refused" in messages
    assert all(json.loads(line)["request_id"] for line in lines)
    found = {name for line in lines for name in _names_in(line)}
    assert not found, f"names of people in the logs: {sorted(found)}"


def test_json_lines_carry_request_and_user_id():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("there",), None)
    RequestContextFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "hello there" and entry["request_id"] == "-" and "user_id" in entry


@pytest.mark.django_db
def test_request_id_is_propagated_from_the_proxy_and_echoed(client):
    response = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="lb-1234abcd")
    assert response["X-Request-ID"] == "lb-1234abcd"
    forged = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert forged["X-Request-ID"] != "<script>alert(1)</script>" and len(forged["X-Request-ID"]) == 32


def test_no_names_in_the_logs_of_the_test_run_so_far():
    """Everything logged by the tests that ran before this one (most of the suite: app tests run first)."""
    path = settings.TEST_LOG_FILE
    if not path.exists():
        pytest.skip("nothing logged yet in this run")
    lines = _portal_lines(path.read_text(encoding="utf-8").splitlines())
    offending = [line[:200] for line in lines if _names_in(line)]
    assert not offending, f"{len(offending)} log lines name a person, e.g. {offending[:3]}"
