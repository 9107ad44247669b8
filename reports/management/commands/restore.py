"""manage.py restore: put a backup back, or --check it in a throwaway database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reports.backup import check_backup, restore_database, restore_media


class Command(BaseCommand):
    help = (
        "Restores a backup folder into the configured (empty) database and MEDIA_ROOT; with "
        "--check, restores into a fresh throwaway database instead and compares row counts and "
        "every archived PDF's SHA-256 with the manifest."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--check", action="store_true", help="verify only; change nothing")

    def handle(self, *args, folder: Path, check: bool, **options) -> None:
        if check:
            problems = check_backup(folder)
            if problems:
                raise CommandError("Restore check failed:\n" + "\n".join(problems))
            self.stdout.write(self.style.SUCCESS(f"{folder} restores completely."))
            return
        if connection.introspection.table_names():
            raise CommandError(
                f"Database {connection.settings_dict['NAME']} is not empty: restore into a new one."
            )
        connection.close()
        restore_database(folder, connection.settings_dict["NAME"])
        restore_media(folder)
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}."))
