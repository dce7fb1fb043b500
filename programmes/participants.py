"""Adding people to an activity's roster, with a warning when the person probably exists already."""

from django.db import transaction
from django.db.models import Q

from .models import Activity, Participation, Person
from .names import last_name_key, person_name_key
from .services import record_roster_change

# A folded word keeps its consonants only ("Ali" -> "al"); shorter prefixes than this would match half the portal.
MIN_FOLDED_PREFIX = 3


def likely_duplicates(*, user, first_name: str, last_name: str, organisation=None, exclude_pk=None, limit: int = 5):
    """People the user may see whose name is the same under any spelling (Məmmədov / Mammadov / Мамедов) and
    whose organisation is the same or unknown. Only people the user may see: a warning must not reveal others."""
    key = person_name_key(first_name, last_name)
    people = Person.objects.named_for(user).filter(name_key=key).select_related("organisation")
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
    """People whose names the user may see and whose name or organisation matches `query`, for the
    search-as-you-type box.

    Each word matches a name or organisation as written, or (folded as for the duplicate check, so Mammadova and
    Мамедова find Məmmədova) the start of the stored family-name key; two or more words also match the whole name
    key in either order. One query whatever the number of people: the folding is stored in `name_key`, never done
    per row here."""
    query = query.strip()
    if len(query) < 2:
        return []
    words = query.split()
    every_word = Q()
    for word in words:
        matches = (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__acronym__icontains=word)
            | Q(organisation__name__icontains=word)
        )
        folded = last_name_key(word)
        if len(folded) >= MIN_FOLDED_PREFIX:
            matches |= Q(name_key__startswith=folded)
        every_word &= matches
    if len(words) >= 2:
        first, last = words[0], words[-1]
        every_word |= Q(name_key__in=[person_name_key(first, last), person_name_key(last, first)])
    people = Person.objects.named_for(user).filter(every_word).select_related("organisation")
    return list(people.order_by("last_name", "first_name", "id")[:limit])
