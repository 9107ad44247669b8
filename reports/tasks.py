"""The background half of publication and errata: render and archive every PDF (issue 11).

``publish_period`` and ``add_erratum`` (reports.publication) change the database in one short
transaction and enqueue ``archive_documents`` with a ``PublicationJob``. The task renders the
period PDF and the programme PDFs from the frozen period, writing each file as it goes and
counting it on the job (the board polls the count); then ONE transaction stores every
document, prepares every public page of the period as a file (``reports.prepared``: rendered
into staging, moved into place just before the commit) and, for a publication, makes the period
public. A failed attempt deletes its files
and is tried again (``PublicationJob.MAX_ATTEMPTS``, waiting longer each time) before the board
reports it failed, with a button to try again.
"""

from __future__ import annotations

import datetime
import logging
import os
import time

from django.conf import settings
from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils import timezone
from django.utils.module_loading import import_string

import audit
from projects.models import ReportingPeriod

from . import pdf, prepared
from .models import PublicationJob, PublishedDocument, job_lock

logger = logging.getLogger(__name__)

RETRY_DELAYS = [10, 60]  # seconds before attempt 2 and 3 (the database backend defers)


@task
def archive_documents(job_id: int) -> str:
    """Archive what ``job`` asks for; returns its final status."""
    job = PublicationJob.objects.select_related("period", "report").get(pk=job_id)
    if job.status in (PublicationJob.Status.DONE, PublicationJob.Status.FAILED):
        return job.status  # already finished (a duplicate enqueue)
    with job_lock(job.pk) as taken:
        if not taken:
            return job.status  # another worker is on it
        _remove_leftovers(job)  # of an attempt whose worker died
        job.record(PublicationJob.Status.RUNNING, attempts=job.attempts + 1, done=0, error="")
        written: list[PublishedDocument] = []
        moved: list = []  # prepared pages put in place, taken away again if the commit fails
        try:
            documents = _render(job, written)
            _store(job, documents, moved)
        except Exception as error:
            logger.exception("Archiving %s failed (attempt %s)", job, job.attempts)
            for document in written:
                document.file.delete(save=False)
            prepared.remove(moved)  # their pages are rendered on request until a retry works
            _failed(job, error)
    return job.status


def _render(job: PublicationJob, written: list) -> list[PublishedDocument]:
    """Every document of the job, written to storage but not yet saved."""
    period = job.period
    reports = pdf.reports_for(period, preview=False)
    shown = _reports_to_render(job, reports)
    versions = _period_versions(job)
    job.record(PublicationJob.Status.RUNNING, total=len(versions) + len(shown))
    documents = []
    for version in versions:
        content = pdf.render_period_pdf(period, version=version)
        documents.append(PublishedDocument.write(period, version, content, written=written))
        _progress(job, written)
    style = pdf.print_style() if shown else None  # parsed once, not once per programme
    for report in shown:
        _slow_render_for_tests()
        content = pdf.render_programme_pdf(period, report, reports, preview=False, style=style)
        number = PublishedDocument.next_version(period, report)
        documents.append(PublishedDocument.write(period, number, content, report, written=written))
        _progress(job, written)
    documents += _artefacts(job, written)
    return documents


def _artefacts(job: PublicationJob, written: list) -> list:
    """The other files archived with the PDFs, by the builders ``settings.PUBLICATION_ARTEFACTS``
    names (dotted paths; e.g. the open data): each is called as ``builder(period, written=…)``
    and returns unsaved records whose files it wrote and added to ``written``. They are saved
    in the same transaction as the PDFs, or deleted with them if anything fails. Named in a
    setting, not imported: reports does not depend on the apps that extend the publication."""
    found = []
    for path in getattr(settings, "PUBLICATION_ARTEFACTS", []):
        found += import_string(path)(job.period, written=written)
    if found:
        _progress(job, written)  # their files named on the job, for a dead worker's leftovers
    return found


def _period_versions(job: PublicationJob) -> list[int]:
    """A publication: version 1, once. An erratum: the next version; for a period published
    before archiving existed, version 1 as published (without errata) first."""
    version = PublishedDocument.next_version(job.period)
    if job.kind == PublicationJob.Kind.PUBLICATION:
        return [1] if version == 1 else []
    return [1, 2] if version == 1 else [version]


def _reports_to_render(job: PublicationJob, reports: list) -> list:
    """A publication: every programme. An erratum: its programme and the one it is a track of
    (whose PDF prints its tracks)."""
    if job.kind == PublicationJob.Kind.PUBLICATION:  # each not archived yet (all, normally)
        archived = set(
            PublishedDocument.objects.filter(period=job.period, report__isnull=False).values_list(
                "report_id", flat=True
            )
        )
        return [report for report in reports if report.pk not in archived]
    affected = {job.report.programme_id, job.report.programme.parent_id}
    return [report for report in reports if report.programme_id in affected]


def _progress(job: PublicationJob, written: list[PublishedDocument]) -> None:
    """Count for the board; name the files, so a later attempt can remove them."""
    files = [document.file.name for document in written]
    job.record(PublicationJob.Status.RUNNING, done=_pdfs(written), files=files)


def _pdfs(documents: list) -> int:
    """The board counts PDFs; the other artefacts are archived with them, uncounted."""
    return sum(isinstance(document, PublishedDocument) for document in documents)


def _remove_leftovers(job: PublicationJob) -> None:
    """Delete the files a dead worker wrote for this job and never recorded."""
    if not job.files:
        return
    recorded = set(
        PublishedDocument.objects.filter(file__in=job.files).values_list("file", flat=True)
    )
    for name in job.files:
        if name not in recorded:
            PublishedDocument.file.field.storage.delete(name)
    job.record(job.status, files=[])


def _store(job: PublicationJob, documents: list[PublishedDocument], moved: list) -> None:
    """All documents, the prepared pages and the period's public state in one transaction:
    all or nothing. The pages are rendered inside it, where the period already reads as public
    with its documents listed, and are in place before the commit makes it public."""
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update(of=("self",)).get(pk=job.period_id)
        for document in documents:
            document.save()
        if period.archive_pending:
            period.archive_pending = False
            period.save(update_fields=["archive_pending"])
        publication = job.kind == job.Kind.PUBLICATION
        prepared.prepare(prepared.paths_for_job(period, publication=publication), moved=moved)
        job.record(PublicationJob.Status.DONE, done=_pdfs(documents), files=[])
        action = audit.Action.PUBLICATION if job.kind == job.Kind.PUBLICATION else None
        if action:
            audit.record(action, actor=job.requested_by, target=str(period), stage="completed")
    job.period.archive_pending = False


def _failed(job: PublicationJob, error: Exception) -> None:
    """Try again later while attempts are left; otherwise report the failure for good."""
    message = f"{type(error).__name__}: {error}"
    if job.attempts < PublicationJob.MAX_ATTEMPTS:
        job.record(PublicationJob.Status.RETRYING, error=message, files=[])
        enqueue(job, delay=RETRY_DELAYS[min(job.attempts, len(RETRY_DELAYS)) - 1])
        return
    job.record(PublicationJob.Status.FAILED, error=message, files=[])
    action = audit.Action.PUBLICATION if job.kind == job.Kind.PUBLICATION else audit.Action.ERRATUM
    audit.record(
        action, actor=job.requested_by, target=str(job.period), stage="failed", error=message
    )


def enqueue(job: PublicationJob, *, delay: int = 0, priority: int | None = None) -> None:
    """Hand the job to the task worker; later by ``delay`` seconds where the backend can wait.
    ``priority`` below the default lets a coordinator's publication go first (the demo's
    archive, queued at start-up, must not keep the first publication waiting)."""
    archive = archive_documents
    if delay and default_task_backend.supports_defer:
        archive = archive.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    if priority is not None:
        archive = archive.using(priority=priority)
    archive.enqueue(job.pk)


def _slow_render_for_tests() -> None:
    """Tests that kill a worker mid-render set MIP_TEST_SLOW_RENDER (seconds per programme)."""
    seconds = os.environ.get("MIP_TEST_SLOW_RENDER")
    if seconds:
        time.sleep(float(seconds))
