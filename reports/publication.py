"""Publication and errata: the two acts that change what the council receives, in plain sight.

``publish_period`` is the only way a period becomes published; ``add_erratum`` the only way a
correction reaches the archive. Each changes the database in one short transaction and leaves
the rendering to a background task (``reports.tasks.archive_documents``):

    publish_period(period, by=…)
      1. period.freeze_for_publication()   projects: lock the period row, refuse unless every
                                           report is approved or excluded, record programmes
                                           and figures as the council reads them, set published
                                           with archive_pending: frozen, not yet public
      2. a PublicationJob, audit "requested"; commit
      3. enqueue the task                  it renders the period PDF and every programme PDF,
                                           stores them all, prepares every public page as a
                                           file (reports.prepared) and clears archive_pending
                                           in one transaction: only then is the period public

    add_erratum(report, text=…, by=…)
      1. Erratum.save()                    projects: lock the period row, append the erratum
      2. a PublicationJob, audit; commit;  the task issues the next PDF versions with it and
         enqueue                           prepares the period's pages again

The task is enqueued right after the commit rather than in ``transaction.on_commit``: with
the database backend the task row is written in the caller's transaction either way (a
request's, or none), and inside a test's transaction on_commit would never run it.

projects/ never imports this module (reports depends on projects, not the other way).
"""

from __future__ import annotations

import datetime

from django.db import transaction

import audit
from projects.models import Erratum, ReportingPeriod, StatusReport

from .models import PublicationJob, PublishedDocument
from .tasks import enqueue


def archive_period_documents(period: ReportingPeriod, *, written: list) -> PublishedDocument:
    """Render and store the published period's PDF as version 1 in the calling process;
    ``written`` gets the document as soon as its file exists. For periods published before
    archiving existed; a publication now archives through ``reports.tasks``."""
    return PublishedDocument.archive(period, written=written)


def publish_period(
    period: ReportingPeriod, *, by=None, when: datetime.datetime | None = None
) -> PublicationJob:
    """Freeze ``period`` now and archive its PDFs in the background; returns the job the board
    follows. The period becomes public when the job is done."""
    try:
        with transaction.atomic():
            period.freeze_for_publication(when=when)
            job = PublicationJob.objects.create(period=period, requested_by=by)
            audit.record(audit.Action.PUBLICATION, actor=by, target=str(period), stage="requested")
    except BaseException:
        period.state, period.published_at, period.archive_pending = (
            ReportingPeriod.objects.filter(pk=period.pk)
            .values_list("state", "published_at", "archive_pending")
            .get()
        )
        raise
    enqueue(job)
    _refresh_public_state(period)
    return job


def retry_publication(period: ReportingPeriod, *, by=None) -> PublicationJob | None:
    """The coordinator's "try again": a failed job, or one whose worker died, is queued anew.

    The job's row is locked while it is checked and queued: two coordinators pressing the
    button at once get one retry; the second waits, then reads it queued (issue 19, finding 13).
    """
    with transaction.atomic():
        job = PublicationJob.objects.select_for_update().filter(period=period).first()
        if job is None or not job.may_retry:
            return None
        job.record(PublicationJob.Status.QUEUED, attempts=0, error="", done=0)
        action = (
            audit.Action.ERRATUM_RETRY if job.kind == job.Kind.ERRATUM else audit.Action.PUBLICATION
        )
        audit.record(action, actor=by, target=str(period), stage="retried")
    enqueue(job)
    return job


def add_erratum(report: StatusReport, *, text: str, by=None) -> Erratum:
    """Append an erratum to a published report; the task issues the PDF versions with it.

    Validation errors (unpublished period, empty text) are raised before anything is stored.
    """
    erratum = Erratum(report=report, text=text, created_by=by)
    erratum.full_clean()
    with transaction.atomic():
        erratum.save()  # holds the period row until commit: errata follow one another
        job = PublicationJob.objects.create(
            period=report.period, kind=PublicationJob.Kind.ERRATUM, report=report, requested_by=by
        )
        audit.record(audit.Action.ERRATUM, actor=by, target=str(report), erratum=erratum.pk)
    enqueue(job)
    return erratum


def _refresh_public_state(period: ReportingPeriod) -> None:
    """The immediate backend (tests) has archived by now: the caller's object says so too."""
    period.archive_pending = (
        ReportingPeriod.objects.filter(pk=period.pk).values_list("archive_pending", flat=True).get()
    )


def _remove_files(written: list[PublishedDocument]) -> None:
    """A stored PDF without its committed record would be an orphan: delete each one."""
    for document in written:
        document.file.delete(save=False)
