"""PostgreSQL goes away in the middle of a save: a Dutch error page, nothing half-written, and
the same process serves again once the database answers, without a restart.

The save is caught between its two writes: the report's UPDATE has run, the history row's
INSERT waits on a table lock held by a second connection. Then the request's server process is
terminated (pg_terminate_backend), which is what the request sees when PostgreSQL stops.
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from django.db import connection, connections
from django.test import Client

from projects.models import ReportingPeriod, StatusReport

pytestmark = pytest.mark.django_db(transaction=True)


def second_connection(**options) -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], **options
    )


def backend_waiting_on_a_lock(admin: psycopg.Connection, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        ).fetchone()
        if row:
            return row[0]
        time.sleep(0.05)
    raise AssertionError("the save never reached the locked table")


def test_database_lost_during_a_save_shows_the_error_page_and_recovers(
    make_report, make_programme, make_period, django_user_model
):
    controller = django_user_model.objects.create_user("controller-fault")
    report = make_report(
        programme=make_programme(controller=controller),
        period=make_period(state=ReportingPeriod.State.IN_REVIEW),
        state=StatusReport.State.SUBMITTED,
    )
    history_before = report.history.count()
    client = Client(raise_request_exception=False)
    client.force_login(controller)
    url = f"/beheer/rapportage/{report.pk}/beoordelen/"
    responses = []
    first_done, database_back = threading.Event(), threading.Event()

    def reviewer() -> None:
        """Both requests in one thread: the broken connection must not outlive its request."""
        try:
            responses.append(client.post(url, {"approve": "1", "version": report.version}))
            first_done.set()
            database_back.wait(30)
            responses.append(client.post(url, {"approve": "1", "version": report.version}))
        finally:
            connections.close_all()

    history_table = StatusReport.history.model._meta.db_table
    with second_connection() as blocker, second_connection(autocommit=True) as admin:
        blocker.execute(f'LOCK TABLE "{history_table}" IN EXCLUSIVE MODE')
        thread = threading.Thread(target=reviewer)
        thread.start()
        admin.execute("SELECT pg_terminate_backend(%s)", [backend_waiting_on_a_lock(admin)])
        blocker.rollback()
    assert first_done.wait(30)

    [failed] = responses
    assert failed.status_code == 500
    assert "Er ging iets mis" in failed.text
    assert "Er is niets gewijzigd" in failed.text
    report.refresh_from_db()
    # The UPDATE that had run was rolled back with the missing history row: nothing half-written.
    assert report.state == StatusReport.State.SUBMITTED
    assert report.history.count() == history_before

    database_back.set()
    thread.join(60)
    retried = responses[1]
    assert retried.status_code == 302
    report.refresh_from_db()
    assert report.state == StatusReport.State.APPROVED
    assert report.history.count() == history_before + 1
