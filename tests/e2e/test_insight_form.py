"""Issue 22 in the browser: the report form's cost split and benefit statuses survive an
untouched save (nothing rewritten, no history record); a changed value is the only change and
shows in the history; a split that disagrees with the money figures is refused in Dutch; the
controller's redder light reaches the drill-down, the overview, the PDF and the open data."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal

import pytest
from django.test import Client

from projects.models import (
    BenefitStatus,
    ControllerAssessment,
    CostSplit,
    ReportingPeriod,
    StatusReport,
)
from reports.publication import publish_period

from .test_form_round_trips import log_in
from .test_report_form_round_trip import SAVE, draft, open_form, save, stored

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def insight_rows(report: StatusReport) -> dict:
    """Every stored row and history record of the cost split and the benefit statuses."""
    return {
        "costs": list(CostSplit.objects.filter(report=report).order_by("pk").values()),
        "benefits": list(BenefitStatus.objects.filter(report=report).order_by("pk").values()),
        "cost_history": CostSplit.history.filter(report_id=report.pk).count(),
        "benefit_history": BenefitStatus.history.filter(report_id=report.pk).count(),
    }


def test_untouched_save_changes_nothing_and_one_change_is_the_only_change(page, demo):
    report = draft()
    assert CostSplit.objects.filter(report=report).count() == 4
    assert BenefitStatus.objects.filter(report=report).count() == 2
    before, rows = stored(report), insight_rows(report)

    open_form(page, report)
    external = page.get_by_label("Gecontracteerd: extern personeel")
    assert external.input_value() == "4.486.000"
    save(page)
    assert stored(report) == before
    assert insight_rows(report) == rows  # no row rewritten, no history record added

    external.fill("4.500.000")
    page.get_by_label("Tot nu toe gemeten: Lagere beheerkosten na uitfasering RMW").fill(
        "€ 0,2 mln"
    )
    save(page)
    after = insight_rows(report)
    changed = [
        (old["category"], name)
        for old, new in zip(rows["costs"], after["costs"], strict=True)
        for name in old
        if old[name] != new[name]
    ]
    assert changed == [("external_staff", "committed")]
    assert after["costs"][1]["committed"] == Decimal("4500000")
    assert [b["measured_value"] for b in after["benefits"]] == ["70 %", "€ 0,2 mln"]
    assert after["cost_history"] == rows["cost_history"] + 1
    assert after["benefit_history"] == rows["benefit_history"] + 1
    latest = CostSplit.history.filter(report_id=report.pk).latest("history_date")
    assert (latest.category, latest.committed) == ("external_staff", Decimal("4500000"))


def test_a_split_that_disagrees_with_the_forecast_is_refused_in_dutch(page, demo):
    report = draft()
    rows = insight_rows(report)
    open_form(page, report)
    page.get_by_label("Actuele raming: intern personeel").fill("3.100.000")
    page.get_by_label("Gecontracteerd: overig materieel").fill("9.000.000")
    page.get_by_role("button", name=SAVE).click()
    page.locator("#cost-split-errors, .field-error").first.wait_for()
    text = page.content()
    assert "Er is meer gecontracteerd dan de actuele raming." in text
    assert insight_rows(report) == rows

    page.get_by_label("Gecontracteerd: overig materieel").fill("1.181.000")
    page.get_by_role("button", name=SAVE).click()
    error = page.locator("#cost-split-errors")
    error.wait_for()
    assert "De categorieën tellen op tot € 13.934.000,00, maar de prognose bij afronding" in (
        error.inner_text()
    )
    assert insight_rows(report) == rows  # nothing half-written


def _submitted_adidas(demo_period: ReportingPeriod) -> StatusReport:
    """The open period with ADIDAS submitted and every other programme excluded."""
    report = draft()
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "orange")
        setattr(report, f"{aspect}_explanation", "Zie de toelichting van februari t/m mei.")
    report.money_greener_reason = report.time_greener_reason = "Gedekt in de begroting."
    report.save()
    report.submit(by=report.programme.manager)
    for other in report.period.reports.exclude(pk=report.pk):
        other.exclude_from_publication(by=None, reason="Niet meegenomen in deze test.")
    return report


def test_controller_approves_with_a_redder_money_light_and_everyone_sees_both(
    browser, live_server, demo
):
    report = _submitted_adidas(demo)
    page = log_in(browser, live_server, "controller")
    page.goto(f"/beheer/rapportage/{report.pk}/beoordelen/")
    page.get_by_label("Uw licht: geld").select_option("red")
    page.get_by_label("Waarom uw licht afwijkt: geld").fill("Meerwerk Thomas DUP nog niet gedekt.")
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_url("**/beheer/**")
    assessment = ControllerAssessment.objects.get(report=report)
    assert (assessment.aspect, assessment.rating) == ("money", "red")

    period = report.period
    publish_period(period, by=None)
    period.refresh_from_db()
    assert period.is_public
    page.goto(f"/{period.slug}/adidas/")
    drill = page.locator(".insight--assessment").inner_text()
    assert "Meerwerk Thomas DUP nog niet gedekt." in drill and "Rood" in drill
    page.goto(f"/{period.slug}/")
    assert "controller oordeelt anders: geld" in page.locator(".overview").inner_text()
    client = Client()
    data = json.loads(client.get(f"/{period.slug}/data.json").content)
    row = next(r for r in data if r["slug"] == "adidas")
    assert (row["money"], row["money_controller"]) == ("orange", "red")
    assert row["money_controller_note"] == "Meerwerk Thomas DUP nog niet gedekt."
    pdf = client.get(f"/{period.slug}/adidas/mip.pdf")
    content = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert "Oordeel van de controller" in text
    assert "Meerwerk Thomas DUP nog niet gedekt." in " ".join(text.split())
