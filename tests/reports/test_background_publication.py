"""Publication in the background (issue 11): the request returns at once, a task archives every
PDF, failures are retried and shown on the board, and nobody sees a half-published period."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from projects.models import ReportingPeriod
from projects.rules import COORDINATOR_GROUP
from reports import pdf
from reports.models import PublicationJob, PublishedDocument
from reports.publication import publish_period

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def coordinator(db) -> User:
    user = User.objects.create_user("carla", password="x")
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return user


@pytest.fixture
def periods(make_programme, make_period, make_report) -> tuple[ReportingPeriod, ReportingPeriod]:
    """A period the public reads, and the next one, ready to publish with three programmes."""
    earlier = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    for name in ("Sorga", "ADIDAS", "Digitale Stad"):
        make_report(make_programme(name), period, developments=f"Stand van {name}.")
    return earlier, period


def media_files() -> list[Path]:
    return sorted(Path(django_settings.MEDIA_ROOT).rglob("*.pdf"))


def board_status(client, period: ReportingPeriod) -> str:
    response = client.get(reverse("reports:publication", args=[period.slug]))
    assert response.status_code == 200
    return response.content.decode()


def assert_not_public(client, period: ReportingPeriod, earlier: ReportingPeriod) -> None:
    """The public still reads the earlier period: no page, PDF or data of this one."""
    client.logout()
    home = client.get("/").content.decode()
    assert earlier.label in home and period.label not in home
    for url in (
        period.get_absolute_url(),
        reverse("reports:period_pdf", args=[period.slug]),
        reverse("reports:export_json", args=[period.slug]),
        reverse("reports:programme", args=[period.slug, "sorga"]),
        reverse("reports:programme_pdf", args=[period.slug, "sorga"]),
    ):
        assert client.get(url).status_code == 404, url
    assert period.slug not in client.get(earlier.get_absolute_url()).content.decode()


def assert_every_pdf_archived(client, period: ReportingPeriod) -> None:
    documents = PublishedDocument.objects.filter(period=period)
    reports = period.reports.published()
    assert documents.filter(report=None).count() == 1
    assert set(documents.exclude(report=None).values_list("report", flat=True)) == set(
        reports.values_list("pk", flat=True)
    )
    for document in documents:
        stored = document.file.read()
        assert hashlib.sha256(stored).hexdigest() == document.sha256
        assert document.size == len(stored)
    every = PublishedDocument.objects.all()
    assert sorted(Path(d.file.path) for d in every) == media_files()  # no stray file
    for report in reports:
        url = reverse("reports:programme_pdf", args=[period.slug, report.programme.slug])
        response = client.get(url)
        served = b"".join(response.streaming_content)
        archived = documents.get(report=report)
        assert response["X-Content-SHA256"] == archived.sha256 == hashlib.sha256(served).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_publishing_returns_at_once_and_the_worker_archives_every_pdf(
    client, settings, periods, coordinator
):
    earlier, period = periods
    settings.TASKS = DATABASE_TASKS
    client.force_login(coordinator)

    response = client.post(reverse("reports:publish", args=[period.slug]))

    assert response.status_code == 302
    assert response["Location"].endswith(f"?period={period.slug}")
    task = DBTaskResult.objects.get(task_path="reports.tasks.archive_documents")
    assert task.status == TaskResultStatus.READY  # the request rendered nothing
    period.refresh_from_db()
    assert period.is_published and period.archive_pending  # frozen, not yet public
    assert not PublishedDocument.objects.exists()
    status = board_status(client, period)
    assert 'hx-trigger="every 2s"' in status
    assert "wachten op de taakverwerker" in status
    assert_not_public(client, period, earlier)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    period.refresh_from_db()
    assert period.is_public
    assert_every_pdf_archived(client, period)
    client.force_login(coordinator)
    status = board_status(client, period)
    assert "hx-trigger" not in status  # done: the board stops polling
    assert "4 pdf's gearchiveerd" in status
    client.logout()
    assert period.label in client.get("/").content.decode()
    stages = AuditEvent.objects.filter(action="publication").order_by("pk")
    stages = stages.values_list("extra", flat=True)
    assert [extra["stage"] for extra in stages] == ["requested", "completed"]
    assert AuditEvent.objects.filter(action="publication", actor=coordinator).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_render_failure_waits_and_is_retried_by_the_database_backend(
    client, settings, periods, coordinator, monkeypatch
):
    """With the database backend the retry is deferred (run_after), not run at once."""
    _, period = periods
    settings.TASKS = DATABASE_TASKS
    render = pdf.render_programme_pdf
    failures = []

    def fail_once(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise OSError("font cache unreadable")
        return render(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_programme_pdf", fail_once)
    job = publish_period(period, by=coordinator)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    job.refresh_from_db()
    assert job.status == PublicationJob.Status.RETRYING
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)  # not due yet: left
    assert retry.run_after > retry.enqueued_at + dt.timedelta(seconds=5)
    assert not media_files() and not PublishedDocument.objects.exists()
    client.force_login(coordinator)
    assert "font cache unreadable" in board_status(client, period)

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # time passes
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    job.refresh_from_db()
    assert (job.status, job.attempts) == (PublicationJob.Status.DONE, 2)
    assert_every_pdf_archived(client, period)


@pytest.mark.django_db
def test_a_render_failure_is_retried_then_reported_with_a_try_again_button(
    client, periods, coordinator, monkeypatch
):
    earlier, period = periods
    render = pdf.render_programme_pdf
    broken = {"on": True}

    def fail(*args, **kwargs):
        if broken["on"]:
            raise RuntimeError("WeasyPrint could not load a font")
        return render(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_programme_pdf", fail)
    job = publish_period(period, by=coordinator)  # the immediate backend: all attempts now

    job.refresh_from_db()
    assert job.status == PublicationJob.Status.FAILED
    assert job.attempts == PublicationJob.MAX_ATTEMPTS
    assert not PublishedDocument.objects.exists()
    assert not media_files()  # the period PDF each attempt wrote first is gone
    assert_not_public(client, period, earlier)
    client.force_login(coordinator)
    board = client.get(reverse("projects:board"), {"period": period.slug}).content.decode()
    assert "Publicatie mislukt" in board
    assert "WeasyPrint could not load a font" in board
    assert reverse("reports:retry_publication", args=[period.slug]) in board
    failed = AuditEvent.objects.get(action="publication", extra__stage="failed")
    assert failed.actor == coordinator and "font" in failed.extra["error"]

    broken["on"] = False
    response = client.post(reverse("reports:retry_publication", args=[period.slug]))

    assert response.status_code == 302
    period.refresh_from_db()
    assert period.is_public
    assert_every_pdf_archived(client, period)


@pytest.mark.django_db
def test_a_failure_once_is_retried_without_the_coordinator(client, periods, monkeypatch):
    _, period = periods
    render = pdf.render_period_pdf
    calls = []

    def fail_first(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("out of memory")
        return render(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_period_pdf", fail_first)
    job = publish_period(period, by=None)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (PublicationJob.Status.DONE, 2)
    period.refresh_from_db()
    assert period.is_public
    assert_every_pdf_archived(client, period)


@pytest.mark.django_db
def test_an_erratum_version_goes_through_the_task(client, periods, coordinator):
    from reports.publication import add_erratum

    _, period = periods
    publish_period(period, by=coordinator)
    report = period.reports.get(programme__name="Sorga")

    add_erratum(report, text="Het budget is € 7,2 mln.", by=coordinator)

    job = period.publication_jobs.first()
    assert (job.kind, job.status, job.done) == ("erratum", "done", 2)
    assert PublishedDocument.objects.get(period=period, report=None, version=2)
    latest = PublishedDocument.objects.filter(report=report).order_by("-version").first()
    assert latest.version == 2
    url = reverse("reports:programme_pdf", args=[period.slug, report.programme.slug])
    assert client.get(url)["X-Content-SHA256"] == latest.sha256
    assert AuditEvent.objects.filter(action="erratum", actor=coordinator).exists()


@pytest.mark.django_db
def test_loaddemo_archives_the_published_period_and_its_programme_pdfs(client, monkeypatch):
    """Which documents are archived, not how they look: one-page PDFs stand in for the real
    ones here (70 s less); the tests of make run and make serve archive the real demo."""
    rendered = []
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    page = io.BytesIO()
    writer.write(page)

    def write_period_pdf(period, path, **kwargs) -> int:
        path.write_bytes(page.getvalue())
        return 1

    monkeypatch.setattr(pdf, "write_period_pdf", write_period_pdf)
    monkeypatch.setattr(
        pdf, "render_programme_pdf", lambda *a, **k: rendered.append(1) or page.getvalue()
    )
    call_command("loaddemo", stdout=io.StringIO())
    published = ReportingPeriod.objects.published()
    assert published and all(period.is_public for period in published)
    for period in published:
        assert_every_pdf_archived(client, period)  # served from the archive, none rendered
    count = len(rendered)
    call_command("loaddemo", stdout=io.StringIO())  # again: nothing left to archive
    assert len(rendered) == count == sum(p.reports.published().count() for p in published)


@pytest.mark.django_db
def test_archivepublished_background_queues_below_a_publication_and_only_once(settings):
    """make run / make serve queue the demo's PDFs for the worker: at low priority, so a
    coordinator's publication queued after them is taken first, and once per period however
    often the app is started before the worker gets to them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("loaddemo", "--no-archive", stdout=io.StringIO())
    published = set(ReportingPeriod.objects.published())
    assert len(published) > 1
    call_command("archivepublished", "--background", "--latest", stdout=io.StringIO())
    newest = ReportingPeriod.objects.published().order_by("-start").first()
    assert [job.period for job in PublicationJob.objects.all()] == [newest]
    call_command("archivepublished", "--background", stdout=io.StringIO())
    call_command("archivepublished", "--background", stdout=io.StringIO())  # a second start
    jobs = PublicationJob.objects.filter(status=PublicationJob.Status.QUEUED)
    assert {job.period for job in jobs} == published and jobs.count() == len(published)
    assert not PublishedDocument.objects.exists()  # nothing rendered in this process

    open_round = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    coordinator = User.objects.get(username="coordinator")
    for report in open_round.reports.all():
        report.exclude_from_publication(by=coordinator, reason="Test")
    publish_period(open_round, by=coordinator)
    first = DBTaskResult.objects.ready().first()  # the worker's own order
    assert first.args_kwargs["args"] == [open_round.publication_jobs.get().pk]
    assert DBTaskResult.objects.ready().count() == len(published) + 1


def worker_environment(tmp_path: Path) -> dict[str, str]:
    """A real worker on the test database, rendering slowly so it can be killed mid-render."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if k != "TESTING"}  # the database backend
    env.update(
        DATABASE_URL=url,
        DEBUG="1",
        MEDIA_ROOT=str(django_settings.MEDIA_ROOT),
        MIP_TEST_SLOW_RENDER="60",
    )
    return env


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker on the same database")
def test_a_worker_killed_mid_render_leaves_the_period_unpublished_until_a_later_run(
    client, settings, periods, coordinator, tmp_path
):
    earlier, period = periods
    settings.TASKS = DATABASE_TASKS
    job = publish_period(period, by=coordinator)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=worker_environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not (job.status == "running" and job.done >= 1):  # the period PDF is written
            assert time.monotonic() < deadline and worker.poll() is None, "worker did not start"
            time.sleep(0.5)
            job.refresh_from_db()
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait()

    assert len(media_files()) == 1  # written by the dead worker, not recorded
    assert not PublishedDocument.objects.exists()
    assert_not_public(client, period, earlier)
    client.force_login(coordinator)
    deadline = time.monotonic() + 30
    while "Publicatie onderbroken" not in (status := board_status(client, period)):
        assert time.monotonic() < deadline, status  # PostgreSQL ends the dead session
        time.sleep(0.5)
    assert "hx-trigger" not in status

    client.post(reverse("reports:retry_publication", args=[period.slug]))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    period.refresh_from_db()
    assert period.is_public
    assert_every_pdf_archived(client, period)  # and the dead worker's file is gone
