"""Two overlapping periods cannot both be published (issue 19, finding 9).

The overlap was checked when a period was opened, not when it was published: two periods
opened side by side, or published at the same moment, both reached the council.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from projects.models import ReportingPeriod
from reports.publication import publish_period
from tests.projects.test_publication_race import in_thread, wait_until_blocked

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks")


@pytest.fixture
def twins(make_programme, make_period, make_report) -> tuple[ReportingPeriod, ReportingPeriod]:
    """Two periods in review over largely the same months, each with an approved report."""
    programme = make_programme("Sorga", slug="sorga")
    first = make_period("juni 2023", start=dt.date(2023, 6, 1), state="in_review")
    second = make_period("juli 2023", start=dt.date(2023, 7, 1), state="in_review")
    for period in (first, second):
        make_report(programme, period)
    return first, second


@pytest.mark.django_db
def test_a_period_overlapping_a_published_one_is_not_published(twins):
    first, second = twins
    publish_period(first)
    with pytest.raises(ValidationError) as excinfo:
        publish_period(second)
    assert excinfo.value.code == "overlaps_published"
    second.refresh_from_db()
    assert second.state == ReportingPeriod.State.IN_REVIEW


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_periods_published_at_once_one_is_refused(twins, monkeypatch):
    """The first publication is held after it took its locks; the second, on its own
    connection, must wait for it and then be refused, not publish beside it."""
    first, second = twins
    locked, release = threading.Event(), threading.Event()
    original = ReportingPeriod._refuse_if_blocked

    def held(self):
        if self.pk == first.pk:
            locked.set()
            release.wait(30)
        return original(self)

    monkeypatch.setattr(ReportingPeriod, "_refuse_if_blocked", held)
    results: dict = {}
    one = in_thread(
        results, "first", lambda: publish_period(ReportingPeriod.objects.get(pk=first.pk))
    )
    assert locked.wait(30)
    two = in_thread(
        results, "second", lambda: publish_period(ReportingPeriod.objects.get(pk=second.pk))
    )
    blocked = wait_until_blocked(5)
    release.set()
    one.join(60)
    two.join(60)
    assert blocked, "the second publication did not wait for the first"
    assert not isinstance(results["first"], BaseException), results
    assert isinstance(results["second"], ValidationError), results
    assert results["second"].code == "overlaps_published"
    states = set(ReportingPeriod.objects.values_list("pk", "state"))
    assert states == {(first.pk, "published"), (second.pk, "in_review")}
