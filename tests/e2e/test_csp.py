"""Under the Content Security Policy every page still works in a real browser: no violation
event and no console message on the overview, the report form with its htmx checks, the
board and the admin (issue 11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from projects.models import BaselineDecision
from tests.e2e.test_reporting_round import log_in
from tests.workflow_data import build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script: records every CSP violation the browser reports.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI + " " + event.sample);
});
"""


def watch(page) -> list[str]:
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.add_init_script(LISTEN)
    return console


def assert_clean(page, console: list[str], where: str) -> None:
    violations = page.evaluate("window.__csp")
    assert violations == [], where
    assert console == [], where


def test_no_csp_violation_on_the_overview_the_report_form_the_board_and_the_admin(
    browser, live_server, make_programme, make_period
):
    round_ = build_round(make_programme, make_period)
    BaselineDecision.objects.create(
        programme=round_.programme,
        kind="original",
        decided_on=dt.date(2021, 3, 1),
        decided_by="Gemeenteraad",
        budget=Decimal("1000000"),
        end_date=dt.date(2024, 12, 31),
    )

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    console = watch(page)
    page.goto("/")
    assert page.locator("h1").count() == 1
    page.goto(f"/{round_.published_period.slug}/{round_.programme.slug}/")
    assert_clean(page, console, "public pages")
    context.close()

    page = log_in(browser, live_server, round_.manager.username)
    console = watch(page)
    page.goto(f"/beheer/rapportage/{round_.report.pk}/invullen/")
    page.locator("#id_time_explanation").fill("")
    page.locator("#aspect-time label.rating-choice").filter(has_text="Rood").click()
    page.locator("#check-time .field-error").wait_for()  # the htmx check answered
    page.get_by_label("Prognose bij afronding (€)").fill("1120000")
    page.locator("#signal-box .signal-box__mismatch, #signal-box").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert_clean(page, console, "report form")
    page.context.close()

    page = log_in(browser, live_server, round_.coordinator.username)
    console = watch(page)
    page.goto("/beheer/rondebord/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    assert_clean(page, console, "board")
    page.context.close()

    page = log_in(browser, live_server, round_.admin.username)
    console = watch(page)
    page.goto("/admin/")
    page.goto("/admin/auth/user/")
    page.goto(f"/admin/auth/user/{round_.manager.pk}/change/")
    page.wait_for_load_state("networkidle")
    page.goto("/admin/audit/auditevent/")
    assert "Ingelogd" in page.content()
    assert_clean(page, console, "admin")
    page.context.close()
