"""The report form in headless Chromium, on the demo's filled ADIDAS draft (issue 9, defects 1,
2 and 5): what the browser posts back untouched must store exactly what was there.

The Django test client posts what the test writes, past the browser's widgets; only a real
browser shows that an ``<input type="number">`` cannot display "13.890.000" and posts it empty.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from projects.management.commands.loaddemo import DEMO_PASSWORD
from projects.models import CostSplit, ReportFigures, ReportingPeriod, Risk, StatusReport
from tests.fingerprint import db_rows, written

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE = "Opslaan als concept"
SUBMIT = "Indienen bij projectcontroller"


def draft() -> StatusReport:
    return StatusReport.objects.get(
        programme__slug="adidas", period__state=ReportingPeriod.State.OPEN
    )


def stored(report: StatusReport, *, workflow=("state",)) -> dict:
    """Everything the form can write, minus bookkeeping: the version and timestamps move on
    every save, and the report's copies of milestones and risks are rewritten (new ids)."""
    programme = report.programme

    def rows(queryset, drop=()) -> list[dict]:
        return [{k: v for k, v in row.items() if k not in drop} for row in queryset.values()]

    return {
        "report": rows(
            StatusReport.objects.filter(pk=report.pk), {"version", "updated_at", *workflow}
        ),
        "figures": rows(ReportFigures.objects.filter(report=report), {"captured_at"}),
        "milestones": rows(programme.milestones.order_by("pk")),
        "risks": rows(Risk.objects.order_by("pk")),  # all of them: no risk added by accident
        "decisions": rows(programme.baseline_decisions.order_by("pk")),
        "milestone_copies": rows(report.milestone_snapshots.order_by("name"), {"id"}),
        "risk_copies": rows(report.risk_snapshots.order_by("title"), {"id"}),
    }


def open_form(page, report: StatusReport):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("manager")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/beheer/**")
    page.goto(f"/beheer/rapportage/{report.pk}/invullen/")


def save(page, button: str = SAVE) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    page.locator(".message--success").wait_for()


def without_cost_split(report: StatusReport) -> StatusReport:
    """The cost split is optional; with one, the forecast and the amount spent must agree with
    it (issue 22, tested in test_insight_form.py). These tests change those two alone."""
    CostSplit.objects.filter(report=report).delete()
    return report


def test_untouched_save_changes_nothing_and_one_change_changes_only_that(page, demo):
    report = without_cost_split(draft())
    figures = ReportFigures.objects.get(report=report)
    assert figures.forecast_at_completion == Decimal("13890000")  # the demo's filled figures
    assert report.programme.milestones.exists() and report.programme.risks.exists()
    before = stored(report)

    open_form(page, report)
    assert page.locator("#id_forecast_at_completion").input_value() == "13.890.000"
    assert page.locator("#id_spent_to_date").input_value() == "9.150.000"
    save(page)
    assert stored(report) == before

    page.locator("#id_spent_to_date").fill("9.200.000,50")
    save(page)
    expected = copy.deepcopy(before)
    expected["figures"][0]["spent_to_date"] = Decimal("9200000.50")
    assert stored(report) == expected
    assert page.locator("#id_spent_to_date").input_value() == "9.200.000,50"


def test_a_dutch_decimal_comma_typed_in_the_browser_is_stored_as_meant(page, demo):
    report = without_cost_split(draft())
    open_form(page, report)
    page.locator("#id_forecast_at_completion").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("13890000,50")  # key by key, as a person types
    save(page)
    figures = ReportFigures.objects.get(report=report)
    assert figures.forecast_at_completion == Decimal("13890000.50")  # not 1.389.000.050
    assert page.locator("#id_forecast_at_completion").input_value() == "13.890.000,50"


def test_submitting_untouched_keeps_the_figures(page, demo):
    report = draft()
    StatusReport.objects.filter(pk=report.pk).update(
        **{f"{aspect}_rating": "green" for aspect in ("quality", "money", "time", "risk")},
        # Green against red signals: submission needs the reasons (issue 14).
        money_greener_reason="Gedekt.",
        time_greener_reason="Ingehaald.",
    )
    submission = ("state", "submitted_at", "submitted_by_id")  # what submitting sets
    before = stored(report, workflow=submission)
    open_form(page, report)
    page.get_by_role("button", name=SUBMIT).click()
    page.locator(".message--success").wait_for()
    assert draft().state == StatusReport.State.SUBMITTED
    assert stored(report, workflow=submission) == before
    assert ReportFigures.objects.get(report=report).forecast_at_completion == Decimal("13890000")


def test_the_error_summary_names_a_missing_light_and_its_link_focuses_it(page, demo):
    report = draft()  # the demo's draft has no lights yet: submitting is refused
    open_form(page, report)
    page.get_by_role("button", name=SUBMIT).click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "enkele cijfers" not in page.content()
    assert "Niet opgeslagen: verbeter deze velden" in summary.inner_text()
    summary.get_by_role("link", name="Beoordeling geld").click()
    assert page.evaluate("document.activeElement.id") == "id_money_rating_0"
    assert draft().state == StatusReport.State.DRAFT


def test_an_untouched_browser_save_writes_no_row_at_all(page, demo):
    """Issue 18, item 4: every row of the report, its figures, milestones, risks, their copies
    and every history table is as it was: no version raised, no captured_at, no new ids."""
    report = draft()
    open_form(page, report)
    before = db_rows()
    save(page)
    assert "niets opgeslagen" in page.locator(".messages").inner_text()
    assert written(before, db_rows()) == {}
    page.goto(f"/beheer/rapportage/{report.pk}/")
    assert "zonder inhoudelijke wijzigingen" not in page.content()
