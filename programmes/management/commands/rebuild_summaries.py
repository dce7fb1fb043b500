from django.core.management.base import BaseCommand

from programmes import summaries


class Command(BaseCommand):
    help = (
        "Recompute every summary kept on write (the stored figures of computed indicator periods, the monthly "
        "activity figures and the unit apps' registered summaries) from the raw rows: after a bulk load that "
        "bypassed the services, or to repair."
    )

    def handle(self, *args, **options):
        count = summaries.rebuild()
        self.stdout.write(f"summaries rebuilt: {count} indicator periods")
