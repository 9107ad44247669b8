"""The board follows a background publication by polling (htmx), under the CSP (issue 11)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from projects.models import ReportingPeriod, StatusReport
from projects.rules import COORDINATOR_GROUP
from reports.publication import publish_period
from reports.tasks import archive_documents
from tests.e2e.test_csp import assert_clean, watch
from tests.e2e.test_reporting_round import PASSWORD, log_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_board_shows_the_publication_progress_until_it_is_done(
    browser, live_server, settings, make_programme, make_period, make_report
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    coordinator = User.objects.create_user("carla", password=PASSWORD)
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    for name in ("Sorga", "ADIDAS"):
        make_report(make_programme(name), period)
    job = publish_period(period, by=coordinator)  # queued: no worker runs in this test

    page = log_in(browser, live_server, "carla")
    console = watch(page)
    page.goto(f"/beheer/rondebord/?period={period.slug}")
    status = page.locator("#publication-status")
    assert "wachten op de taakverwerker" in status.inner_text()
    # Frozen but not yet public: the board says so, not "Gepubliceerd" (issue 18, item 5).
    state = page.locator("#period-state")
    assert state.inner_text() == "Wordt gepubliceerd"
    assert "Gepubliceerd" not in page.locator(".page-head").inner_text()
    page.screenshot(path="/tmp/publish-board-queued.png")
    page.screenshot(path=SCREENSHOTS / "board-publishing.png", full_page=True)

    archive_documents.call(job.pk)  # the worker's turn; the page is not reloaded

    # Polled every 2 s; a locator waits without evaluating code (the CSP forbids eval).
    # The finished job's line: "pdf's gearchiveerd" alone also matches the running job's
    # "3 van 3 pdf's gearchiveerd", which a poll during the archiving can show first.
    done = "3 pdf's gearchiveerd. De raad en het publiek kunnen de monitor lezen."
    page.locator("#publication-status", has_text=done).wait_for(timeout=30_000)
    assert done in status.inner_text()
    # Swapped in by the same poll. has_text ignores case and matches a part, so the plain
    # string "Gepubliceerd" also matched "Wordt gepubliceerd" and waited for nothing.
    state.filter(has_text=re.compile(r"^Gepubliceerd$")).wait_for()
    assert state.inner_text() == "Gepubliceerd"
    page.screenshot(path="/tmp/publish-board-done.png")
    assert_clean(page, console, "board while publishing")


def test_the_board_pages_through_a_large_round_in_place_under_the_csp(
    browser, live_server, make_programme, make_period
):
    """Page 2 is swapped in by htmx, the address follows it, and the state filter still
    counts the whole round (issue 24: 50 reports a page)."""
    coordinator = User.objects.create_user("carla", password=PASSWORD)
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    period = make_period("juni t/m september 2023", state=ReportingPeriod.State.OPEN)
    for n in range(60):
        StatusReport.draft_for(make_programme(f"Programma {n:02}"), period)

    page = log_in(browser, live_server, "carla")
    console = watch(page)
    page.goto(f"/beheer/rondebord/?period={period.slug}")
    rows = page.locator("#board-table tbody tr")
    assert rows.count() == 50
    assert "Rapportages 1–50 van 60" in page.locator(".page-list").inner_text()
    assert "concept (60)" in page.locator(".state-filter").inner_text()

    page.get_by_role("link", name="Pagina 2").click()
    page.locator(".page-list", has_text="Rapportages 51–60 van 60").wait_for()
    assert rows.count() == 10
    assert rows.first.locator("th").inner_text() == "Programma 50"
    assert "page=2" in page.url
    assert_clean(page, console, "board, page 2")
