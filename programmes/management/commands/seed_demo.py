from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programmes import registry
from programmes.demo_data import DemoBuilder, create_demo_users, demo_data_present


class Command(BaseCommand):
    help = (
        "Add demo users (password baku-demo-2011), projects, activities and participants on top of the reference "
        "data. --scale 1 gives a few hundred activities; --scale 200 about a million participations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Size multiplier (1 = a few hundred activities).")

    def handle(self, *args, scale, **options):
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError("Demo data has public passwords: refused unless DEBUG or ALLOW_DEMO_DATA is on.")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        with transaction.atomic():
            call_command("seed_reference", stdout=self.stdout)
            create_demo_users()
            if demo_data_present():
                self.stdout.write("Demo data is already present; demo users reset.")
                return
            counts = DemoBuilder(scale).build()
            for seeder in registry.demo_seeders:
                seeder(scale=scale, stdout=self.stdout)
            # Demo rows are bulk-loaded past the services that keep summaries current.
            call_command("rebuild_summaries", stdout=self.stdout)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
