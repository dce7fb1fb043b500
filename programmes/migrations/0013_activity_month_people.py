"""The people on the rosters of each month's activities, as a set (a serialized Roaring bitmap of person ids), so the
dashboards count unique people without reading participations; filled here from the rosters already recorded. A
frozen copy of the part of `programmes.summaries._month_rows` that builds the sets, as a migration must not import
code that will change."""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import TruncMonth
from pyroaring import BitMap

COUNTED_STATUSES = ("completed", "submitted", "returned", "approved")
KEY = ("month", "project_id", "location_id", "participant_mode")


def backfill(apps, schema_editor):
    Participation = apps.get_model("programmes", "Participation")
    ActivityMonth = apps.get_model("programmes", "ActivityMonth")
    named = (
        Participation.objects.filter(activity__status__in=COUNTED_STATUSES, activity__participant_mode="roster")
        .annotate(
            month=TruncMonth("activity__start_date"),
            project_id=F("activity__project_id"),
            location_id=F("activity__location_id"),
            participant_mode=F("activity__participant_mode"),
        )
        .values_list(*KEY, "person_id")
        .order_by()
    )
    people = {}
    for *group, person_id in named.iterator(chunk_size=10000):
        people.setdefault(tuple(group), BitMap()).add(person_id)
    months = list(ActivityMonth.objects.filter(participant_mode="roster"))
    for month in months:
        group = (month.month, month.project_id, month.location_id, month.participant_mode)
        month.people = people[group].serialize() if group in people else b""
    ActivityMonth.objects.bulk_update(months, ["people"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0012_backfill_activity_months")]

    operations = [
        migrations.AddField(model_name="activitymonth", name="people", field=models.BinaryField(default=bytes)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
