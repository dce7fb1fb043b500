"""The partner directory: search in any spelling, filters, scoped activities, administrators' edit and merge."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from programmes.models import ActivityPartner, Contact, Partner, PartnerFormerName, Person
from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory, PartnerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _names(response):
    return sorted(p.name for p in response.context["page"])


def _form_data(partner=None, **overrides):
    data = {
        "name": "Ministry of Internal Affairs", "name_az": "Daxili İşlər Nazirliyi", "name_ru": "", "acronym": "MIA",
        "kind": "government", "parent": "", "successor": "", "valid_from": "", "valid_to": "", "website": "",
        "notes": "",
        "contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Elvin Quliyev", "contacts-0-position": "Head of training", "contacts-0-email": "",
        "contacts-0-phone": "",
        "former-TOTAL_FORMS": "0", "former-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_search_folds_spellings_and_finds_former_names(personas):
    sss = PartnerFactory(name="State Security Service", name_az="Dövlət Təhlükəsizlik Xidməti", acronym="DTX")
    PartnerFormerName.objects.create(partner=sss, name="Ministry of National Security", acronym="MNS",
                                     valid_to=datetime.date(2015, 12, 13))  # fmt: skip
    PartnerFactory(name="Ministry of Internal Affairs", name_ru="Министерство внутренних дел", acronym="MIA")
    client, url = personas["staff_other_unit"], reverse("partner_list")
    assert _names(client.get(url, {"q": "Dovlet Tahlukasizlik"})) == ["State Security Service"]
    assert _names(client.get(url, {"q": "national security"})) == ["State Security Service"]
    assert "State Security Service" in _names(client.get(url, {"q": "mns"}))  # the old acronym
    assert _names(client.get(url, {"q": "внутренних"})) == ["Ministry of Internal Affairs"]
    assert _names(client.get(url, {"q": "nothing like it"})) == []


def test_filters_by_kind_parent_and_my_areas(personas):
    mia = PartnerFactory(name="Ministry of Internal Affairs", kind="government")
    patrol = PartnerFactory(name="Patrol Police", parent=mia, kind="law_enforcement")
    border = PartnerFactory(name="State Border Service", kind="law_enforcement")
    ActivityPartnerFactory(activity=ActivityFactory(unit_area="policing"), partner=patrol)
    ActivityPartnerFactory(activity=ActivityFactory(unit_area="counterterrorism"), partner=border)
    url = reverse("partner_list")
    staff = personas["staff_same_unit"]
    assert _names(staff.get(url, {"kind": "government"})) == ["Ministry of Internal Affairs"]
    assert _names(staff.get(url, {"parent": mia.pk})) == ["Patrol Police"]
    assert _names(staff.get(url, {"mine": "on"})) == ["Patrol Police"]
    assert _names(personas["staff_other_unit"].get(url, {"mine": "on"})) == ["State Border Service"]
    assert _names(personas["manager"].get(url, {"mine": "on"})) == ["Patrol Police", "State Border Service"]


def test_detail_lists_only_activities_in_the_users_scope(personas):
    partner = PartnerFactory(name="Patrol Police")
    ActivityPartnerFactory(activity=ActivityFactory(unit_area="policing", title="CAG meeting"), partner=partner,
                           role="beneficiary")  # fmt: skip
    ActivityPartnerFactory(activity=ActivityFactory(unit_area="counterterrorism", title="Secret workshop"),
                           partner=partner, role="co_sponsor")  # fmt: skip
    url = reverse("partner_detail", args=[partner.pk])
    response = personas["staff_same_unit"].get(url)
    page = response.content.decode()
    assert "CAG meeting" in page and "Secret workshop" not in page
    assert [(r["role"], r["count"]) for r in response.context["role_counts"]] == [("beneficiary", 1)]
    manager = personas["manager"]
    assert "Secret workshop" in manager.get(url).content.decode()
    by_role = manager.get(url, {"role": "co_sponsor"})
    assert [link.activity.title for link in by_role.context["links"]] == ["Secret workshop"]


def test_administrator_edits_partner_with_contacts_in_russian(personas):
    partner = PartnerFactory(name="Ministry of Interior", acronym="MOI")
    client = personas["administrator"]
    url = reverse("partner_edit", args=[partner.pk])
    response = client.post(url, _form_data(), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.acronym) == ("Ministry of Internal Affairs", "MIA")
    assert list(partner.contacts.values_list("name", flat=True)) == ["Elvin Quliyev"]
    assert partner.history.first().history_user.username == "leyla.admin"


def test_bad_dates_get_a_message_and_nothing_is_saved(personas):
    partner = PartnerFactory(name="Old name", acronym="OLD")
    client = personas["administrator"]
    data = _form_data(valid_from="2020-01-01", valid_to="2019-01-01")
    with translation.override("ru"):
        response = client.post(reverse("partner_edit", args=[partner.pk]), data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert "valid_to" in response.context["form"].errors
    partner.refresh_from_db()
    assert partner.name == "Old name" and not Contact.objects.exists()


def test_a_partner_cannot_become_its_own_descendant(personas):
    mia = PartnerFactory(name="MIA")
    patrol = PartnerFactory(name="Patrol Police", parent=mia)
    data = _form_data(parent=patrol.pk, acronym=mia.acronym)
    response = personas["administrator"].post(reverse("partner_edit", args=[mia.pk]), data)
    assert response.status_code == 200 and "parent" in response.context["form"].errors
    mia.refresh_from_db()
    assert mia.parent is None


@pytest.mark.parametrize("persona", ["staff_same_unit", "manager"])
def test_only_administrators_change_partners(personas, persona):
    """Attack: a staff member or manager posts the edit, create or merge form directly."""
    partner, other = PartnerFactory(name="Kept"), PartnerFactory(name="Other")
    client = personas[persona]
    assert client.post(reverse("partner_edit", args=[partner.pk]), _form_data()).status_code == 403
    assert client.post(reverse("partner_create"), _form_data(acronym="NEW")).status_code == 403
    merge = reverse("partner_merge", args=[partner.pk])
    assert client.post(merge, {"duplicate": other.pk, "confirm": "1"}).status_code == 403
    assert sorted(Partner.objects.values_list("name", flat=True)) == ["Kept", "Other"]
    assert not Contact.objects.exists()


def test_merge_previews_then_moves_everything_and_keeps_history(personas):
    keep = PartnerFactory(name="Ministry of Internal Affairs", acronym="MIA")
    duplicate = PartnerFactory(name="Ministry of Interior", acronym="MOI")
    shared = ActivityFactory(unit_area="policing")
    ActivityPartnerFactory(activity=shared, partner=keep, role="beneficiary")
    ActivityPartnerFactory(activity=shared, partner=duplicate, role="beneficiary")  # the same link: dropped
    moved = ActivityPartnerFactory(activity=ActivityFactory(unit_area="trafficking"), partner=duplicate)
    Contact.objects.create(partner=duplicate, name="Elvin Quliyev")
    child = PartnerFactory(name="Patrol Police", parent=duplicate)
    person = PersonFactory(organisation=duplicate)
    client = personas["administrator"]
    url = reverse("partner_merge", args=[keep.pk])

    preview = client.get(url, {"duplicate": duplicate.pk})
    lines = {str(line["records"]): line["count"] for line in preview.context["preview"]["lines"]}
    assert lines["activity partners"] == 2 and lines["contacts"] == 1 and lines["people"] == 1
    assert Partner.objects.filter(pk=duplicate.pk).exists()  # a preview changes nothing

    response = client.post(url, {"duplicate": duplicate.pk, "confirm": "1"})
    assert response.status_code == 302
    assert not Partner.objects.filter(pk=duplicate.pk).exists()
    assert ActivityPartner.objects.filter(partner=keep).count() == 2
    assert ActivityPartner.objects.get(pk=moved.pk).partner == keep
    assert Contact.objects.get().partner == keep
    assert Partner.objects.get(pk=child.pk).parent == keep
    assert Person.objects.get(pk=person.pk).organisation == keep
    reasons = [h.history_change_reason for h in Partner.history.filter(id__in=[keep.pk, duplicate.pk])]
    assert sum("Ministry of Interior" in (r or "") for r in reasons) == 2
    deleted = Partner.history.filter(id=duplicate.pk, history_type="-").get()
    assert deleted.history_user.username == "leyla.admin"
    history = client.get(reverse("partner_history", args=[keep.pk])).content.decode()
    assert "Merged Ministry of Interior" in history


def test_merging_a_partner_into_itself_is_refused(personas):
    keep = PartnerFactory(name="Kept")
    response = personas["administrator"].post(reverse("partner_merge", args=[keep.pk]), {"duplicate": keep.pk,
                                                                                           "confirm": "1"})  # fmt: skip
    assert response.status_code == 200 and "duplicate" in response.context["form"].errors
    assert Partner.objects.filter(pk=keep.pk).exists()


def test_reference_data_records_the_2015_rename():
    call_command("seed_reference", stdout=io.StringIO())
    former = PartnerFormerName.objects.get(acronym="MNS")
    assert former.partner.acronym == "DTX"
    assert former.valid_to == datetime.date(2015, 12, 13)
    assert former.name_az == "Milli Təhlükəsizlik Nazirliyi"
    call_command("seed_reference", stdout=io.StringIO())
    assert PartnerFormerName.objects.count() == 1
