"""The signal in headless Chromium: a greener light than the figures is flagged while typing,
never overridden, and shown to the controller at the top of the review."""

from __future__ import annotations

import datetime as dt

import pytest

from projects.models import ReportFigures
from tests.e2e.test_reporting_round import assert_no_axe_violations, log_in
from tests.factory import make_frame
from tests.workflow_data import build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_sees_the_signal_while_typing_and_controller_sees_the_mismatch(
    browser, live_server, make_programme, make_period
):
    round_ = build_round(make_programme, make_period)
    make_frame(
        round_.programme,
        end_date=dt.date(2024, 12, 31),
        baseline_date=dt.date(2024, 10, 1),
        risk="Uitval",
    )

    page = log_in(browser, live_server, round_.manager.username)
    page.goto(f"/beheer/rapportage/{round_.report.pk}/invullen/")
    for aspect in ("quality", "money", "time", "risk"):
        page.locator(f"#aspect-{aspect} label.rating-choice").filter(has_text="Groen").click()
    box = page.locator("#signal-box")
    assert box.locator(".signal-box__mismatch").count() == 0

    # 12 % over the budget of € 1 mln while money is green: the box says so as she types.
    page.get_by_label("Prognose bij afronding (€)").fill("1120000")
    mismatch = box.locator(".signal-box__mismatch")
    mismatch.wait_for()
    assert "Op basis van de cijfers zou geld rood zijn; u kiest groen" in mismatch.inner_text()
    assert "+12,0" in box.inner_text()
    assert_no_axe_violations(page)  # the figures section: milestone table, risk register

    # Submitting green against a red signal needs the reason why (issue 14).
    page.locator("#id_money_greener_reason").fill("Meerkosten gedekt door de post onvoorzien.")
    page.get_by_role("button", name="Indienen bij projectcontroller").click()
    page.wait_for_url("**/beheer/")
    page.context.close()
    round_.report.refresh_from_db()
    assert round_.report.money_rating == "green"  # the manager's choice stands
    assert ReportFigures.objects.get(report=round_.report).forecast_at_completion == 1120000

    page = log_in(browser, live_server, round_.controller.username)
    page.goto(f"/beheer/rapportage/{round_.report.pk}/beoordelen/")
    top = page.locator(".signal-mismatch").first
    assert (
        "Signaal: op basis van de cijfers zou geld rood zijn; de manager koos groen"
        in top.inner_text()
    )
    assert "Meerkosten gedekt door de post onvoorzien." in top.inner_text()
    assert_no_axe_violations(page)
    page.context.close()
