"""Fill the monthly CAG meeting summaries from the meetings already recorded: the rollout page and the dashboard
panel read them for whole months, so they must exist as soon as the code that reads them runs. A frozen copy of
`policing.summaries._month_rows`, as a migration must not import code that will change."""

from django.db import migrations
from django.db.models import Count, F, Max, Sum
from django.db.models.functions import TruncMonth

NOT_HELD = ("planned", "cancelled")
OPEN_STATUSES = ("open", "in_progress")


def backfill(apps, schema_editor):
    CagMeeting = apps.get_model("policing", "CagMeeting")
    CagMonth = apps.get_model("policing", "CagMonth")
    FollowUpAction = apps.get_model("policing", "FollowUpAction")
    held = (
        CagMeeting.objects.exclude(activity__status__in=NOT_HELD)
        .annotate(month=TruncMonth("activity__start_date"))
        .order_by()
        .values("cag_id", "month")
        .annotate(meetings=Count("pk"), members_present=Sum("members_present"),
                  members_expected=Sum("members_total"), last_meeting=Max("activity__start_date"))
    )  # fmt: skip
    due = (
        FollowUpAction.objects.filter(status__in=OPEN_STATUSES)
        .annotate(cag_id=F("issue__meeting__cag_id"), month=TruncMonth("due_date"))
        .order_by()
        .values("cag_id", "month")
        .annotate(open_actions_due=Count("pk"))
    )
    rows = {}
    for row in [*held, *due]:
        rows.setdefault((row["cag_id"], row["month"]), {}).update(row)
    CagMonth.objects.all().delete()
    CagMonth.objects.bulk_create([CagMonth(**row) for row in rows.values()], batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [("policing", "0003_cag_month_summaries"), ("programmes", "0012_backfill_activity_months")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
