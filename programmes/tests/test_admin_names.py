"""The Django admin keeps the README's rule: names of a restricted unit (counter-terrorism) only for that unit's staff
and managers, so not for administrators: lists, search, change pages and history (issue 12 §2)."""

import pytest
from django.urls import reverse

from accounts.units import UnitArea
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    ct = ParticipationFactory(
        activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM),
        person=PersonFactory(first_name="Rəşad", last_name="Cəfərov"),
    )
    policing = ParticipationFactory(
        activity=ActivityFactory(unit_area=UnitArea.POLICING),
        person=PersonFactory(first_name="Günay", last_name="Hüseynova"),
    )
    return {"ct": ct, "policing": policing, "nowhere": PersonFactory(first_name="Elçin", last_name="Quliyev")}


def _version(record):
    return record.history.order_by("-history_id").first().history_id


def test_person_list_and_search_hide_restricted_names(personas, people):
    client = personas["administrator"]
    listed = client.get(reverse("admin:programmes_person_changelist")).content.decode()
    assert "Cəfərov" not in listed and "Hüseynova" in listed and "Quliyev" in listed
    for typed in ("Cəfərov", people["ct"].person.name_key):
        found = client.get(reverse("admin:programmes_person_changelist"), {"q": typed})
        assert list(found.context["cl"].result_list) == []


def test_restricted_person_pages_and_history_are_closed(personas, people):
    client = personas["administrator"]
    person = people["ct"].person
    change = client.get(reverse("admin:programmes_person_change", args=[person.pk]))
    assert change.status_code == 302  # the admin's "does not exist": the record is outside the user's queryset
    assert client.get(reverse("admin:programmes_person_history", args=[person.pk])).status_code == 404
    version = reverse("admin:programmes_person_simple_history", args=[person.pk, _version(person)])
    assert client.get(version).status_code == 404
    assert client.get(reverse("admin:programmes_person_history", args=["not-an-id"])).status_code == 404


def test_restricted_participations_are_hidden(personas, people):
    client = personas["administrator"]
    listed = client.get(reverse("admin:programmes_participation_changelist")).content.decode()
    assert "Cəfərov" not in listed and "Hüseynova" in listed
    participation = people["ct"]
    assert client.get(reverse("admin:programmes_participation_history", args=[participation.pk])).status_code == 404
    version = reverse("admin:programmes_participation_simple_history", args=[participation.pk, _version(participation)])
    assert client.get(version).status_code == 404


def test_visible_names_still_work_in_the_admin(personas, people):
    client = personas["administrator"]
    person = people["policing"].person
    assert client.get(reverse("admin:programmes_person_change", args=[person.pk])).status_code == 200
    assert client.get(reverse("admin:programmes_person_history", args=[person.pk])).status_code == 200
    version = reverse("admin:programmes_person_simple_history", args=[person.pk, _version(person)])
    assert client.get(version).status_code == 200


def test_restricted_certificates_are_hidden(personas):
    from training.tests.factories import CertificateFactory

    certificate = CertificateFactory(
        participation=ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM))
    )
    client = personas["administrator"]
    listed = client.get(reverse("admin:training_certificate_changelist")).content.decode()
    assert certificate.code not in listed
    assert client.get(reverse("admin:training_certificate_history", args=[certificate.pk])).status_code == 404


def test_audit_changes_page_keeps_the_same_rule(personas, people):
    from training.tests.factories import CertificateFactory

    ct_certificate = CertificateFactory(participation=people["ct"])
    policing_certificate = CertificateFactory(participation=people["policing"])
    response = personas["administrator"].get(reverse("audit:changes"))
    seen = {(change.label, change.object_id) for change in response.context["changes"]}
    assert ("programmes.historicalperson", people["ct"].person.pk) not in seen
    assert ("programmes.historicalparticipation", people["ct"].pk) not in seen
    assert ("training.historicalcertificate", ct_certificate.pk) not in seen
    assert ("programmes.historicalperson", people["policing"].person.pk) in seen
    assert ("programmes.historicalparticipation", people["policing"].pk) in seen
    assert ("training.historicalcertificate", policing_certificate.pk) in seen
    assert ("programmes.historicalperson", people["nowhere"].pk) in seen  # on no activity: the admin shows them too
