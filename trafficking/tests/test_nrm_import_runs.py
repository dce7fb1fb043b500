"""Each NRM import leaves a run record for its uploader's home page: counts created and replaced, or the rows that
were refused (nothing saved), with a link to the NRM statistics page."""

import pytest
from django.urls import reverse

from programmes.models import ImportRun
from trafficking.models import NrmStatistic
from trafficking.tests.helpers import GOOD, HEADINGS, upload_nrm, xlsx

pytestmark = pytest.mark.django_db


def _confirm(client):
    return client.post(reverse("trafficking:nrm_import"), {"confirm": "1"})


def test_a_confirmed_import_is_recorded_with_its_counts(thb_client):
    upload_nrm(thb_client, xlsx(GOOD, name="nrm-2021.xlsx"))
    assert not ImportRun.objects.exists()  # a preview is not an import yet
    _confirm(thb_client)
    upload_nrm(thb_client, xlsx([[*GOOD[0][:-1], 15], GOOD[1]], name="nrm-2021-revised.xlsx"))
    _confirm(thb_client)
    first, second = ImportRun.objects.order_by("id")
    assert (first.kind, first.unit_area, first.outcome, first.created, first.updated) == ("nrm", "trafficking",
                                                                                          "imported", 3, 0)  # fmt: skip
    assert (second.file_name, second.created, second.updated) == ("nrm-2021-revised.xlsx", 0, 1)
    assert first.started_by.username == "sevda.thb" and first.link == reverse("trafficking:nrm")


def test_rejected_sheets_are_recorded_and_save_nothing(thb_client):
    bad = [GOOD[0], [2021, None, "woman", "adult", "sexual", "national", "identified", 4]]
    upload_nrm(thb_client, xlsx(bad))
    upload_nrm(thb_client, xlsx(GOOD, headings=[*HEADINGS[:-1], "Victim name"]))
    upload_nrm(thb_client, xlsx([]))  # headings and no data
    assert _confirm(thb_client).url == reverse("trafficking:nrm_import")  # nothing waiting to be confirmed
    assert not NrmStatistic.objects.exists()
    runs = ImportRun.objects.order_by("id")
    assert [(r.outcome, r.rejected, r.error_rows, r.file_refused) for r in runs] == [
        ("rejected", 1, [3], False), ("rejected", 0, [], True), ("rejected", 0, [], True),
    ]  # fmt: skip


def test_the_uploader_sees_the_import_on_the_home_page(thb_client):
    upload_nrm(thb_client, xlsx(GOOD, name="nrm-2021.xlsx"))
    _confirm(thb_client)
    page = thb_client.get(reverse("home")).content.decode()
    assert "nrm-2021.xlsx" in page and f'href="{reverse("trafficking:nrm")}"' in page
    assert "3 created, 0 updated" in page
