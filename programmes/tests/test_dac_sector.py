"""A programme's DAC sector is data: its unit's registered default to start with, editable in the back office, always a
five-digit DAC CRS purpose code."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.units import UnitArea
from programmes import registry
from programmes.models import Programme

pytestmark = pytest.mark.django_db


def test_every_area_has_a_registered_default_and_a_new_programme_takes_it():
    # The units register theirs from their AppConfig, the core the armed forces' (programmes.area_defaults).
    assert set(registry.sector_defaults) == set(UnitArea.values)
    for area in UnitArea:
        programme = Programme.objects.create(unit_area=area, title=f"New {area} programme")
        assert programme.dac_sector == registry.sector_defaults[area]
    assert Programme.objects.get(unit_area=UnitArea.ASSEMBLY).dac_sector == "15160"


def test_a_chosen_sector_is_kept_and_a_cleared_one_returns_to_the_default():
    programme = Programme.objects.create(unit_area=UnitArea.POLICING, title="Police reform", dac_sector="15130")
    assert Programme.objects.get(pk=programme.pk).dac_sector == "15130"
    programme.dac_sector = ""
    programme.save(update_fields=["dac_sector"])
    assert Programme.objects.get(pk=programme.pk).dac_sector == "15210"


def _admin_form(programme, **changes):
    return {
        "title": programme.title,
        "title_az": "",
        "title_ru": "",
        "unit_area": programme.unit_area,
        "description": "",
        "dac_sector": programme.dac_sector,
    } | changes


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("1521", "Enter a DAC CRS purpose code of five digits"),
        ("15A10", "Enter a DAC CRS purpose code of five digits"),
        ("152100", "Ensure this value has at most 5 characters"),
    ],
)
def test_the_back_office_refuses_a_code_that_is_not_five_digits_with_a_message(personas, code, message):
    programme = Programme.objects.create(unit_area=UnitArea.TRAFFICKING, title="THB")
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    response = personas["administrator"].post(url, _admin_form(programme, dac_sector=code, title="Renamed"))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["dac_sector"]
    assert message in response.content.decode()
    assert Programme.objects.get(pk=programme.pk).title == "THB"  # nothing saved


def test_the_back_office_changes_the_sector(personas):
    programme = Programme.objects.create(unit_area=UnitArea.TRAFFICKING, title="THB")
    page = personas["administrator"].get(reverse("admin:programmes_programme_change", args=[programme.pk]))
    assert 'name="dac_sector"' in page.content.decode() and 'value="15160"' in page.content.decode()
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    response = personas["administrator"].post(url, _admin_form(programme, dac_sector="15180"))
    assert response.status_code == 302
    assert Programme.objects.get(pk=programme.pk).dac_sector == "15180"


def test_the_database_refuses_a_malformed_code():
    programme = Programme.objects.create(unit_area=UnitArea.POLICING, title="Police reform")
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(dac_sector="abcde")
