"""Helpers for the open-data tests: a period published through the real publication, with an
excluded programme, and the files of a package."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from projects.models import ReportingPeriod, StatusReport
from reports.publication import publish_period


@pytest.fixture
def published_with_exclusion(make_period, make_report, make_programme):
    """A period published by ``publish_period``: one programme approved, one left out."""
    period = make_period(state=ReportingPeriod.State.IN_REVIEW)
    make_report(
        programme=make_programme("Regie op Data"),
        period=period,
        money_rating="orange",
        money_explanation="=SUM(A1:A9) duurder door de aanbesteding",
    )
    left_out = make_report(
        programme=make_programme("Zaakgericht Werken"), period=period, state="submitted"
    )
    left_out.exclude_from_publication(
        None, "Geen rapportage ontvangen: de projectleider is vertrokken."
    )
    publish_period(period)
    period.refresh_from_db()
    assert period.is_public and StatusReport.objects.filter(period=period).excluded().exists()
    return period


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(content: bytes) -> list[dict]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
