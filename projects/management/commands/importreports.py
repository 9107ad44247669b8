"""Import status reports for a period from CSV or Excel; all rows or none."""

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import slug_re
from django.utils.translation import gettext as _

import audit
from projects.imports import ImportFailed, change_reason, import_status_reports, read_table
from projects.models import ReportingPeriod


class Command(BaseCommand):
    help = "Imports status reports from a CSV or Excel file (the columns of the data export)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--period", required=True, help="slug of the reporting period")

    def handle(self, *args, path: str, period: str, **options) -> None:
        # Only a slug can name a period; anything else (a NUL) would be an error in the query.
        period_obj = (
            ReportingPeriod.objects.filter(slug=period).first()
            if slug_re.fullmatch(period)
            else None
        )
        if period_obj is None:
            raise CommandError(_("No reporting period with slug %(slug)r.") % {"slug": period})
        try:
            result = import_status_reports(read_table(path), period_obj, reason=change_reason(path))
        except ImportFailed as failure:
            # Every reason, one per line, and no traceback: the coordinator fixes the sheet.
            raise CommandError(_("Nothing imported:\n%(errors)s") % {"errors": failure}) from None
        audit.record(
            audit.Action.IMPORT,
            actor="importreports",
            target=path,
            period=period,
            created=result.created,
            updated=result.updated,
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported: %(created)s created, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated}
            )
        )
        if result.still_missing:
            self.stdout.write("Saved as drafts; still missing before submission:")
            for item in result.still_missing:
                self.stdout.write(f"  {item}")
