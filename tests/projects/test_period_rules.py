"""Opening a period: implausible dates, a passed deadline, overlap with the published record and
labels that give no web address of their own are refused in Dutch, with the reason (issue 9.6).
Two coordinators opening the same period at once get one period and a message, not a 500.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains

from projects.forms import PeriodForm
from projects.models import ReportingPeriod
from tests.fingerprint import db_fingerprint

TODAY = timezone.localdate()


def period_data(**changes) -> dict:
    data = {
        "label": "oktober 2023 t/m januari 2024",
        "start": "2023-10-01",
        "end": "2024-01-31",
        "deadline": (TODAY + dt.timedelta(days=14)).isoformat(),
    }
    return data | changes


def errors_of(**changes) -> dict[str, list[str]]:
    with translation.override("nl"):
        form = PeriodForm(period_data(**changes))
        form.is_valid()
        return {name: list(messages) for name, messages in form.errors.items()}


@pytest.mark.parametrize(
    ("field", "value"),
    [("start", "1999-12-31"), ("end", "2101-01-01"), ("deadline", "9999-12-31")],
)
def test_dates_outside_2000_to_2100_are_refused(round_, field, value):
    errors = errors_of(**{field: value})
    assert list(errors) == [field]
    assert "geen aannemelijke datum" in errors[field][0]


def test_a_deadline_that_already_passed_is_refused_when_opening(round_):
    yesterday = TODAY - dt.timedelta(days=1)
    errors = errors_of(deadline=yesterday.isoformat())
    assert list(errors) == ["deadline"]
    assert "is al voorbij" in errors["deadline"][0]
    assert errors_of(deadline=TODAY.isoformat()) == {}
    assert errors_of(deadline="") == {}  # no deadline yet is allowed


def test_an_existing_period_keeps_its_past_deadline(round_):
    """The rule is for opening: a running round's deadline passes, and stays valid."""
    period = round_.period
    period.deadline = TODAY - dt.timedelta(days=30)
    period.full_clean()


def test_a_deadline_before_the_start_is_refused(round_):
    errors = errors_of(start="2099-01-01", end="2099-04-30")
    assert list(errors) == ["deadline"]
    assert "vóór het begin" in errors["deadline"][0]


def test_a_period_overlapping_a_published_one_is_refused(round_):
    published = round_.published_period  # 1 February – 30 May 2023
    errors = errors_of(start="2023-05-01", end="2023-08-31")
    assert list(errors) == ["start"]
    assert f"“{published.label}”" in errors["start"][0]
    assert "overlappen" in errors["start"][0]
    # Overlapping a period that is still open is not refused: it is not the record yet.
    assert errors_of(start="2023-07-01", end="2023-10-31") == {}


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("!!! ???", "geeft geen webadres"),
        ("日本語", "geeft geen webadres"),
        ("Beheer", "is van de site zelf"),
        ("admin", "is van de site zelf"),
        ("Signaal", "is van de site zelf"),
        ("periodes", "is van de site zelf"),
        ("accounts", "is van de site zelf"),
        ("i18n", "is van de site zelf"),
        ("static", "is van de site zelf"),
        ("media", "is van de site zelf"),
        ("juni t/m september 2023", "bestaat al"),
    ],
)
def test_a_label_needs_a_web_address_of_its_own(round_, label, reason):
    errors = errors_of(label=label)
    assert list(errors) == ["label"]
    assert reason in errors["label"][0]


def test_the_form_shows_the_reason_and_writes_nothing(client, round_):
    client.force_login(round_.coordinator)
    before = db_fingerprint()
    response = client.post(reverse("projects:open_period"), period_data(label="beheer"))
    assert response.status_code == 200
    assertContains(response, "Het webadres /beheer/ is van de site zelf")
    assert db_fingerprint() == before


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_opening_the_same_period_at_once_get_one_period(
    make_programme, make_period
):
    """Both posts pass validation before either saves; PostgreSQL's unique slug decides.

    A third connection holds a SHARE lock on the period table: reads (the form's checks) go
    on, inserts wait. Once both requests wait to insert, the lock is released and they race.
    """
    from tests.workflow_data import build_round

    round_ = build_round(make_programme, make_period)
    drafts = ReportingPeriod.objects.get(pk=round_.period.pk).reports.count()
    responses: dict[int, object] = {}
    errors: list[BaseException] = []

    def post(n: int) -> None:
        try:
            client = Client(raise_request_exception=True)
            client.force_login(round_.coordinator)
            responses[n] = client.post(reverse("projects:open_period"), period_data())
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    gate = connections.create_connection("default")
    try:
        gate.set_autocommit(False)
        with gate.cursor() as cursor:
            cursor.execute("LOCK TABLE projects_reportingperiod IN SHARE MODE")
        threads = [threading.Thread(target=post, args=(n,)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        with gate.cursor() as cursor:
            for _ in range(200):  # until both inserts wait for the lock (at most 20 s)
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted "
                    "AND relation = 'projects_reportingperiod'::regclass"
                )
                if cursor.fetchone()[0] == 2:
                    break
                threading.Event().wait(0.1)
            else:
                pytest.fail("the two requests never both reached the insert")
        gate.commit()
    finally:
        gate.close()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    statuses = sorted(response.status_code for response in responses.values())
    assert statuses == [200, 302]
    refused = next(r for r in responses.values() if r.status_code == 200)
    assertContains(refused, "bestaat al")
    period = ReportingPeriod.objects.get(slug="oktober-2023-tm-januari-2024")
    assert period.reports.count() == drafts  # every programme in the monitor, once
    assert ReportingPeriod.objects.count() == 3


def test_the_admin_refuses_a_reserved_slug_typed_by_hand(client, round_):
    client.force_login(round_.admin)
    before = db_fingerprint()
    response = client.post(
        reverse("admin:projects_reportingperiod_add"),
        {
            "label": "Gewone periode",
            "slug": "signaal",
            "start": "2099-01-01",
            "end": "2099-04-30",
            "deadline": "2099-05-14",
        },
    )
    assert response.status_code == 200
    assertContains(response, "Het webadres /signaal/ is van de site zelf")
    assert db_fingerprint() == before
