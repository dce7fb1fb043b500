import pytest

from accounts import access
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import ALL_UNIT_AREAS, UnitArea
from programmes.models import Activity, Person, Project
from programmes.tests.factories import ActivityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_staff_see_only_their_unit_areas(staff_policing):
    assert access.visible_unit_areas(staff_policing) == {UnitArea.POLICING}
    assert access.editable_unit_areas(staff_policing) == {UnitArea.POLICING}
    assert not access.can_review(staff_policing)


def test_staff_in_two_units_see_both():
    user = UserFactory(unit_areas=[UnitArea.POLICING, UnitArea.TRAFFICKING])
    assert access.visible_unit_areas(user) == {UnitArea.POLICING, UnitArea.TRAFFICKING}


def test_managers_see_everything_edit_nothing_and_review(manager):
    assert access.visible_unit_areas(manager) == ALL_UNIT_AREAS
    assert access.editable_unit_areas(manager) == frozenset()
    assert access.can_review(manager)


def test_administrators_see_and_edit_everything(administrator):
    assert access.visible_unit_areas(administrator) == ALL_UNIT_AREAS
    assert access.editable_unit_areas(administrator) == ALL_UNIT_AREAS
    assert administrator.has_perm("programmes.change_partner")


def test_a_user_without_a_role_sees_nothing_even_with_unit_areas():
    user = UserFactory(unit_areas=[UnitArea.POLICING])
    user.groups.clear()
    assert access.visible_unit_areas(user) == frozenset()


def test_deactivated_users_lose_everything(manager):
    manager.is_active = False
    assert access.visible_unit_areas(manager) == frozenset()


def test_activity_for_user_scopes_by_unit(staff_policing, staff_ct, manager):
    policing = ActivityFactory(unit_area=UnitArea.POLICING)
    ct = ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM)
    assert list(Activity.objects.for_user(staff_policing)) == [policing]
    assert list(Activity.objects.for_user(staff_ct)) == [ct]
    assert set(Activity.objects.for_user(manager)) == {policing, ct}
    assert set(Project.objects.for_user(staff_ct)) == {ct.project}


def test_person_for_user_follows_the_activities(staff_policing, staff_ct):
    participation = ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.POLICING))
    assert list(Person.objects.for_user(staff_policing)) == [participation.person]
    assert list(Person.objects.for_user(staff_ct)) == []


def test_roles_are_read_once_per_request(staff_policing, django_assert_num_queries):
    user = type(staff_policing).objects.get(pk=staff_policing.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            access.visible_unit_areas(user)
            access.is_manager(user)


def test_roles_exist_after_migrations():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
