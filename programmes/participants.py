"""Adding people to an activity's roster, with a warning when the person probably exists already."""

from django.db import transaction
from django.db.models import Q

from .models import Activity, Participation, Person
from .names import person_name_key
from .services import record_roster_change


def likely_duplicates(*, user, first_name: str, last_name: str, organisation=None, exclude_pk=None, limit: int = 5):
    """People the user may see whose name is the same under any spelling (Məmmədov / Mammadov / Мамедов) and
    whose organisation is the same or unknown. Only people the user may see: a warning must not reveal others."""
    key = person_name_key(first_name, last_name)
    people = Person.objects.for_user(user).filter(name_key=key).select_related("organisation")
    if organisation is not None:
        people = people.filter(Q(organisation=organisation) | Q(organisation__isnull=True))
    if exclude_pk:
        people = people.exclude(pk=exclude_pk)
    return list(people[:limit])


@transaction.atomic
def add_participant(*, activity: Activity, person: Person, **participation_fields) -> Participation:
    if person.pk is None:
        person.save()
    participation, _created = Participation.objects.update_or_create(
        activity=activity, person=person, defaults=participation_fields
    )
    record_roster_change(activity=activity)
    return participation


@transaction.atomic
def save_participation(*, form) -> Participation:
    """Save a changed participation (a valid ParticipationForm) and record the change on its activity."""
    participation = form.save()
    record_roster_change(activity=participation.activity)
    return participation


@transaction.atomic
def remove_participant(*, participation: Participation) -> None:
    activity = participation.activity
    participation.delete()
    record_roster_change(activity=activity)


def search_people(*, user, query: str, limit: int = 10):
    """People the user may see whose name or organisation matches `query`, for the search-as-you-type box."""
    query = query.strip()
    if len(query) < 2:
        return []
    words = query.split()
    people = Person.objects.for_user(user).select_related("organisation")
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__acronym__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    # A spelling-insensitive match on the full name as well, for "Mamedov" finding "Məmmədov".
    if len(words) >= 2:
        key = person_name_key(words[0], words[-1])
        people = people | Person.objects.for_user(user).filter(name_key=key).select_related("organisation")
    return list(people.distinct().order_by("last_name", "first_name")[:limit])
