"""Panels of the trafficking unit dashboard (registered in TraffickingConfig.ready).

Action plans and NRM statistics are national, not tied to a project, place or partner, so only the period applies:
plans running in it, support by activities held in it, lateness and status as of its end (or today, if it runs on),
and the NRM figures of the latest year with statistics up to its end. NRM counts leave only through
trafficking.suppression. A fixed number of queries each.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.registry import DashboardPanel

from . import selectors
from .models import UNIT
from .suppression import LEGEND_SECONDARY, small_counts_note

LATE_SHOWN = 5


def measures_panel(user, filters) -> dict:
    """Per action plan: measures, measures supported by an activity held in the period, and measures late."""
    as_of = min(filters["date_to"], timezone.localdate())
    plans = selectors.plan_progress(user, filters["date_from"], filters["date_to"], as_of)
    late = [measure for row in plans for measure in row["late"]]
    late.sort(key=lambda m: (m.deadline, m.pk))
    return {"plans": plans, "late": late[:LATE_SHOWN], "late_count": len(late), "as_of": as_of}


def nrm_panel(user, filters) -> dict:
    """Identified victims of the latest year up to the period end, by sex and age band, with small counts hidden."""
    year, table = selectors.nrm_identified(user, filters["date_to"].year)
    return {"year": year, "table": table, "small_counts_note": small_counts_note(), "legend": LEGEND_SECONDARY}


PANELS = [
    DashboardPanel(UNIT, _("National Action Plan measures"), "trafficking/_panel_measures.html", measures_panel,
                   order=10),
    DashboardPanel(UNIT, _("Identified victims (NRM)"), "trafficking/_panel_nrm.html", nrm_panel, order=11,
                   access_action="view_statistics"),
]  # fmt: skip
