"""Migration 0004 fills the CAG month summaries from the meetings and actions recorded before they existed."""

import datetime

from ..models import CagMonth
from .helpers import meeting_on, recounted_cag_months, stored_cag_months

BEFORE = [("policing", "0003_cag_month_summaries")]
AFTER = [("policing", "0004_backfill_cag_months")]


def test_existing_meetings_and_actions_are_summarised(migrator):
    migrator(BEFORE)
    from .factories import ActionFactory, CagFactory

    cag = CagFactory()
    ActionFactory(issue__meeting=meeting_on(cag, datetime.date(2024, 1, 10)), due_date=datetime.date(2024, 3, 1))
    meeting_on(cag, datetime.date(2024, 2, 10))
    CagMonth.objects.all().delete()  # as before the summaries were kept

    migrator(AFTER)

    assert stored_cag_months() == recounted_cag_months() and len(stored_cag_months()) == 3
