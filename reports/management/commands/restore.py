"""manage.py restore: put a signed backup back, or --check it in a throwaway database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reports.backup import (
    BackupError,
    check_backup,
    compare,
    drop_finished_tasks,
    restore_database,
    restore_list,
    restore_media,
    verified_manifest,
)


class Command(BaseCommand):
    help = (
        "Restores a backup folder into the configured (empty) database and MEDIA_ROOT; with "
        "--check, restores into a fresh throwaway database instead. Either way the manifest's "
        "signature, every file's SHA-256 and the dump's contents are verified first, the dump "
        "is restored as a role that cannot run programs, and every table's rows are compared "
        "with the signed manifest."
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
        database = connection.settings_dict["NAME"]
        try:
            manifest = verified_manifest(folder)
            restore_database(folder, database, use_list=restore_list(folder))
        except BackupError as error:
            raise CommandError(f"Restore refused:\n{error}") from error
        problems = compare(folder, database, manifest)
        if problems:
            raise CommandError(
                f"Restored into {database}, but it differs from the signed manifest; drop it:\n"
                + "\n".join(problems)
            )
        drop_finished_tasks(database)
        restore_media(folder, manifest)
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}."))
