"""Mail of the round as people see it (issue 18, item 6): the page says the mail is queued, a
mail that failed shows on the coordinator's board, and links point where the site is served."""

from __future__ import annotations

import smtplib

import pytest
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker

from projects.models import StatusReport
from tests.projects.test_workflow import edit_url, form_data

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def submit(client, report, capture, **headers):
    with capture(execute=True):  # the mail is handed to the worker on commit
        return client.post(edit_url(report), {**form_data(report), "submit": ""}, **headers)


def test_mail_links_point_to_the_address_the_site_is_served_on(
    client, round_, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.MIP_SITE_URL = ""
    client.force_login(round_.manager)
    submit(client, round_.report, django_capture_on_commit_callbacks, HTTP_HOST="localhost:8080")
    review = reverse("projects:review", args=[round_.report.pk])
    assert f"http://localhost:8080{review}" in mailoutbox[-1].body
    assert "8000" not in mailoutbox[-1].body


def test_a_configured_site_url_wins_over_the_request(
    client, round_, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.MIP_SITE_URL = "https://mip.example.org/"
    client.force_login(round_.manager)
    submit(client, round_.report, django_capture_on_commit_callbacks, HTTP_HOST="localhost:8080")
    review = reverse("projects:review", args=[round_.report.pk])
    assert f"https://mip.example.org{review}" in mailoutbox[-1].body


def test_the_pages_say_the_mail_is_queued_not_that_it_arrived(
    client, round_, django_capture_on_commit_callbacks
):
    client.force_login(round_.manager)
    response = submit(client, round_.report, django_capture_on_commit_callbacks, follow=True)
    assert "Een bericht staat in de wachtrij" in response.content.decode()

    client.force_login(round_.controller)
    review = reverse("projects:review", args=[round_.report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review, {"approve": ""}, follow=True)
    html = response.content.decode()
    assert "Een bericht aan de programmamanager staat in de wachtrij" in html
    assert "op de hoogte gebracht" not in html


def test_a_mail_that_failed_shows_on_the_coordinators_board(
    client, round_, django_capture_on_commit_callbacks, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS

    def unreachable(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "mail server unreachable")

    monkeypatch.setattr("projects.tasks.send_mail", unreachable)
    client.force_login(round_.manager)
    submit(client, round_.report, django_capture_on_commit_callbacks)
    round_.report.refresh_from_db()
    assert round_.report.state == StatusReport.State.SUBMITTED

    board = reverse("projects:board") + f"?period={round_.period.slug}"
    client.force_login(round_.coordinator)
    assert "Mail niet verstuurd" not in client.get(board).content.decode()  # queued, not failed

    # The worker's own loop, in this test's transaction: it must not close the connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    Worker(  # the task worker's turn: it tries once and records the failure
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run()

    html = client.get(board).content.decode()
    assert "Mail niet verstuurd" in html
    assert round_.controller.email in html
    assert "Te beoordelen: Sorga" in html or "Sorga" in html.split("Mail niet verstuurd")[1]
    assert "mail server unreachable" in html
