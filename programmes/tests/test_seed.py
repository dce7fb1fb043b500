import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from programmes.models import Activity, Location, Participation, Partner, Programme, Theme
from programmes.models.partners import Partner as PartnerModel

pytestmark = pytest.mark.django_db

REFERENCE_MODELS = [Location, Partner, Programme, Theme]


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list(*[f.attname for f in model._meta.concrete_fields]))
        for model in REFERENCE_MODELS
    } | {"history": PartnerModel.history.count() + Location.history.count()}


def test_seed_reference_twice_gives_the_same_rows():
    call_command("seed_reference", stdout=None)
    first = _snapshot()
    call_command("seed_reference", stdout=None)
    assert _snapshot() == first


def test_reference_places_have_codes_names_and_coordinates():
    call_command("seed_reference")
    ganja = Location.objects.get(code="AZ-GA")
    assert (ganja.name, ganja.name_az, ganja.name_ru) == ("Ganja", "Gəncə", "Гянджа")
    assert float(ganja.latitude) == pytest.approx(40.6828) and float(ganja.longitude) == pytest.approx(46.3606)
    assert Location.objects.get(code="AZ-NV").parent.code == "AZ-NX"
    assert Location.objects.get(code="AZ-SBN").former_names.startswith("Davachi")
    # The twelve programme places plus the country and the autonomous republic.
    assert Location.objects.exclude(kind__in=["country", "autonomous_republic"]).count() == 12
    assert not Location.objects.filter(latitude=None).exists()


def test_reference_partners_keep_hierarchy_and_history_of_names():
    call_command("seed_reference")
    assert Partner.objects.get(acronym="MIA-PP").parent.acronym == "MIA"
    mns = Partner.objects.get(acronym="MNS")
    assert mns.successor.acronym == "DTX" and mns.valid_to.year == 2015 and not mns.is_active
    assert not Partner.objects.get(acronym="MIA-OCD").name_az_verified
    assert set(Programme.objects.values_list("unit_area", flat=True)) == {
        "policing",
        "assembly",
        "counterterrorism",
        "trafficking",
        "armed_forces",
    }


def test_seed_demo_creates_users_and_data_once():
    call_command("seed_demo")
    assert set(User.objects.values_list("username", flat=True)) >= {
        "admin",
        "manager",
        "staff.policing",
        "staff.training",
        "staff.ct",
        "staff.thb",
        "staff.dcaf",
    }
    assert User.objects.get(username="staff.ct").check_password("baku-demo-2011")
    activities, participations = Activity.objects.count(), Participation.objects.count()
    assert 250 <= activities <= 500 and participations > 1000
    assert set(Activity.objects.values_list("unit_area", flat=True)) == {
        "policing",
        "assembly",
        "counterterrorism",
        "trafficking",
        "armed_forces",
    }
    assert Activity.objects.filter(title="National expert conference on tackling cybercrime", start_date="2011-10-06")
    call_command("seed_demo")
    assert (Activity.objects.count(), Participation.objects.count()) == (activities, participations)


def test_seed_demo_summaries_match_the_rosters():
    call_command("seed_demo")
    for activity in Activity.objects.filter(participant_mode="roster").exclude(participants_women=0)[:20]:
        women = activity.participations.filter(person__sex="female").count()
        assert activity.participants_women == women


def test_seed_demo_is_refused_outside_debug(settings):
    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="refused"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()


def test_seed_demo_tells_a_true_story():
    """Each title goes with the kind it names; targets are on the scale of what happened, met some years and missed
    in others; the fifth area has its activities, people and indicators through the core alone."""
    import datetime

    from programmes.models import IndicatorPeriod
    from programmes.results import figure

    call_command("seed_demo")
    kinds_by_title = {}
    for title, kind in Activity.objects.values_list("title", "kind").distinct():
        kinds_by_title.setdefault(title, set()).add(kind)
    assert all(len(kinds) == 1 for kinds in kinds_by_title.values()), kinds_by_title
    assert kinds_by_title["Training on proportional use of force"] == {"training"}
    assert kinds_by_title["Workshop on the National Referral Mechanism"] == {"workshop"}
    ended = IndicatorPeriod.objects.filter(
        indicator__result__project__code__startswith="DEMO-", indicator__code__startswith="1.1.",
        end__lt=timezone.localdate() - datetime.timedelta(days=90),
    ).select_related("indicator__result__project")  # fmt: skip
    met = missed = 0
    for period in ended:
        value = figure(period).value if figure(period) else 0
        if not value:
            continue
        ratio = value / period.target
        assert 0.5 <= ratio <= 1.5, (period.indicator.title, period.label, value, period.target)
        met, missed = met + (ratio >= 1), missed + (ratio < 1)
    assert met and missed
    armed = Activity.objects.filter(unit_area="armed_forces")
    assert armed.exists() and Participation.objects.filter(activity__in=armed).exists()
    assert IndicatorPeriod.objects.filter(indicator__result__project__programme__unit_area="armed_forces").exists()
