"""Import status reports for a period from CSV or Excel; all rows or none."""

from django.core.management.base import BaseCommand, CommandError

from projects.imports import ImportFailed, import_status_reports, read_table
from projects.models import ReportingPeriod


class Command(BaseCommand):
    help = "Imports status reports from a CSV or Excel file (the columns of the data export)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--period", required=True, help="slug of the reporting period")

    def handle(self, *args, path: str, period: str, **options) -> None:
        try:
            period_obj = ReportingPeriod.objects.get(slug=period)
        except ReportingPeriod.DoesNotExist as error:
            raise CommandError(f"No reporting period with slug {period!r}.") from error
        try:
            result = import_status_reports(read_table(path), period_obj)
        except ImportFailed as failure:
            raise CommandError(f"Nothing imported:\n{failure}") from failure
        self.stdout.write(
            self.style.SUCCESS(f"Imported: {result.created} created, {result.updated} updated.")
        )
        if result.still_missing:
            self.stdout.write("Saved as drafts; still missing before submission:")
            for item in result.still_missing:
                self.stdout.write(f"  {item}")
