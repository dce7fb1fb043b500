from django.core.management.base import BaseCommand, CommandError

from programmes import workflow
from programmes.attendance_import import ImportFileError, ImportInvalid, apply_import, preview_import
from programmes.models import Activity


class Command(BaseCommand):
    help = (
        "Import participants from a sign-in sheet (.xlsx or .csv) into a roster activity. Shows what would be "
        "created, matched and skipped; writes nothing unless every row is valid, and nothing at all with --dry-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("activity_id", type=int)
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check and preview the file; write nothing.")

    def handle(self, *args, activity_id, file, dry_run, **options):
        activity = Activity.objects.filter(pk=activity_id).first()
        if activity is None:
            raise CommandError(f"No activity with id {activity_id}.")
        if activity.status in workflow.LOCKED_FOR_ALL:
            # The same lock as on every page and in the API: an approved activity is not changed any more.
            raise CommandError(f"Activity {activity_id} is approved: it can no longer be changed.")
        try:
            with open(file, "rb") as sheet:
                preview = preview_import(activity=activity, uploaded_file=sheet)
                self.print_preview(preview)
                if not preview.is_valid:
                    raise CommandError(f"{len(preview.errors)} problem(s) in the file; nothing was imported.")
                if dry_run:
                    self.stdout.write("Dry run: nothing was written.")
                    return
                result = apply_import(activity=activity, uploaded_file=sheet)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from exc
        except ImportFileError as exc:
            raise CommandError(exc.message) from exc
        except ImportInvalid as exc:  # the file changed between the preview and the import
            self.print_preview(exc.preview)
            raise CommandError("The file has bad rows; nothing was imported.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {result.added} added to the activity ({result.created_people} new people, "
                f"{result.matched_people} already known), {result.skipped} already on it and skipped."
            )
        )

    def print_preview(self, preview):
        counts = preview.counts
        self.stdout.write(f"to create: {counts['create']}, to match: {counts['match']}, to skip: {counts['skip']}")
        if preview.ignored_columns:
            self.stdout.write(self.style.WARNING(f"ignored columns: {', '.join(preview.ignored_columns)}"))
        for error in preview.errors:
            self.stdout.write(self.style.ERROR(f"row {error.row}: {error.column}: {error.message}"))
