"""Existing programmes get the DAC sector the IATI export gave their unit area before the sector became data."""

BEFORE = [("programmes", "0008_merge_armed_forces_area_and_partner_records")]
AFTER = [("programmes", "0009_programme_dac_sector")]


def test_existing_programmes_get_todays_codes(migrator):
    old_apps = migrator(BEFORE)
    OldProgramme = old_apps.get_model("programmes", "Programme")  # noqa: N806
    for area in ("policing", "assembly", "counterterrorism", "trafficking", "armed_forces"):
        OldProgramme.objects.create(unit_area=area, title=f"Old {area}")

    migrator(AFTER)
    from programmes.models import Programme

    assert dict(Programme.objects.values_list("unit_area", "dac_sector")) == {
        "policing": "15210",
        "counterterrorism": "15210",
        "assembly": "15160",
        "trafficking": "15160",
        "armed_forces": "15210",
    }
