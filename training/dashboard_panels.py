"""Panels of the assembly-training unit dashboard (registered in TrainingConfig.ready).

Both panels count trainings linked to a course that match the dashboard filters (period, programme, project,
location, partner), through the same selectors as the reach and learning pages. Trainings of any unit may deliver
a course, so the unit-area filter is left out here, as on those pages. A fixed number of queries each.
"""

from django.utils.translation import gettext_lazy as _

from programmes.dashboard import filtered_activities as dashboard_activities
from programmes.registry import DashboardPanel

from . import selectors
from .models import UNIT


def _trainings(user, filters):
    """Held trainings linked to a course within the dashboard filters (any unit area, as on the reach page)."""
    return dashboard_activities(user, {**filters, "unit_area": ""}).filter(training_detail__isnull=False)


def _share(part, whole):
    return round(100 * part / whole) if whole else None


def reach_panel(user, filters) -> dict:
    """Unique people against person-trainings (with the share of women) and each reach target in the period."""
    trainings = _trainings(user, filters)
    participations = selectors.trainees_of(trainings)
    totals = selectors.reach_totals(participations)
    rows = [
        {
            "label": _("Unique people"),
            "total": totals["unique_people"],
            "women": totals["unique_women"],
            "men": totals["unique_men"],
            "women_share": _share(totals["unique_women"], totals["unique_women"] + totals["unique_men"]),
        },
        {
            "label": _("Person-trainings"),
            "total": totals["person_trainings"],
            "women": totals["trainings_women"],
            "men": totals["trainings_men"],
            "women_share": _share(totals["trainings_women"], totals["trainings_women"] + totals["trainings_men"]),
        },
    ]
    headcount = selectors.headcount_totals(trainings)
    return {
        "rows": rows,
        "headcount": headcount["women"] + headcount["men"] + headcount["unrecorded"],
        "targets": selectors.targets_progress(user, participations),
    }


def learning_panel(user, filters) -> dict:
    """Average pre-test, post-test and gain per course over the trainings in the period, and across all courses."""
    participations = selectors.trainees_of(_trainings(user, filters))
    courses = [c for c in selectors.learning_by_course(user, participations) if c.trainings_held]
    scored = sum(c.scored for c in courses)
    # Weighted by scored participants, so the overall gain equals the average over everyone scored.
    overall = sum(c.avg_gain * c.scored for c in courses if c.scored) / scored if scored else None
    return {"courses": courses, "scored": scored, "avg_gain": overall}


PANELS = [
    DashboardPanel(UNIT, _("Reach against targets"), "training/_panel_reach.html", reach_panel, order=10),
    DashboardPanel(UNIT, _("Learning gain by course"), "training/_panel_learning.html", learning_panel, order=11),
]
