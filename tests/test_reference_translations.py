"""Reference data in the user's language: partners from the reference CSV, projects, CAGs and courses with their own
Azerbaijani and Russian names, English where no translation is recorded."""

import pytest
from django.core.management import call_command
from django.utils import translation

from policing.tests.factories import CagFactory
from programmes.models import Partner
from programmes.tests.factories import ProjectFactory
from training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def test_every_reference_partner_has_azerbaijani_and_russian_names():
    call_command("seed_reference")
    partners = Partner.objects.all()
    assert partners.count() == 25
    assert not partners.filter(name_ru="").exists()
    assert not partners.filter(name_az="").exists()
    with translation.override("ru"):
        assert str(Partner.objects.get(acronym="MIA-PP")) == "Патрульная полиция (MIA-PP)"


@pytest.mark.parametrize(
    ("acronym", "az_checked", "ru_checked"),
    [("MIA-IT", True, True), ("MIA-PP", False, True), ("MIA-SRU", False, False), ("DTX", True, True)],
)
def test_unverified_names_stay_marked(acronym, az_checked, ru_checked):
    call_command("seed_reference")
    partner = Partner.objects.get(acronym=acronym)
    assert (partner.name_az_verified, partner.name_ru_verified) == (az_checked, ru_checked)


def test_a_database_seeded_before_the_russian_names_gets_them_on_the_next_run():
    call_command("seed_reference")
    Partner.objects.filter(acronym="ICMPD").update(name_az="", name_ru="")
    call_command("seed_reference")
    icmpd = Partner.objects.get(acronym="ICMPD")
    assert icmpd.name_ru == "Международный центр по развитию миграционной политики" and icmpd.name_az


@pytest.mark.parametrize(
    ("make", "attribute"),
    [
        (lambda **names: ProjectFactory(code="P-1", title="Border management", **names), "localized_title"),
        (lambda **names: CourseFactory(title="Border management", **names), "localized_title"),
    ],
)
def test_titles_in_the_users_language_with_english_fallback(make, attribute):
    thing = make(title_az="Sərhəd idarəçiliyi", title_ru="")
    with translation.override("az"):
        assert getattr(thing, attribute) == "Sərhəd idarəçiliyi"
        assert "Sərhəd idarəçiliyi" in str(thing)
    with translation.override("ru"):
        assert getattr(thing, attribute) == "Border management"  # no Russian title recorded
    with translation.override("en"):
        assert getattr(thing, attribute) == "Border management"


def test_cag_names_in_the_users_language():
    cag = CagFactory(police_department="Guba District Police Department", police_department_ru="Губинский РОП")
    with translation.override("ru"):
        assert cag.localized_name == "Губинский РОП" and str(cag).startswith("Губинский РОП")
    with translation.override("az"):
        assert cag.localized_name == "Guba District Police Department"
