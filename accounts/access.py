"""The one place that decides what a user may see and do.

Querysets (`for_user`), views, templates and the admin all ask these functions; nothing else checks roles.

- Staff see and edit the records of the unit areas they are assigned to, and nothing else.
- Managers see all unit areas, approve or return submitted work, and request reports; they do not edit records
  or the user list.
- Administrators see everything and keep the reference records (partners, locations, programmes, users) in the
  Django admin.
"""

from . import user_facts
from .roles import Role
from .units import ALL_UNIT_AREAS


def _roles(user) -> frozenset:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    # Read once per request, from the shared cache when there is one (accounts.user_facts).
    return user_facts.role_names(user)


def has_role(user, role: Role) -> bool:
    return role.value in _roles(user)


def is_staff_member(user) -> bool:
    return has_role(user, Role.STAFF)


def is_manager(user) -> bool:
    return has_role(user, Role.MANAGER)


def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR) or bool(getattr(user, "is_superuser", False) and user.is_active)


def decision_inputs(user) -> tuple:
    """Everything the functions here decide from, for caching what follows from them alone (the top menu): two
    users with the same inputs get the same answers. A new input to any decision here belongs in it too."""
    return (_roles(user), is_administrator(user), frozenset(user.unit_areas or ()) if is_staff_member(user) else None)


def visible_unit_areas(user) -> frozenset:
    """Unit areas whose records the user may read."""
    if is_manager(user) or is_administrator(user):
        return ALL_UNIT_AREAS
    if is_staff_member(user):
        return frozenset(user.unit_areas or ()) & ALL_UNIT_AREAS
    return frozenset()


def editable_unit_areas(user) -> frozenset:
    """Unit areas whose records the user may create and change (managers review, they do not edit)."""
    if is_administrator(user):
        return ALL_UNIT_AREAS
    if is_staff_member(user):
        return frozenset(user.unit_areas or ()) & ALL_UNIT_AREAS
    return frozenset()


def can_see_unit(user, unit_area: str) -> bool:
    return unit_area in visible_unit_areas(user)


def can_edit_unit(user, unit_area: str) -> bool:
    return unit_area in editable_unit_areas(user)


def can_review(user) -> bool:
    """Approve or return submitted activities."""
    return is_manager(user) or is_administrator(user)


def can_view_dashboards(user) -> bool:
    return bool(visible_unit_areas(user))


def can_request_reports(user) -> bool:
    return bool(visible_unit_areas(user))


# Unit areas whose participant names only that area's staff and managers may see; unit apps register themselves.
_restricted_name_units: set[str] = set()


def restrict_names_to_unit(unit_area: str) -> None:
    _restricted_name_units.add(unit_area)


def can_see_person_names(user, unit_area: str) -> bool:
    """Names of participants of an activity in `unit_area`.

    Some areas (counter-terrorism) register themselves as restricted: there only that area's staff and managers see
    names. Elsewhere anyone who may see the activity may see its participants.
    """
    if unit_area in _restricted_name_units:
        return is_manager(user) or (is_staff_member(user) and unit_area in (user.unit_areas or ()))
    return can_see_unit(user, unit_area)


def name_visible_unit_areas(user) -> frozenset:
    """Unit areas whose participants' names the user may see (`can_see_person_names`), for scoping people lists."""
    return frozenset(area for area in visible_unit_areas(user) if can_see_person_names(user, area))


def require_unit_visible(user, unit_area: str) -> None:
    """For a unit's list and summary pages: staff of other units get 403 (object pages use for_user and 404)."""
    from django.core.exceptions import PermissionDenied

    if not can_see_unit(user, unit_area):
        raise PermissionDenied


def require_unit_editable(user, unit_area: str) -> None:
    from django.core.exceptions import PermissionDenied

    if not can_edit_unit(user, unit_area):
        raise PermissionDenied
