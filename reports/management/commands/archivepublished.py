"""Archive every PDF a published period still lacks, in this process (``loaddemo`` runs it).

A period loaded as published (the demo) was never published through ``publish_period``, so
its period and programme PDFs would be rendered for the first visitor who asks. This command
runs the publication task for it at once, so nobody waits; periods fully archived are skipped.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from projects.models import ReportingPeriod
from reports.models import PublicationJob, PublishedDocument
from reports.tasks import archive_documents


class Command(BaseCommand):
    help = "Render and archive the missing PDFs of every published period."

    def handle(self, *args, **options) -> None:
        for period in ReportingPeriod.objects.published():
            reports = period.reports.published().count()
            archived = PublishedDocument.objects.filter(period=period)
            if archived.filter(report=None).exists() and (
                archived.exclude(report=None).values("report").distinct().count() >= reports
            ):
                continue
            job = PublicationJob.objects.create(period=period)
            status = archive_documents.call(job.pk)
            job.refresh_from_db()
            self.stdout.write(f"{period}: {job.done} PDFs archived ({status}).")
