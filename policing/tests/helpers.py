from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import summaries
from ..models import CagMonth, FollowUpAction
from .factories import CagMeetingFactory

CAG_MONTH_FIELDS = (
    "cag_id", "month", "meetings", "members_present", "members_expected", "last_meeting", "open_actions_due",
)  # fmt: skip


def stored_cag_months() -> set[tuple]:
    """The CAG month summaries as kept on write."""
    return set(CagMonth.objects.values_list(*CAG_MONTH_FIELDS))


def recounted_cag_months() -> set[tuple]:
    """The same summaries worked out afresh from every meeting and action."""
    rows = summaries._month_rows(summaries.counted_meetings(), FollowUpAction.objects.all())
    return {tuple(getattr(row, f) for f in CAG_MONTH_FIELDS) for row in rows}


def meeting_on(cag, day, **kwargs):
    """A meeting of `cag` whose activity takes place on `day`."""
    return CagMeetingFactory(cag=cag, activity__start_date=day, activity__end_date=day, **kwargs)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context)
