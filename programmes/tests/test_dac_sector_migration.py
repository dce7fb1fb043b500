"""Existing programmes get the DAC sector the IATI export gave their unit area before the sector became data."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programmes", "0008_merge_armed_forces_area_and_partner_records")]
AFTER = [("programmes", "0009_programme_dac_sector")]


@pytest.mark.django_db(transaction=True)
def test_existing_programmes_get_todays_codes():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    OldProgramme = executor.loader.project_state(BEFORE).apps.get_model("programmes", "Programme")  # noqa: N806
    for area in ("policing", "assembly", "counterterrorism", "trafficking", "armed_forces"):
        OldProgramme.objects.create(unit_area=area, title=f"Old {area}")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    from programmes.models import Programme

    assert dict(Programme.objects.values_list("unit_area", "dac_sector")) == {
        "policing": "15210",
        "counterterrorism": "15210",
        "assembly": "15160",
        "trafficking": "15160",
        "armed_forces": "15210",
    }
