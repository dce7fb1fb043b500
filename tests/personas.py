"""The people tests act as: one per role, plus staff of two different units (healthchecks-style personas)."""

import pytest
from django.test import Client

from accounts import user_facts
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea

PERSONAS = ("anonymous", "staff_same_unit", "staff_other_unit", "manager", "administrator")


@pytest.fixture
def staff_policing(db):
    return UserFactory(username="nigar.staff", role=Role.STAFF, unit_areas=[UnitArea.POLICING])


@pytest.fixture
def staff_ct(db):
    return UserFactory(username="samir.staff", role=Role.STAFF, unit_areas=[UnitArea.COUNTERTERRORISM])


@pytest.fixture
def manager(db):
    return UserFactory(username="kamran.manager", role=Role.MANAGER)


@pytest.fixture
def administrator(db):
    return UserFactory(username="leyla.admin", role=Role.ADMINISTRATOR)


@pytest.fixture
def personas(staff_policing, staff_ct, manager, administrator):
    """Signed-in clients by persona name; records under test belong to the policing unit."""
    clients = {"anonymous": Client()}
    for name, user in (
        ("staff_same_unit", staff_policing),
        ("staff_other_unit", staff_ct),
        ("manager", manager),
        ("administrator", administrator),
    ):
        client = Client()
        client.force_login(user)
        clients[name] = client
        # As for anyone already signed in, the user's roles and enrolment are in the cache (accounts.user_facts),
        # so a test's first request costs the queries of every later one.
        user_facts.warm(user)
    return clients


@pytest.fixture
def url_objects(db):
    """Records the URL table points at; all of them belong to the policing unit ("staff_same_unit")."""
    from programmes.tests.factories import ActivityFactory, ParticipationFactory

    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    participation = ParticipationFactory(activity=activity)
    return {"activity": activity, "participation": participation, "person": participation.person}
