"""Archive every PDF a published period still lacks (``loaddemo`` runs it).

A period loaded as published (the demo) was never published through ``publish_period``, so
its period and programme PDFs would be rendered for the first visitor who asks. This command
runs the publication task for it, so nobody waits; periods fully archived are skipped.
``--background`` hands the work to the task worker at low priority instead: ``make run`` and
``make serve`` start serving at once (a minute sooner) and a coordinator's publication still
goes first.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from projects.models import ReportingPeriod
from reports.models import PublicationJob, PublishedDocument
from reports.tasks import archive_documents, enqueue

# Below django.tasks' default (0): publications and errata are taken before the demo's archive.
BACKGROUND_PRIORITY = -50


class Command(BaseCommand):
    help = "Render and archive the missing PDFs of every published period."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the work for the task worker (low priority) instead of doing it here.",
        )
        parser.add_argument(
            "--latest",
            action="store_true",
            help="Only the newest published period (older ones are archived when first asked).",
        )

    def handle(self, *args, **options) -> None:
        periods = ReportingPeriod.objects.published().order_by("-start")  # newest first
        for period in periods[:1] if options["latest"] else periods:
            if self.archived(period):
                continue
            active = period.publication_jobs.filter(status__in=PublicationJob.ACTIVE)
            if options["background"] and active.exists():
                continue  # queued by an earlier start that was stopped: the worker has it
            job = PublicationJob.objects.create(period=period)
            if options["background"]:
                enqueue(job, priority=BACKGROUND_PRIORITY)
                self.stdout.write(f"{period}: PDFs queued for the task worker.")
                continue
            status = archive_documents.call(job.pk)
            job.refresh_from_db()
            self.stdout.write(f"{period}: {job.done} PDFs archived ({status}).")

    @staticmethod
    def archived(period: ReportingPeriod) -> bool:
        """The period PDF and a programme PDF for every published report are in the archive."""
        reports = period.reports.published().count()
        archived = PublishedDocument.objects.filter(period=period)
        return archived.filter(report=None).exists() and (
            archived.exclude(report=None).values("report").distinct().count() >= reports
        )
