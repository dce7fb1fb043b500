"""Reads of the core model for pages and dashboards."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import access
from osce_baku.prepared import MAX_BIGINT, PreparedQuery

from . import workflow
from .models import (
    Activity,
    ActivityPartner,
    ActivityStatus,
    Evidence,
    IndicatorPeriod,
    Participation,
    ParticipationRole,
    Partner,
    PartnerFormerName,
    PartnerRole,
    Person,
)
from .names import fold_words


def periods_with_figures(lookup: str = "periods") -> Prefetch:
    """Indicator periods with their stored figures (`results.figure` reads them without a query per period)."""
    return Prefetch(lookup, queryset=IndicatorPeriod.objects.select_related("summary"))


@dataclass
class Page:
    """A page of results that never counts the whole table: one row more than shown tells if there is a next page."""

    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def page_without_count(queryset, page, size: int) -> Page:
    """Page `page` (1 when missing or not a number). A page past the last one, or one no database could even
    seek to, is a 404, as with Django's own paginator."""
    try:
        number = max(1, int(page or 1))
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * size
    if offset + size + 1 > MAX_BIGINT:
        raise Http404(_("There is no such page."))
    rows = list(queryset[offset : offset + size + 1])
    if number > 1 and not rows:
        raise Http404(_("There is no such page."))
    return Page(rows[:size], number, len(rows) > size)


# The activity page's two reads, written by the ORM once per process (osce_baku/prepared.py): building and compiling
# them was 1 ms of the page's CPU, five times what PostgreSQL takes to run them.
def _activity_page_query(pk):
    has_evidence = Exists(Evidence.objects.filter(activity=OuterRef("pk")))
    return Activity.objects.annotate(has_evidence=has_evidence).filter(pk=pk)


_ACTIVITY_PAGE = PreparedQuery(_activity_page_query)


def activity_for_page(pk: int) -> Activity | None:
    """The activity its page shows, whoever asks (views/lookups.py scopes it), with whether it has evidence, so that
    the many activities without any cost no evidence query; not its project and place (only its facts show them,
    and those are cached)."""
    if pk > MAX_BIGINT:  # no row has such an id, and no database takes it as one
        return None
    found = _ACTIVITY_PAGE.instances(pk)
    return found[0] if found else None


def activity_detail_context(activity: Activity, user) -> dict:
    names_visible = access.can_see_person_names(user, activity.unit_area)
    returned = activity.status == ActivityStatus.RETURNED
    return {
        "activity": activity,
        "participants": participant_rows(activity) if names_visible and not activity.is_headcount else [],
        "names_visible": names_visible,
        "evidence": activity.evidence.all() if getattr(activity, "has_evidence", True) else [],
        "can_edit": workflow.can_edit(user, activity),
        "transitions": workflow.allowed_transitions(user, activity),
        # Shown only while the activity is returned for changes: no query otherwise.
        "last_review": activity.reviews.select_related("by").first() if returned else None,
    }


def _participant_rows_query(activity_id, lang: str):
    org_name = f"person__organisation__name_{lang}" if lang else "person__organisation__name"
    return (
        Participation.objects.filter(activity_id=activity_id)
        .order_by("person__last_name", "person__first_name", "id")
        .values_list(
            "pk",
            "person__first_name",
            "person__last_name",
            "person__organisation__acronym",
            "person__organisation__name",
            org_name,
            "role",
            "days_attended",
            "pre_test_score",
            "post_test_score",
            "certificate_issued",
        )
    )


_PARTICIPANT_ROWS = PreparedQuery(_participant_rows_query)


def participant_rows(activity: Activity) -> list[dict]:
    """The activity's participant table as plain rows: no model instances, the role labels and the organisation's
    localized name worked out here once per row, so the template does no lookups (the table is most of the page's
    CPU, and it has names, so it is never cached)."""
    roles = {value: str(label) for value, label in ParticipationRole.choices}
    lang = (get_language() or "en")[:2]
    rows = _PARTICIPANT_ROWS.rows(activity.pk, lang if lang in ("az", "ru") else "")
    return [
        {
            "pk": pk,
            "name": Person.join_name(first, last),
            # As `acronym|default:organisation`: the acronym, else the name in the active language, else English.
            "organisation": acronym or local or english or "",
            "role": roles.get(role, role),
            # Blank rather than None here: a default_if_none filter per cell was a tenth of the table's cost.
            "days": "" if days is None else days,
            "pre": "" if pre is None else pre,
            "post": "" if post is None else post,
            "certificate": certificate,
        }
        for pk, first, last, acronym, english, local, role, days, pre, post, certificate in rows
    ]


def activity_overview_context(activity: Activity) -> dict:
    """The activity's facts and partners (programmes/_activity_overview.html): no names, so the page caches them."""
    return {
        "activity": activity,
        "partner_links": activity.partner_links.select_related("partner"),
        "themes": activity.themes.all(),
    }


def activity_changes(activity: Activity, limit: int = 50) -> list[dict]:
    """Field-by-field changes from the activity's history, newest first."""
    return record_changes(activity, excluded_fields=["updated_at", "themes"], limit=limit)


def record_changes(obj, excluded_fields=(), limit: int = 50) -> list[dict]:
    """Field-by-field changes from any record's history (django-simple-history), newest first."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    changes = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(changes) == limit:
            break
        diffs = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=list(excluded_fields))
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                diffs.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        changes.append({"record": newer, "diffs": diffs, "created": newer.history_type == "+"})
    return changes


# Partner directory ----------------------------------------------------------------------------------------------


def search_partners(partners, text: str):
    """Partners whose current or former names (en, az, ru) or acronym match every word of `text` in any spelling.

    Folds names like the people search (programmes/names.py), so Tahlukasizlik finds Təhlükəsizlik. Two queries
    whatever the text: partners are hundreds, not millions, so their names are folded here rather than stored.
    """
    words = fold_words(text)
    if not words:
        return partners
    keys = defaultdict(set)
    for pk, *names in Partner.objects.values_list("pk", "name", "name_az", "name_ru", "acronym", "former_names"):
        keys[pk].update(fold_words(" ".join(filter(None, names))))
    for pk, *names in PartnerFormerName.objects.values_list("partner_id", "name", "name_az", "name_ru", "acronym"):
        keys[pk].update(fold_words(" ".join(filter(None, names))))
    matches = [pk for pk, folded in keys.items() if all(any(k.startswith(w) for k in folded) for w in words)]
    return partners.filter(pk__in=matches)


def partners_worked_with(user):
    """Partners of activities the user may see ("worked with in my areas")."""
    return Partner.objects.filter(
        pk__in=ActivityPartner.objects.filter(activity__in=Activity.objects.for_user(user)).values("partner_id")
    )


def partner_activity_links(partner: Partner, user, role: str = "", limit: int = 100):
    """The partner's activities that the user may see, with its role in each (optionally one role), newest first."""
    links = ActivityPartner.objects.filter(partner=partner, activity__in=Activity.objects.for_user(user))
    if role:
        links = links.filter(role=role)
    return links.select_related("activity").order_by("-activity__start_date", "-activity_id", "role")[:limit]


def partner_role_counts(partner: Partner, user) -> list[dict]:
    """How many of those activities the partner had in each role: [{"role", "label", "count"}]."""
    rows = (
        ActivityPartner.objects.filter(partner=partner, activity__in=Activity.objects.for_user(user))
        .values("role")
        .annotate(count=Count("id"))
        .order_by("role")
    )
    labels = dict(PartnerRole.choices)
    return [{"role": row["role"], "label": labels.get(row["role"], row["role"]), "count": row["count"]} for row in rows]
