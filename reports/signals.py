"""Archive the PDF the council receives at the moment a period is published."""

from __future__ import annotations

from projects.models import ReportingPeriod

from .models import PublishedDocument


def archive_published_period(sender, period: ReportingPeriod, **kwargs) -> None:
    PublishedDocument.archive(period)


def issue_errata_version(sender, period: ReportingPeriod, **kwargs) -> None:
    PublishedDocument.issue_errata_version(period)
