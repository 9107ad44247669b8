"""Two coordinators pressing "Opnieuw proberen" at once get one retry (issue 19, finding 13).

Both requests read the failed job before either wrote it: two tasks, two audit rows. Here the
first retry is held after it read the job, while a second runs on its own connection.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from audit.models import AuditEvent
from reports import publication
from reports.models import PublicationJob
from tests.projects.test_publication_race import in_thread, wait_until_blocked

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL"),
]


def test_two_retries_at_once_queue_the_job_once(make_period, monkeypatch):
    period = make_period()
    PublicationJob.objects.create(period=period, status=PublicationJob.Status.FAILED, attempts=3)
    queued: list[int] = []
    monkeypatch.setattr(publication, "enqueue", lambda job: queued.append(job.pk))
    read, release = threading.Event(), threading.Event()
    original = PublicationJob.record

    def held_record(self, status, **fields):
        if not read.is_set():  # the first retry: it has read the job as failed
            read.set()
            release.wait(30)
        return original(self, status, **fields)

    monkeypatch.setattr(PublicationJob, "record", held_record)
    results: dict = {}
    first = in_thread(results, "first", lambda: publication.retry_publication(period))
    assert read.wait(30)
    second = in_thread(results, "second", lambda: publication.retry_publication(period))
    blocked = wait_until_blocked(5)
    release.set()
    first.join(30)
    second.join(30)
    accepted = [key for key, job in results.items() if isinstance(job, PublicationJob)]
    assert len(accepted) == 1, results
    assert results[{"first": "second", "second": "first"}[accepted[0]]] is None, results
    assert blocked, "the second retry did not wait for the first"
    assert len(queued) == 1
    assert AuditEvent.objects.filter(extra__stage="retried").count() == 1


def test_a_retry_still_queues_a_failed_job(make_period, monkeypatch):
    period = make_period()
    job = PublicationJob.objects.create(period=period, status=PublicationJob.Status.FAILED)
    monkeypatch.setattr(publication, "enqueue", lambda job: None)
    assert publication.retry_publication(period) == job
    job.refresh_from_db()
    assert job.status == PublicationJob.Status.QUEUED
    assert publication.retry_publication(period) is None
