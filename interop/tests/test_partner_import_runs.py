"""A partner import (not a dry run) leaves a run record for the administrator who started it, saved or refused."""

import pytest
from django.urls import reverse

from interop.tests.helpers import PARTNER_HEADER, upload_partners
from programmes.models import Contact, ImportRun, Partner

pytestmark = pytest.mark.django_db

ROWS = "MIA,Ministry of Internal Affairs,government,,2001-01-01,Elnur Quliyev,elnur@example.org\n"


def test_an_import_is_recorded_and_a_dry_run_is_not(personas, administrator):
    client = personas["administrator"]
    upload_partners(client, PARTNER_HEADER + ROWS)
    assert not ImportRun.objects.exists()
    upload_partners(
        client, PARTNER_HEADER + ROWS + "PP,Patrol Police,law_enforcement,MIA,,,\n", apply=True, name="partners.csv"
    )
    run = ImportRun.objects.get()
    assert (run.kind, run.started_by, run.outcome, run.created, run.updated) == ("partners", administrator,
                                                                                 "imported", 3, 0)  # fmt: skip
    assert run.unit_area == "" and run.link == reverse("partner_list")
    assert "Elnur" not in run.file_name + str(run.error_rows)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-imports"' in page and "partners.csv" in page


def test_a_refused_import_is_recorded_and_saves_nothing(personas):
    client = personas["administrator"]
    upload_partners(client, PARTNER_HEADER + ROWS + "PP,Patrol Police,law_enforcement,NOPE,,,\n", apply=True)
    upload_partners(client, "name\nonly a name\n", apply=True)
    assert not Partner.objects.exists() and not Contact.objects.exists()
    runs = ImportRun.objects.order_by("id")
    assert [(r.outcome, r.rejected, r.error_rows) for r in runs] == [("rejected", 1, [3]), ("rejected", 0, [])]
