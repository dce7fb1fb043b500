import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.models import Activity
from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2011-01-01", "date_to": "2011-12-31"}


def _training(unit_area="policing", people=(), **kwargs):
    activity = ActivityFactory(unit_area=unit_area, **{"status": "approved", **kwargs})
    for person in people:
        ParticipationFactory(activity=activity, person=person)
    return activity


def _figures(client, **params):
    return client.get(reverse("dashboard"), {**PERIOD, **params}).context["overview"]


def test_figures_count_activities_people_and_women(personas):
    aysel, elcin = PersonFactory(sex="female"), PersonFactory(sex="male")
    _training(people=[aysel, elcin])
    _training(people=[aysel])
    _training(participant_mode="headcount", headcount_women=3, headcount_men=2)
    from programmes.services import refresh_participant_counts

    for activity in Activity.objects.filter(participant_mode="headcount"):
        refresh_participant_counts(activity=activity)
    _training(status="planned")  # not counted: it has not happened
    overview = _figures(personas["manager"])
    assert overview.activities == 3
    assert overview.person_trainings == 3 + 5
    assert overview.unique_people == 2 + 5
    assert (overview.women, overview.men, overview.women_share) == (2 + 3, 1 + 2, 62)


def test_staff_see_only_their_units_figures(personas):
    _training(unit_area="policing")
    _training(unit_area="counterterrorism")
    assert _figures(personas["staff_same_unit"]).activities == 1
    assert _figures(personas["manager"]).activities == 2
    assert personas["staff_same_unit"].get(reverse("unit_dashboard", args=["counterterrorism"])).status_code == 403


def test_filters_and_the_link_to_the_list_behind_a_figure(personas):
    kept = _training(start_date=datetime.date(2011, 5, 1), end_date=datetime.date(2011, 5, 1))
    partner = ActivityPartnerFactory(activity=kept).partner
    _training(start_date=datetime.date(2011, 6, 1), end_date=datetime.date(2011, 6, 1))
    _training(start_date=datetime.date(2012, 6, 1), end_date=datetime.date(2012, 6, 1))
    client = personas["manager"]
    response = client.get(reverse("dashboard"), {**PERIOD, "partner": partner.pk})
    assert response.context["overview"].activities == 1
    listed = client.get(response.context["activities_url"]).context["page"].object_list
    assert [a.pk for a in listed] == [kept.pk]
    all_2011 = client.get(reverse("dashboard"), PERIOD)
    listed = client.get(all_2011.context["activities_url"]).context["page"].object_list
    assert len(listed) == all_2011.context["overview"].activities == 2


def test_an_approval_is_seen_at_once_despite_the_cache(personas):
    activity = ActivityFactory(status="submitted", start_date=datetime.date(2011, 5, 1),
                               end_date=datetime.date(2011, 5, 1))  # fmt: skip
    client = personas["manager"]
    assert client.get(reverse("dashboard"), PERIOD).context["awaiting"][0] == activity
    client.post(reverse("activity_transition", args=[activity.pk]), {"action": "approve"})
    assert list(client.get(reverse("dashboard"), PERIOD).context["awaiting"]) == []


def test_cached_figures_change_when_data_changes(personas):
    activity = _training(start_date=datetime.date(2011, 5, 1), end_date=datetime.date(2011, 5, 1))
    client = personas["manager"]
    assert _figures(client).person_trainings == 0
    ParticipationFactory(activity=activity)
    assert _figures(client).person_trainings == 1


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [reverse("dashboard"), reverse("unit_dashboard", args=["policing"])])
def test_dashboard_query_count_does_not_grow(personas, url, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # uncached every time
    client = personas["manager"]
    _training(people=[PersonFactory()])
    small = _queries(client, url, PERIOD)
    for _ in range(15):
        _training(people=[PersonFactory(), PersonFactory()], start_date=datetime.date(2011, 3, 3),
                  end_date=datetime.date(2011, 3, 3))  # fmt: skip
    assert _queries(client, url, PERIOD) == small


def test_off_track_indicators_load_after_the_page(personas):
    from programmes.tests.factories_results import IndicatorPeriodFactory

    today = timezone.localdate()
    period = IndicatorPeriodFactory(
        label="last year", start=today - datetime.timedelta(days=400), end=today - datetime.timedelta(days=35),
        target=50, indicator__title="Police officers trained",
    )  # fmt: skip
    period.indicator.result.project.end_date = None
    period.indicator.result.project.save()
    page = personas["manager"].get(reverse("dashboard")).content.decode()
    assert reverse("dashboard_off_track") in page
    fragment = personas["manager"].get(reverse("dashboard_off_track")).content.decode()
    assert "Police officers trained" in fragment and "off track" in fragment
    assert (
        "Police officers trained"
        not in personas["staff_other_unit"].get(reverse("dashboard_off_track")).content.decode()
    )
