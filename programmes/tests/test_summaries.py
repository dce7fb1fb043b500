"""Stored indicator figures (programmes.summaries) equal a full recount from the raw rows after every kind of write."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from programmes import participants, results, services, summaries, workflow
from programmes.attendance_import import apply_import
from programmes.models import (
    Activity,
    ActivityMonth,
    ActivityPartner,
    IndicatorPeriod,
    Participation,
    PeriodFigure,
    Person,
    Sex,
    Theme,
)
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    PartnerFactory,
    PersonFactory,
    ProjectFactory,
)
from programmes.tests.factories_results import IndicatorFactory, IndicatorPeriodFactory, ResultFactory
from programmes.tests.helpers import xlsx
from programmes.tests.recount import assert_summaries_match_recount

pytestmark = pytest.mark.django_db

H1 = (datetime.date(2011, 1, 1), datetime.date(2011, 6, 30))
H2 = (datetime.date(2011, 7, 1), datetime.date(2011, 12, 31))


@pytest.fixture
def world():
    """One project with an indicator of each summarised rule (one counting a partner's people only) over two
    half-years, people of two partners, a roster training in each half and a headcount conference."""
    result = ResultFactory()
    project = result.project
    patrol, troops = PartnerFactory(acronym="MIA-PP"), PartnerFactory(acronym="MIA-IT")
    indicators = {
        rule: IndicatorFactory(result=result, rule=rule)
        for rule in ("unique_people", "person_trainings", "activity_count")
    }
    indicators["patrol_people"] = IndicatorFactory(result=result, rule="unique_people")
    indicators["patrol_people"].rule_partners.add(patrol)
    indicators["manual"] = IndicatorFactory(result=result, rule="manual")
    for indicator in indicators.values():
        for label, (start, end) in (("H1", H1), ("H2", H2)):
            IndicatorPeriodFactory(indicator=indicator, label=label, start=start, end=end)
    # Named here, not by the factory's rotating names: the import below must not find them on its sheet.
    aysel = PersonFactory(first_name="Aysel", last_name="Məmmədova", sex=Sex.FEMALE, organisation=patrol)
    elcin = PersonFactory(first_name="Elçin", last_name="Quliyev", sex=Sex.MALE, organisation=patrol)
    rashad = PersonFactory(first_name="Rəşad", last_name="Cəfərov", sex=Sex.MALE, organisation=troops)
    spring = ActivityFactory(project=project, status="approved", start_date=datetime.date(2011, 3, 1),
                             end_date=datetime.date(2011, 3, 2))  # fmt: skip
    autumn = ActivityFactory(project=project, status="completed", start_date=datetime.date(2011, 10, 6),
                             end_date=datetime.date(2011, 10, 6))  # fmt: skip
    for activity, people in ((spring, [aysel, elcin]), (autumn, [aysel, rashad])):
        for person in people:
            participants.add_participant(activity=activity, person=person)
    conference = ActivityFactory(project=project, status="approved", participant_mode="headcount",
                                 headcount_women=4, headcount_men=6, start_date=datetime.date(2011, 11, 3),
                                 end_date=datetime.date(2011, 11, 3))  # fmt: skip
    services.refresh_participant_counts(activity=conference)
    ActivityPartnerFactory(activity=conference, partner=patrol)
    return {
        "project": project, "indicators": indicators, "patrol": patrol, "troops": troops, "aysel": aysel,
        "elcin": elcin, "rashad": rashad, "spring": spring, "autumn": autumn, "conference": conference,
    }  # fmt: skip


def stored(world, rule, label):
    return PeriodFigure.objects.get(period__indicator=world["indicators"][rule], period__label=label)


def test_figures_are_stored_as_the_rules_count_them(world):
    assert_summaries_match_recount()
    assert stored(world, "unique_people", "H2").value == 2 + 10  # Aysel, Rəşad and the conference's headcount
    assert stored(world, "patrol_people", "H2").value == 1 + 10  # Aysel; the conference benefited the patrol police
    assert stored(world, "person_trainings", "H1").value == 2
    assert stored(world, "activity_count", "H2").value == 2


def test_figure_reads_the_stored_row(world):
    """The page shows the stored figure: a stored value no rule would give proves where it is read from."""
    PeriodFigure.objects.filter(period__indicator=world["indicators"]["unique_people"], period__label="H2").update(
        value=777
    )
    period = IndicatorPeriod.objects.select_related("summary").get(
        indicator=world["indicators"]["unique_people"], label="H2"
    )
    assert results.figure(period).value == 777
    assert str(results.figure(period).value) == "777"


def test_adding_and_removing_participants(world):
    newcomer = PersonFactory(sex=Sex.FEMALE, organisation=world["patrol"])
    participation = participants.add_participant(activity=world["autumn"], person=newcomer)
    assert stored(world, "unique_people", "H2").value == 3 + 10
    assert_summaries_match_recount()
    participants.remove_participant(participation=participation)
    participants.remove_participant(participation=Participation.objects.get(activity=world["autumn"],
                                                                            person=world["aysel"]))  # fmt: skip
    assert stored(world, "unique_people", "H2").value == 1 + 10
    assert_summaries_match_recount()


def test_attendance_import(world):
    rows = [
        ["First name", "Last name", "Sex", "Organisation"],
        ["Günay", "Hüseynova", "F", "MIA-PP"],
        ["Leyla", "Əliyeva", "F", "MIA-IT"],
    ]
    result = apply_import(activity=world["autumn"], uploaded_file=xlsx(rows))
    assert result.added == 2
    assert stored(world, "unique_people", "H2").value == 4 + 10
    assert_summaries_match_recount()


def test_editing_an_activity_moves_it_between_periods(world):
    spring = Activity.objects.get(pk=world["spring"].pk)
    spring.start_date, spring.end_date = datetime.date(2011, 9, 1), datetime.date(2011, 9, 2)
    spring.save()
    assert stored(world, "activity_count", "H1").value == 0
    assert stored(world, "unique_people", "H2").value == 3 + 10
    assert_summaries_match_recount()
    spring.project = ProjectFactory(programme=spring.project.programme)
    spring.save()
    assert stored(world, "activity_count", "H2").value == 2
    assert_summaries_match_recount()


def test_status_mode_and_partners_of_an_activity(world):
    autumn = Activity.objects.get(pk=world["autumn"].pk)
    autumn.status = "planned"
    autumn.save(update_fields=["status"])
    assert stored(world, "activity_count", "H2").value == 1
    assert_summaries_match_recount()
    conference = Activity.objects.get(pk=world["conference"].pk)
    conference.headcount_women = 40
    conference.save()
    services.refresh_participant_counts(activity=conference)
    assert_summaries_match_recount()
    conference.partner_links.all().delete()
    assert stored(world, "patrol_people", "H2").value == 0
    ActivityPartnerFactory(activity=conference, partner=world["patrol"])
    assert_summaries_match_recount()


def test_workflow_approval_and_return(world):
    staff = UserFactory(role=Role.STAFF, unit_areas=[UnitArea.POLICING])
    manager = UserFactory(role=Role.MANAGER)
    planned = ActivityFactory(project=world["project"], status="planned", start_date=datetime.date(2011, 8, 1),
                              end_date=datetime.date(2011, 8, 1))  # fmt: skip
    participants.add_participant(activity=planned, person=world["elcin"])
    assert stored(world, "unique_people", "H2").value == 2 + 10  # a planned activity does not count
    workflow.transition(activity=planned, action="complete", user=staff)
    assert stored(world, "unique_people", "H2").value == 3 + 10
    workflow.transition(activity=planned, action="submit", user=staff)
    workflow.transition(activity=planned, action="return", user=manager, comment="Add the agenda")
    workflow.transition(activity=planned, action="submit", user=staff)
    workflow.transition(activity=planned, action="approve", user=manager)
    assert_summaries_match_recount()
    cancelled = ActivityFactory(project=world["project"], status="planned", start_date=datetime.date(2011, 8, 2),
                                end_date=datetime.date(2011, 8, 2))  # fmt: skip
    workflow.transition(activity=cancelled, action="cancel", user=staff)
    assert_summaries_match_recount()


def test_deleting_an_activity_and_a_participation(world):
    Participation.objects.get(activity=world["spring"], person=world["elcin"]).delete()
    services.refresh_participant_counts(activity=world["spring"])
    assert_summaries_match_recount()
    Activity.objects.get(pk=world["autumn"].pk).delete()
    assert stored(world, "unique_people", "H2").value == 10
    assert stored(world, "activity_count", "H2").value == 1
    assert_summaries_match_recount()


def test_a_person_changing_sex_or_organisation(world):
    rashad = world["rashad"]
    rashad.sex = Sex.FEMALE
    rashad.save()
    assert stored(world, "unique_people", "H2").women == 2 + 4
    rashad.organisation = world["patrol"]
    rashad.save()
    assert stored(world, "patrol_people", "H2").value == 2 + 10
    assert_summaries_match_recount()


def test_merging_partners(world):
    services.merge_partners(keep=world["troops"], duplicate=world["patrol"], user=UserFactory(role=Role.ADMINISTRATOR))
    # The indicator that counted the patrol police's people now counts the kept partner's, who are all three.
    assert stored(world, "patrol_people", "H2").value == 2 + 10
    assert_summaries_match_recount()


def test_indicator_settings_and_periods(world):
    indicator = world["indicators"]["unique_people"]
    first_aid = Theme.objects.create(code="first-aid", name="First aid")
    indicator.rule_themes.add(first_aid)
    assert stored(world, "unique_people", "H2").value == 0
    world["autumn"].themes.add(first_aid)
    assert stored(world, "unique_people", "H2").value == 2
    assert_summaries_match_recount()
    period = IndicatorPeriod.objects.get(indicator=indicator, label="H2")
    period.start = datetime.date(2011, 4, 1)  # overlapping the first half now
    period.save()
    manual = world["indicators"]["manual"]
    manual.rule = "activity_count"
    manual.save()
    assert_summaries_match_recount()
    manual.rule = "manual"
    manual.save()
    assert_summaries_match_recount()
    IndicatorPeriodFactory(indicator=indicator, label="2012", start=datetime.date(2012, 1, 1),
                           end=datetime.date(2012, 12, 31))  # fmt: skip
    assert_summaries_match_recount()


def test_batch_recomputes_each_period_once_at_the_end(world):
    with summaries.batch():
        for person in (world["aysel"], world["elcin"], world["rashad"]):
            person.sex = Sex.UNRECORDED
            person.save()
        assert stored(world, "unique_people", "H1").women == 1  # not yet: recomputed at the end of the block
    assert stored(world, "unique_people", "H1").women == 0
    assert_summaries_match_recount()


def test_rebuild_command_repairs_and_bulk_loads(world):
    """Rows written past the services (a bulk load) are counted once `rebuild_summaries` runs."""
    Participation.objects.bulk_create(
        [Participation(activity=world["spring"], person=PersonFactory(sex=Sex.MALE)) for _ in range(3)]
    )
    PeriodFigure.objects.filter(period__label="H2").delete()
    out = io.StringIO()
    call_command("rebuild_summaries", stdout=out)
    assert "indicator periods" in out.getvalue()
    assert stored(world, "unique_people", "H1").value == 5
    assert_summaries_match_recount()


def test_a_missing_figure_is_computed_as_before(world):
    PeriodFigure.objects.all().delete()
    period = IndicatorPeriod.objects.get(indicator=world["indicators"]["unique_people"], label="H2")
    assert results.figure(period).value == 12


@pytest.mark.parametrize(
    "date_from, date_to, partner",
    [
        (datetime.date(2011, 1, 1), datetime.date(2011, 12, 31), False),  # whole months only
        (datetime.date(2011, 2, 15), datetime.date(2011, 11, 3), False),  # part-months at both ends
        (datetime.date(2011, 10, 6), datetime.date(2011, 10, 20), False),  # inside one month
        (datetime.date(2011, 1, 1), datetime.date(2011, 12, 31), True),  # partner filter: activities only
    ],
)
def test_dashboard_figures_from_the_months_equal_a_recount(world, date_from, date_to, partner):
    from django.db.models import Count, Sum

    from programmes import dashboard

    manager = UserFactory(role=Role.MANAGER)
    ActivityFactory(project=world["project"], status="approved", location=None, start_date=datetime.date(2011, 2, 1),
                    end_date=datetime.date(2011, 2, 1))  # fmt: skip
    filters = {"date_from": date_from, "date_to": date_to, "unit_area": "", "programme": None, "project": None,
               "location": None, "partner": world["patrol"].pk if partner else None}  # fmt: skip
    overview = dashboard._compute_overview(manager, filters)
    raw = dashboard.filtered_activities(manager, filters)
    totals = raw.aggregate(n=Count("id"), women=Sum("participants_women"), men=Sum("participants_men"))
    assert (overview.activities, overview.women, overview.men) == (totals["n"], totals["women"] or 0,
                                                                   totals["men"] or 0)  # fmt: skip
    assert sum(row["activities"] for row in overview.by_month) == totals["n"]
    assert sum(row["activities"] for row in overview.by_unit) == totals["n"]
    partners = ActivityPartner.objects.filter(activity__in=raw.values("pk")).values("partner").distinct().count()
    assert overview.partners == partners
    located = raw.filter(location__latitude__isnull=False).values("location_id").annotate(n=Count("id"))
    assert {p["location_id"]: p["activities"] for p in overview.places} == {r["location_id"]: r["n"] for r in located}
    named = Participation.objects.filter(activity__in=raw.filter(participant_mode="roster").values("pk"))
    headcount = raw.filter(participant_mode="headcount").aggregate(
        n=Sum("participants_women") + Sum("participants_men") + Sum("participants_unrecorded")
    )["n"]
    assert overview.unique_people == named.values("person").distinct().count() + (headcount or 0)


def test_the_overview_counts_unique_people_without_reading_participations(world):
    """Over whole months the sets kept with the months answer "how many different people": the same few queries at
    any size, none of them on participations, and a person in two months or two projects is counted once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programmes import dashboard

    manager = UserFactory(role=Role.MANAGER)
    filters = {"date_from": datetime.date(2011, 1, 1), "date_to": datetime.date(2011, 12, 31), "unit_area": "",
               "programme": None, "project": None, "location": None, "partner": None}  # fmt: skip

    def counted():
        with CaptureQueriesContext(connection) as ctx:
            people = dashboard._compute_overview(manager, filters).unique_people
        return people, [q["sql"] for q in ctx.captured_queries]

    counted()  # the manager's roles are looked up once, then remembered
    before, small = counted()
    newcomer = PersonFactory()
    for month in (3, 4):
        day = datetime.date(2011, month, 9)
        activity = ActivityFactory(project=world["project"], status="approved", start_date=day, end_date=day)
        for person in (world["aysel"], newcomer):  # Aysel is already counted; the newcomer twice here
            participants.add_participant(activity=activity, person=person)
    after, large = counted()
    assert after == before + 1
    assert len(large) == len(small)
    assert not [sql for sql in large if "programmes_participation" in sql]


ROSTERS = ("spring", "autumn")
PEOPLE = ("aysel", "elcin", "rashad")
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(ROSTERS), st.sampled_from(PEOPLE)),
        st.tuples(st.just("remove"), st.sampled_from(ROSTERS), st.sampled_from(PEOPLE)),
        st.tuples(st.just("move"), st.sampled_from(ROSTERS + ("conference",)), st.integers(0, 364)),
        st.tuples(
            st.just("status"),
            st.sampled_from(ROSTERS + ("conference",)),
            st.sampled_from(["planned", "completed", "approved", "cancelled"]),
        ),  # fmt: skip
        st.tuples(st.just("sex"), st.sampled_from(PEOPLE), st.sampled_from([Sex.FEMALE, Sex.MALE, Sex.UNRECORDED])),
        st.tuples(st.just("delete"), st.sampled_from(ROSTERS + ("conference",)), st.none()),
    ),
    max_size=6,
)


def _apply(world, operation):
    kind, target, value = operation
    if kind == "sex":
        person = Person.objects.get(pk=world[target].pk)
        person.sex = value
        person.save()
        return
    activity = Activity.objects.filter(pk=world[target].pk).first()
    if activity is None:
        return  # deleted by an earlier step
    if kind in ("add", "remove"):
        existing = Participation.objects.filter(activity=activity, person=world[value]).first()
        if kind == "add" and existing is None:
            participants.add_participant(activity=activity, person=world[value])
        elif kind == "remove" and existing is not None:
            participants.remove_participant(participation=existing)
    elif kind == "move":
        activity.start_date = activity.end_date = datetime.date(2011, 1, 1) + datetime.timedelta(days=value)
        activity.save()
    elif kind == "status":
        activity.status = value
        activity.save()
    else:
        activity.delete()


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(steps=operations)
def test_any_sequence_of_writes_keeps_the_summaries_equal_to_a_recount(world, steps):
    with transaction.atomic():
        for step in steps:
            _apply(world, step)
        assert_summaries_match_recount()
        transaction.set_rollback(True)


def test_off_track_and_indicator_pages_read_no_participations(world, settings, client):
    """The stored figures are read in the same few queries however many activities and people there are, and none
    of those queries reads participations."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # uncached every time
    world["project"].end_date = None
    world["project"].save()
    client.force_login(UserFactory(role=Role.MANAGER))
    query = {"date_from": "2011-01-01", "date_to": "2011-12-31"}

    def captured():
        pages = {}
        for url, params in ((reverse("dashboard_off_track"), query), (reverse("indicator_list"), {})):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url, params).status_code == 200
            pages[url] = [q["sql"] for q in ctx.captured_queries]
        return pages

    small = captured()
    for day in range(1, 16):
        activity = ActivityFactory(project=world["project"], status="approved", start_date=datetime.date(2011, 4, day),
                                   end_date=datetime.date(2011, 4, day))  # fmt: skip
        for _ in range(2):
            participants.add_participant(activity=activity, person=PersonFactory())
    large = captured()
    assert {url: len(sql) for url, sql in large.items()} == {url: len(sql) for url, sql in small.items()}
    assert not [sql for sqls in large.values() for sql in sqls if "programmes_participation" in sql]


def test_the_migration_backfills_the_months_as_the_summaries_count_them(world):
    """Installations with data get their monthly summaries with the migration, before any page reads them."""
    import importlib

    from django.apps import apps

    months = importlib.import_module("programmes.migrations.0012_backfill_activity_months").backfill
    people = importlib.import_module("programmes.migrations.0013_activity_month_people").backfill
    ActivityMonth.objects.all().delete()
    months(apps, None)
    people(apps, None)
    assert_summaries_match_recount()


def test_the_nightly_repair_puts_a_bulk_write_right_and_says_so(world, caplog, settings):
    """A script's `update()` sends no signal, so the summaries go stale until beat's nightly repair; a repair with
    nothing to do changes nothing and says nothing."""
    from programmes import tasks

    assert settings.CELERY_BEAT_SCHEDULE["programmes-repair-summaries"]["task"] == "programmes.tasks.repair_summaries"
    assert tasks.repair_summaries.apply().get() == 0
    Activity.objects.filter(pk=world["spring"].pk).update(status="planned")  # around the services and signals
    assert stored(world, "unique_people", "H1").value == 2  # stale: spring no longer counts
    with caplog.at_level("WARNING", logger="programmes.tasks"):
        assert tasks.repair_summaries.apply().get() > 0
    assert [r.rows_changed for r in caplog.records if r.getMessage() == "summaries repaired"]
    assert stored(world, "unique_people", "H1").value == 0
    assert_summaries_match_recount()
    assert tasks.repair_summaries.apply().get() == 0


def test_the_repair_recounts_participants_a_script_wrote_around_the_services(world):
    """A bulk delete of participations in a shell leaves the activity's counts and its month's set of people stale;
    the repair recounts both, and a headcount activity keeps its headcount."""
    from programmes import tasks

    autumn = world["autumn"]
    Participation.objects.filter(activity=autumn, person=world["rashad"]).delete()  # no roster service
    assert Activity.objects.get(pk=autumn.pk).participants_men == 1  # stale
    assert tasks.repair_summaries.apply().get() > 0
    repaired = Activity.objects.get(pk=autumn.pk)
    assert (repaired.participants_women, repaired.participants_men) == (1, 0)
    conference = Activity.objects.get(pk=world["conference"].pk)
    assert (conference.participants_women, conference.participants_men) == (4, 6)
    assert stored(world, "unique_people", "H2").value == 1 + 10
    assert_summaries_match_recount()
    assert summaries.recount_participants() == 0
