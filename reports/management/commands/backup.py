"""manage.py backup: pg_dump plus the archived PDFs into one dated folder with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Backs up the database and the archived PDFs into <output>/mip-<timestamp>/."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", default="backups", help="folder for backups (backups/)")

    def handle(self, *args, output: str, **options) -> None:
        try:
            folder = create_backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
