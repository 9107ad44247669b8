"""Opening a period in Chromium: a reserved label and a passed deadline are named, in Dutch."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from projects.models import ReportingPeriod
from tests.e2e.test_reporting_round import log_in
from tests.workflow_data import build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_reads_why_a_period_cannot_be_opened(
    browser, live_server, make_programme, make_period
):
    round_ = build_round(make_programme, make_period)
    page = log_in(browser, live_server, round_.coordinator.username)
    page.goto("/beheer/periodes/nieuw/")
    page.locator("#id_label").fill("Signaal")
    page.locator("#id_start").fill("2099-01-01")
    page.locator("#id_end").fill("2099-04-30")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    page.locator("#id_deadline").fill(yesterday.isoformat())
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "Het webadres /signaal/ is van de site zelf; kies een andere naam." in body
    assert "is al voorbij; managers zouden niet op tijd kunnen indienen" in body
    if shot := os.environ.get("MIP_SCREENSHOT_DIR"):
        page.screenshot(path=f"{shot}/open-period-refused.png", full_page=True)
    assert ReportingPeriod.objects.count() == 2
