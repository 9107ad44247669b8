"""Import published periods from their open-data packages (``mip-<period>.zip``), e.g. to move
a municipality's history to another installation. Import the oldest period first: the lights
"before" of a period are those of the period before it."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from opendata.importer import import_package


class Command(BaseCommand):
    help = "Recreate published periods from open-data packages (zip), oldest first."

    def add_arguments(self, parser) -> None:
        parser.add_argument("packages", nargs="+", type=Path, help="mip-<period>.zip files")

    def handle(self, *args, packages: list[Path], **options) -> None:
        for path in packages:
            try:
                period = import_package(path.read_bytes())
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror}") from error
            except ValidationError as error:
                raise CommandError(f"{path}: {' '.join(error.messages)}") from error
            count = period.reports.count()
            self.stdout.write(f"{path.name}: {period.label} ingelezen, {count} rapportages.")
