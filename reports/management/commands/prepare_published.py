"""Prepare the public pages of every public period as files (issue 24; ``reports.prepared``).

A publication prepares its period's pages itself. This command is for periods published before
that existed, for the demo (``make run`` runs it after loading), and after a deploy that changes
the templates: every page is rendered again and only the files whose content changed are
replaced (an unchanged page keeps its ETag).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from projects.models import ReportingPeriod
from reports.prepared import prepare_period


class Command(BaseCommand):
    help = "Render every public page of every public period into MIP_PREPARED_ROOT."

    def handle(self, *args, **options) -> None:
        for period in ReportingPeriod.objects.public().order_by("start"):
            changed = prepare_period(period)
            self.stdout.write(f"{period}: {len(changed)} prepared files written.")
