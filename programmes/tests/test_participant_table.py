"""The activity page's participant table (programmes/templatetags/participant_table.py) and what the page reads:
the same table the template loop wrote, escaped and localized, with edit links for those who may edit, and no
evidence query for an activity without evidence."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from programmes.models import ParticipationRole
from programmes.tests.factories import ActivityFactory, EvidenceFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _table(response) -> str:
    html = response.content.decode()
    start = html.index('data-testid="participant-table"')
    return html[start : html.index("</table>", start)]


@pytest.fixture
def activity():
    activity = ActivityFactory(unit_area="policing", status="completed")
    ParticipationFactory(
        activity=activity, person=PersonFactory(first_name="<b>Aysel</b>", last_name="Məmmədova & Co"),
        role=ParticipationRole.TRAINER, days_attended=2, pre_test_score=Decimal("61.50"),
        post_test_score=Decimal("88.25"), certificate_issued=True,
    )  # fmt: skip
    ParticipationFactory(activity=activity, person=PersonFactory(first_name="Rəşad", last_name="Cəfərov"))
    return activity


def test_cells_are_escaped_and_numbers_localized_in_each_language(personas, activity):
    url = reverse("activity_detail", args=[activity.pk])
    table = _table(personas["manager"].get(url))
    assert "&lt;b&gt;Aysel&lt;/b&gt; Məmmədova &amp; Co" in table and "<b>Aysel" not in table
    assert '<td class="text-end">2</td><td class="text-end">61.50</td><td class="text-end">88.25</td>' in table
    assert "<td>Yes</td>" in table
    for language in ("az", "ru"):
        personas["manager"].cookies[settings.LANGUAGE_COOKIE_NAME] = language
        table = _table(personas["manager"].get(url))
        assert '<td class="text-end">61,50</td><td class="text-end">88,25</td>' in table, language
        with translation.override(language):
            assert f"<td>{translation.gettext('Yes')}</td>" in table and translation.gettext("Yes") != "Yes"


def test_rows_link_to_their_edit_pages_only_for_those_who_may_edit(personas, activity):
    url = reverse("activity_detail", args=[activity.pk])
    links = [reverse("participant_edit", args=[activity.pk, p.pk]) for p in activity.participations.all()]
    editable = _table(personas["staff_same_unit"].get(url))
    assert all(f'href="{link}"' in editable for link in links)
    assert not any(link in _table(personas["manager"].get(url)) for link in links)  # managers review, not edit


def test_an_empty_roster_says_so(personas):
    activity = ActivityFactory(unit_area="policing")
    table = _table(personas["staff_same_unit"].get(reverse("activity_detail", args=[activity.pk])))
    assert "No participants recorded yet." in table


def test_evidence_is_read_only_when_the_activity_has_some(personas, activity):
    url = reverse("activity_detail", args=[activity.pk])
    client = personas["staff_same_unit"]
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert "No evidence attached." in client.get(url).content.decode()
    assert not [q for q in ctx.captured_queries if q["sql"].startswith('SELECT "programmes_evidence"')]
    EvidenceFactory(activity=activity, original_name="agenda <Ganja>.pdf")
    page = client.get(url).content.decode()
    assert "agenda &lt;Ganja&gt;.pdf" in page and "No evidence attached." not in page
