"""What each role's home page shows: its own work, read through the same scoped querysets as every other page.

Staff see their drafts, what was returned to them, what is planned in the next 30 days and the imports they
started (so does anyone else who started one); managers what waits for them and how the week went; administrators
the reference data that needs care. Other apps add panels (reports started, overdue CAG follow-up actions) through
`registry.home_panels`. Every section issues a fixed number of queries, whatever the size of the data.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import Lower
from django.utils import timezone

from accounts import access, mfa

from . import import_runs
from .indicator_rules import COUNTED_STATUSES
from .models import Activity, ActivityReview, ActivityStatus, Location, Partner, Person
from .registry import home_panels

SHOWN = 8
PLANNED_DAYS = 30


def staff_work(user) -> dict:
    """The user's own drafts and returned activities (with the reviewer's comment), and what is planned soon."""
    today = timezone.localdate()
    mine = Activity.objects.editable_by(user).filter(created_by=user).select_related("location")
    last_return = Prefetch(
        "reviews",
        queryset=ActivityReview.objects.filter(to_status=ActivityStatus.RETURNED).select_related("by"),
        to_attr="returns",
    )
    returned = list(
        mine.filter(status=ActivityStatus.RETURNED).prefetch_related(last_return).order_by("-updated_at", "-id")[:SHOWN]
    )
    for activity in returned:
        activity.last_return = activity.returns[0] if activity.returns else None
    return {
        "drafts": list(mine.filter(status=ActivityStatus.COMPLETED).order_by("-updated_at", "-id")[:SHOWN]),
        "returned": returned,
        "planned": list(
            Activity.objects.editable_by(user)
            .filter(
                status=ActivityStatus.PLANNED,
                start_date__gte=today,
                start_date__lte=today + datetime.timedelta(days=PLANNED_DAYS),
            )
            .select_related("location")
            .order_by("start_date", "id")[:SHOWN]
        ),  # fmt: skip
        "planned_days": PLANNED_DAYS,
    }


def manager_work(user) -> dict:
    """Activities awaiting approval (the oldest first) and the figures of the last seven days."""
    today = timezone.localdate()
    week_ago = today - datetime.timedelta(days=6)
    visible = Activity.objects.for_user(user)
    submitted = visible.filter(status=ActivityStatus.SUBMITTED)
    held = visible.filter(start_date__gte=week_ago, start_date__lte=today, status__in=COUNTED_STATUSES).aggregate(
        activities=Count("id"),
        women=Sum("participants_women"),
        men=Sum("participants_men"),
        other=Sum("participants_unrecorded"),
    )
    reviewed = (
        ActivityReview.objects.filter(activity__in=visible.values("pk"), at__date__gte=week_ago)
        .values("to_status")
        .annotate(n=Count("id"))
    )
    steps = {row["to_status"]: row["n"] for row in reviewed}
    return {
        "awaiting": list(submitted.select_related("location").order_by("start_date", "id")[:SHOWN]),
        "awaiting_count": submitted.count(),
        "week": {
            "start": week_ago,
            "end": today,
            "held": held["activities"],
            "participants": sum(held[k] or 0 for k in ("women", "men", "other")),
            "women": held["women"] or 0,
            "submitted": steps.get(ActivityStatus.SUBMITTED, 0),
            "approved": steps.get(ActivityStatus.APPROVED, 0),
            "returned": steps.get(ActivityStatus.RETURNED, 0),
        },
    }


def _missing_translation(queryset):
    return queryset.filter(Q(name_az="") | Q(name_ru=""))


def data_quality(user) -> dict:
    """Reference records an administrator should complete or check: names missing in Azerbaijani or Russian,
    likely duplicate people (the folded name key the participant form warns with; a count only) and partners
    (the same name), and users the sign-in policy requires a second factor of who have none."""
    partners = _missing_translation(Partner.objects.filter(valid_to__isnull=True)).order_by("name")
    places = _missing_translation(Location.objects.all()).order_by("name")
    # Only among the names the administrator may see (counter-terrorism participants stay hidden).
    named = Person.objects.named_for(user, unassigned=True)
    same_person = named.filter(name_key=OuterRef("name_key")).exclude(pk=OuterRef("pk"))
    # A count, not names: the home page is not an audited view of personal data; the back office shows the people.
    people = named.filter(Exists(same_person))
    partner_names = (
        Partner.objects.annotate(key=Lower("name")).values("key").annotate(n=Count("id")).filter(n__gt=1)
        .order_by("key")
    )  # fmt: skip
    missing_mfa = mfa.users_missing_second_factor()
    return {
        "partners_untranslated": list(partners[:SHOWN]),
        "partners_untranslated_count": partners.count(),
        "places_untranslated": list(places[:SHOWN]),
        "places_untranslated_count": places.count(),
        "duplicate_people_count": people.count(),
        "duplicate_partners": list(partner_names[:SHOWN]),
        "duplicate_partners_count": partner_names.count(),
        "missing_mfa": list(missing_mfa[:SHOWN]),
        "missing_mfa_count": missing_mfa.count(),
    }


def home_context(user) -> dict:
    """The sections of the user's home page, by role (a user may hold more than one)."""
    context = {}
    if access.editable_unit_areas(user) and not access.is_administrator(user):
        context["staff"] = staff_work(user)
    if access.is_manager(user):
        context["manager"] = manager_work(user)
    if access.is_administrator(user):
        context["data_quality"] = data_quality(user)
    # Staff import sign-in sheets and NRM counts, so they always see the panel; an administrator's partner imports
    # show once there are some.
    imports = import_runs.recent_for(user)
    if imports or "staff" in context:
        context["imports"] = imports
    panels = []
    for panel in home_panels:
        if panel.visible(user):
            panel_context = panel.context(user)
            if panel_context is not None:
                panels.append({"panel": panel, "context": panel_context})
    context["panels"] = panels
    return context
