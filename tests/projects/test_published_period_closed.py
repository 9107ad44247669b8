"""A published period takes no new report, from any path (issue 19, finding 8).

An import row for a programme without a report in a published period created a draft there
("1 nieuw"): ``StatusReport.save`` skipped the frozen check on insert.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from projects.imports import ImportFailed, import_status_reports, read_table
from projects.models import PublishedPeriodClosedError, ReportingPeriod, StatusReport
from tests.fingerprint import db_fingerprint

CLOSED = "Deze periode is gepubliceerd: er komen geen nieuwe rapportages bij."


@pytest.fixture
def newcomer(round_, make_programme):
    """A programme with no report in the round's published period."""
    return make_programme("Nieuwkomer", slug="nieuwkomer")


def test_an_import_into_a_published_period_creates_nothing(round_, newcomer):
    published = round_.published_report.period
    assert published.state == ReportingPeriod.State.PUBLISHED
    data = b"slug;quality;money;time;risk\nnieuwkomer;groen;groen;groen;groen\n"
    before = db_fingerprint()
    with translation.override("nl"), pytest.raises(ImportFailed) as excinfo:
        import_status_reports(read_table(io.BytesIO(data), "ronde.csv"), published)
    assert CLOSED in str(excinfo.value)
    assert db_fingerprint() == before
    assert not StatusReport.objects.filter(period=published, programme=newcomer).exists()


@pytest.mark.parametrize("path", ["save", "full_clean", "create", "bulk_create"])
def test_no_path_adds_a_report_to_a_published_period(round_, newcomer, path):
    published = round_.published_report.period
    report = StatusReport(programme=newcomer, period=published)
    write = {
        "save": report.save,
        "full_clean": report.full_clean,
        "create": lambda: StatusReport.objects.create(programme=newcomer, period=published),
        "bulk_create": lambda: StatusReport.objects.bulk_create([report]),
    }[path]
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        write()
    assert CLOSED in str(excinfo.value)
    assert not StatusReport.objects.filter(period=published, programme=newcomer).exists()


def test_a_period_not_yet_published_still_takes_new_reports(round_, newcomer):
    report = StatusReport(programme=newcomer, period=round_.period)
    report.full_clean()
    report.save()
    assert report.pk is not None
    assert isinstance(PublishedPeriodClosedError(), ValidationError)
