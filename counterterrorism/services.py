"""Writes for the counter-terrorism unit that touch more than one row."""

from django.db import transaction

from programmes.models import Participation, Person
from programmes.services import record_roster_change

from .models import Strategy


@transaction.atomic
def set_activity_link(*, strategy: Strategy, activity, linked: bool) -> None:
    """Link or unlink an activity; the m2m history records who did it."""
    if linked:
        strategy.activities.add(activity)
    else:
        strategy.activities.remove(activity)


@transaction.atomic
def add_event_contributor(*, activity, role: str, person_data: dict) -> Participation:
    """Add a moderator or speaker to a conference as a core participation; the activity's summary, `updated_at`
    and history follow."""
    person = Person.objects.create(**person_data)
    participation = Participation.objects.create(activity=activity, person=person, role=role)
    record_roster_change(activity=activity)
    return participation
