"""Publication and errata: the two acts that change what the council receives, in plain sight.

``publish_period`` is the only way a period becomes published; ``add_erratum`` the only way a
correction reaches the archive. Each runs in one transaction:

    publish_period(period, by=…)
      1. period.freeze_for_publication()   projects: lock the period row, refuse unless every
                                           report is approved or excluded, record programmes
                                           and figures as the council reads them, set published
      2. archive_period_documents(period)  reports: render the PDF, store it as version 1
      3. commit                            on any failure: roll back, delete the written file,
                                           the period stays unpublished (in memory too)

    add_erratum(report, text=…, by=…)
      1. Erratum.save()                    projects: lock the period row, append the erratum
      2. PublishedDocument.issue_errata_version(period)   the next PDF version, with it
      3. commit                            on failure: nothing stored, no file left behind

projects/ never imports this module (reports depends on projects, not the other way).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from projects.models import Erratum, ReportingPeriod, StatusReport

from .models import PublishedDocument


def archive_period_documents(period: ReportingPeriod, *, written: list) -> PublishedDocument:
    """Render and store the published period's PDF as version 1; ``written`` gets the document
    as soon as its file exists.

    The step a background task can take over later: it only needs a published period.
    """
    return PublishedDocument.archive(period, written=written)


def publish_period(
    period: ReportingPeriod, *, by=None, when: datetime.datetime | None = None
) -> PublishedDocument:
    """Publish ``period`` and archive its PDF, all or nothing.

    ``by`` is the coordinator who publishes (not stored yet; the audit log is to record it).
    """
    before = period.state, period.published_at
    written: list[PublishedDocument] = []  # files stored on disk, deleted if we roll back
    try:
        with transaction.atomic():
            period.freeze_for_publication(when=when)
            document = archive_period_documents(period, written=written)
    except BaseException:
        _remove_files(written)
        period.state, period.published_at = before  # rolled back: not published, in memory too
        raise
    return document


def add_erratum(report: StatusReport, *, text: str, by=None) -> Erratum:
    """Append an erratum to a published report and issue the PDF version with it.

    Validation errors (unpublished period, empty text) are raised before anything is stored.
    """
    erratum = Erratum(report=report, text=text, created_by=by)
    erratum.full_clean()
    written: list[PublishedDocument] = []  # files stored on disk, deleted if we roll back
    try:
        with transaction.atomic():
            erratum.save()  # holds the period row until commit: versions follow one another
            PublishedDocument.issue_errata_version(report.period, written=written)
    except BaseException:
        _remove_files(written)
        raise
    return erratum


def _remove_files(written: list[PublishedDocument]) -> None:
    """A stored PDF without its committed record would be an orphan: delete each one."""
    for document in written:
        document.file.delete(save=False)
