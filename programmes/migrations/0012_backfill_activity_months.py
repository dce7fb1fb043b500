"""Fill the monthly activity summaries from the activities already recorded: the dashboards read them for whole
months, so they must exist as soon as the code that reads them runs. (Stored indicator figures need no backfill: a
period without one is computed as before; `rebuild_summaries` stores them all.) A frozen copy of
`programmes.summaries._month_rows`, as a migration must not import code that will change."""

from django.db import migrations
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

COUNTED_STATUSES = ("completed", "submitted", "returned", "approved")
KEY = ("month", "project_id", "location_id", "participant_mode")


def backfill(apps, schema_editor):
    Activity = apps.get_model("programmes", "Activity")
    ActivityPartner = apps.get_model("programmes", "ActivityPartner")
    ActivityMonth = apps.get_model("programmes", "ActivityMonth")
    counted = Activity.objects.filter(status__in=COUNTED_STATUSES)
    partners = {}
    links = (
        ActivityPartner.objects.filter(activity__status__in=COUNTED_STATUSES)
        .annotate(month=TruncMonth("activity__start_date"), project_id=F("activity__project_id"),
                  location_id=F("activity__location_id"), participant_mode=F("activity__participant_mode"))
        .values_list(*KEY, "partner_id")
        .distinct()
    )  # fmt: skip
    for *group, partner_id in links:
        partners.setdefault(tuple(group), set()).add(partner_id)
    grouped = (
        counted.annotate(month=TruncMonth("start_date"))
        .values("month", "project_id", "unit_area", "location_id", "participant_mode")
        .annotate(activities=Count("id"), women=Sum("participants_women"), men=Sum("participants_men"),
                  unrecorded=Sum("participants_unrecorded"))
        .order_by()
    )  # fmt: skip
    ActivityMonth.objects.all().delete()
    ActivityMonth.objects.bulk_create(
        [ActivityMonth(**row, partners=sorted(partners.get(tuple(row[k] for k in KEY), ()))) for row in grouped],
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0011_summaries")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
