"""Leaving the monitor racing the opening of a round, on PostgreSQL with two real connections
(issue 25). Whichever commits first, the monitor agrees with itself afterwards: no draft in a
period after a departure's last period, and a departure never names a last period before a
report the programme has."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from projects.models import Departure, ReportingPeriod, StatusReport
from tests.projects.test_publication_race import in_thread, wait_until_blocked

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL"),
]


@pytest.fixture
def setting(make_programme, make_period):
    last = make_period("voorjaar", start=dt.date(2023, 2, 1))
    leaver, stayer = make_programme("Vertrekker"), make_programme("Blijver")
    new = ReportingPeriod.objects.create(
        label="zomer", slug="zomer", start=dt.date(2023, 6, 1), end=dt.date(2023, 9, 30)
    )
    return last, new, leaver, stayer


def departure(programme, last) -> Departure:
    return Departure(
        programme=programme, reason="completed", last_period=last, decided_on=dt.date(2023, 6, 2)
    )


def held(work, ready: threading.Event, release: threading.Event):
    """``work`` in a transaction kept open until ``release``."""

    def run():
        with transaction.atomic():
            result = work()
            ready.set()
            release.wait(10)
        return result

    return run


def test_a_departure_saved_while_the_round_is_open_in_another_transaction_is_refused(setting):
    last, new, leaver, stayer = setting
    ready, release, results = threading.Event(), threading.Event(), {}
    opening = in_thread(results, "open", held(new.create_draft_reports, ready, release))
    assert ready.wait(10)
    leaving = in_thread(results, "leave", lambda: departure(leaver, last).save())
    assert wait_until_blocked(), "the departure did not wait for the round's row lock"
    release.set()
    opening.join(10), leaving.join(10)
    assert {r.programme for r in results["open"]} == {leaver, stayer}
    assert isinstance(results["leave"], ValidationError)
    assert "heeft een rapportage in zomer" in str(results["leave"])
    assert not Departure.objects.exists()


def test_a_round_opened_while_a_departure_is_being_saved_skips_the_leaver(setting):
    last, new, leaver, stayer = setting
    ready, release, results = threading.Event(), threading.Event(), {}
    leaving = in_thread(results, "leave", held(departure(leaver, last).save, ready, release))
    assert ready.wait(10)
    opening = in_thread(results, "open", new.create_draft_reports)
    assert wait_until_blocked(), "the round did not wait for the departure's row lock"
    release.set()
    leaving.join(10), opening.join(10)
    assert results["leave"] is None
    assert [r.programme for r in results["open"]] == [stayer]
    assert not StatusReport.objects.filter(programme=leaver, period=new).exists()
    assert Departure.objects.get().programme == leaver
