"""Page parts cached by programmes.fragments beyond the activity list (issue 15): each unit's home table, an
activity's facts and partners, the dashboard's two lists. Really cached (a repeat renders no fragment template),
never stale after a write, never served in another language; names and audit rows stay live."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AccessLog
from counterterrorism.tests.factories import CtActivityFactory
from policing.tests.factories import CagFactory, CagMeetingFactory
from programmes.models import Theme
from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory, ParticipationFactory
from trafficking.tests.factories import MeasureFactory, PlanFactory
from training.tests.factories import CourseFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db


def _get(client, url, fragment, language="en"):
    """The page's HTML and whether `fragment` was rendered (a miss) for it."""
    response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200
    return response.content.decode(), fragment in {t.name for t in response.templates}


def test_the_policing_table_is_cached_and_follows_its_records(personas):
    client, url, fragment = personas["manager"], reverse("policing:index"), "policing/_cag_rows.html"
    cag = CagFactory(police_department="Shirvan City Police Department")
    assert _get(client, url, fragment)[1]
    html, rendered = _get(client, url, fragment)
    assert not rendered and "Shirvan City Police Department" in html
    cag.police_department = "Ganja City Police Department"  # a policing record alone: no activity changes
    cag.save()
    assert "Ganja City Police Department" in _get(client, url, fragment)[0]
    CagMeetingFactory(cag=cag, activity__start_date=datetime.date(2013, 5, 2))
    html, rendered = _get(client, url, fragment)
    assert rendered and "2013" in html


def test_the_training_table_follows_courses_and_linked_trainings(personas):
    client, url, fragment = personas["manager"], reverse("training:index"), "training/_course_rows.html"
    course = CourseFactory(title="Crowd safety")
    assert _get(client, url, fragment)[1]
    assert not _get(client, url, fragment)[1]
    training = TrainingDetailFactory(course=course).activity  # a training record of this unit
    assert _get(client, url, fragment)[1]
    ParticipationFactory(activity=training)  # held trainings are counted from their trainees
    assert '<td class="text-end">1</td>' in _get(client, url, fragment)[0]
    CourseFactory(title="Negotiation with organisers")
    assert "Negotiation with organisers" in _get(client, url, fragment)[0]


def test_the_counterterrorism_summary_follows_activities_and_themes(personas):
    client, url = personas["manager"], reverse("counterterrorism:index")
    fragment = "counterterrorism/_theme_summary.html"
    theme = Theme.objects.create(code="cyber-test", name="Cyber crime test", unit_area="counterterrorism")
    assert "Cyber crime test" in _get(client, url, fragment)[0]
    assert not _get(client, url, fragment)[1]
    activity = CtActivityFactory(status="approved")
    activity.themes.add(theme)  # a many-to-many change
    html = _get(client, url, fragment)[0]
    assert '<td>Cyber crime test</td><td class="text-end">1</td>' in html
    theme.name = "Cybercrime test"
    theme.save()
    assert "Cybercrime test" in _get(client, url, fragment)[0]


def test_the_trafficking_plans_follow_their_measures(personas):
    client, url, fragment = personas["manager"], reverse("trafficking:index"), "trafficking/_plan_rows.html"
    plan = PlanFactory()
    MeasureFactory(plan=plan)
    assert '<td class="text-end">1</td>' in _get(client, url, fragment)[0]
    assert not _get(client, url, fragment)[1]
    MeasureFactory(plan=plan)
    assert '<td class="text-end">2</td>' in _get(client, url, fragment)[0]


def test_a_unit_table_is_not_served_in_another_language(personas):
    client, url, fragment = personas["manager"], reverse("policing:index"), "policing/_cag_rows.html"
    CagFactory()
    _get(client, url, fragment)
    assert not _get(client, url, fragment)[1]
    assert _get(client, url, fragment, language="ru")[1]
    with translation.override("ru"):
        assert translation.gettext("Group") in _get(client, url, fragment, language="ru")[0]


def test_an_activitys_facts_are_cached_and_follow_partners_themes_and_edits(personas):
    client, fragment = personas["manager"], "programmes/_activity_overview.html"
    activity = ActivityFactory(title="Crime prevention training")
    url = reverse("activity_detail", args=[activity.pk])
    assert _get(client, url, fragment)[1]
    assert not _get(client, url, fragment)[1]
    link = ActivityPartnerFactory(activity=activity, partner__name="Ministry of Internal Affairs test")
    assert "Ministry of Internal Affairs test" in _get(client, url, fragment)[0]
    link.partner.name = "Ministry of Interior test"  # reference data: the partner renamed
    link.partner.save()
    assert "Ministry of Interior test" in _get(client, url, fragment)[0]
    activity.themes.add(Theme.objects.create(code="prevention-test", name="Prevention test"))
    assert "Prevention test" in _get(client, url, fragment)[0]
    activity.cost_eur = 1234
    activity.save()
    assert "1234" in _get(client, url, fragment)[0]


def test_an_activitys_heading_is_cached_and_shows_a_rename_and_an_approval_at_once(personas):
    client, fragment = personas["manager"], "programmes/_activity_heading.html"
    activity = ActivityFactory(title="Border management workshop", status="submitted")
    url = reverse("activity_detail", args=[activity.pk])
    assert _get(client, url, fragment)[1]
    html, rendered = _get(client, url, fragment)
    assert not rendered and "Border management workshop" in html
    assert not _get(client, url, "programmes/_activity_tabs.html")[1]
    activity.title = "Border security workshop"
    activity.save()
    assert "Border security workshop" in _get(client, url, fragment)[0]
    client.post(reverse("activity_transition", args=[activity.pk]), {"action": "approve"})
    html, rendered = _get(client, url, fragment)
    assert rendered and 'data-testid="activity-status">Approved<' in html
    with translation.override("ru"):
        approved = translation.gettext("Approved")
    assert f'data-testid="activity-status">{approved}<' in _get(client, url, fragment, language="ru")[0]


def test_participant_names_and_the_audit_row_stay_live_on_a_cached_activity_page(personas):
    client = personas["manager"]
    activity = ActivityFactory()
    url = reverse("activity_detail", args=[activity.pk])
    _get(client, url, "")
    ParticipationFactory(activity=activity, person__first_name="Aysel", person__last_name="Quliyeva")
    logged = AccessLog.objects.filter(object_id=str(activity.pk)).count()
    html, _ = _get(client, url, "")
    assert "Aysel Quliyeva" in html
    assert AccessLog.objects.filter(object_id=str(activity.pk)).count() == logged + 1
    _get(client, url, "")
    assert AccessLog.objects.filter(object_id=str(activity.pk)).count() == logged + 2


def test_the_returned_activitys_last_review_is_shown(personas):
    activity = ActivityFactory(status="submitted")
    client = personas["manager"]
    client.post(reverse("activity_transition", args=[activity.pk]), {"action": "return", "comment": "Add the list"})
    html, _ = _get(client, reverse("activity_detail", args=[activity.pk]), "")
    assert "Add the list" in html


def test_the_dashboard_lists_show_a_submission_and_an_approval_at_once(personas):
    client, url = personas["manager"], reverse("dashboard")
    today = timezone.localdate()
    activity = ActivityFactory(title="Awaiting test activity", status="completed", start_date=today, end_date=today)
    html, _ = _get(client, url, "")
    assert "Awaiting test activity" not in html
    activity.status = "submitted"
    activity.save()
    assert "Awaiting test activity" in _get(client, url, "")[0]
    client.post(reverse("activity_transition", args=[activity.pk]), {"action": "approve"})
    assert "Awaiting test activity" not in _get(client, url, "")[0]
