"""Issue 14 in headless Chromium: a draft always saves; a light greener than its figures needs a
reason, which the controller and the council then read beside the signal."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from projects.management.commands.loaddemo import DEMO_PASSWORD
from projects.models import ReportingPeriod, StatusReport
from reports.publication import publish_period
from tests.e2e.test_reporting_round import log_in
from tests.workflow_data import build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "Indienen bij projectcontroller"
REASON = "De meerkosten zijn gedekt door het raadsbesluit van juni; het budget volgt."


def demo_log_in(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/beheer/**")
    return page


def choose(page, aspect: str, colour: str) -> None:
    page.locator(f"#aspect-{aspect} label.rating-choice").filter(has_text=colour).click()


def test_a_draft_with_red_and_no_explanation_saves_and_submission_waits_for_it(
    browser, live_server, make_programme, make_period
):
    round_ = build_round(make_programme, make_period)
    page = log_in(browser, live_server, round_.manager.username)
    page.goto(f"/beheer/rapportage/{round_.report.pk}/invullen/")
    for aspect in ("quality", "risk"):
        choose(page, aspect, "Groen")
    choose(page, "money", "Oranje")
    page.locator("#id_time_explanation").fill("")
    choose(page, "time", "Rood")
    page.locator("#id_developments").fill("Een uur werk dat niet verloren mag gaan.")
    page.get_by_role("button", name="Opslaan als concept").click()

    # Saved, with everything typed; the form lists the missing explanation as a checklist.
    assert "Concept opgeslagen." in page.locator(".messages").inner_text()
    report = StatusReport.objects.get(pk=round_.report.pk)
    assert (report.state, report.time_rating) == ("draft", "red")
    assert report.developments == "Een uur werk dat niet verloren mag gaan."
    checklist = page.locator(".checklist")
    assert "Nog nodig voor het indienen" in checklist.inner_text()
    item = checklist.get_by_role("link", name="Toelichting tijd")
    assert item.get_attribute("href") == "#id_time_explanation"
    assert "Een toelichting is verplicht als tijd op rood staat." in checklist.inner_text()
    assert page.locator(".error-summary").count() == 0  # not an error: the draft is saved

    # Submitting refuses with the same item.
    page.get_by_role("button", name=SUBMIT).click()
    summary = page.locator(".error-summary")
    assert "Een toelichting is verplicht als tijd op rood staat." in summary.inner_text()
    assert summary.get_by_role("link", name="Toelichting tijd").count() == 1
    assert StatusReport.objects.get(pk=report.pk).state == "draft"

    # Adding it lets the submission through.
    page.locator("#id_time_explanation").fill("De koppeling met het zaaksysteem is vertraagd.")
    page.get_by_role("button", name=SUBMIT).click()
    page.wait_for_url("**/beheer/")
    assert "Ingediend bij de projectcontroller." in page.locator(".messages").inner_text()
    assert StatusReport.objects.get(pk=report.pk).state == "submitted"
    page.context.close()


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def test_green_money_against_the_demos_12_percent_overrun_needs_a_reason(
    browser, live_server, demo
):
    period = ReportingPeriod.objects.get(state="open")
    report = StatusReport.objects.get(period=period, programme__slug="adidas")
    page = demo_log_in(browser, live_server, "manager")
    page.goto(f"/beheer/rapportage/{report.pk}/invullen/")
    choose(page, "quality", "Groen")
    choose(page, "money", "Groen")  # the forecast is 12 % over the current budget: red signal
    choose(page, "time", "Rood")
    page.locator("#id_time_explanation").fill("Oplevering in juni 2024.")
    choose(page, "risk", "Groen")
    # The box is redrawn by htmx after the choice: wait for it rather than read it at once.
    expect(page.locator("#signal-box")).to_contain_text("geld rood zijn")

    page.get_by_role("button", name=SUBMIT).click()
    summary = page.locator(".error-summary")
    assert "Waarom niet oranje/rood: geld" in summary.inner_text()
    assert "Op basis van de cijfers zou geld rood zijn" in summary.inner_text()
    assert StatusReport.objects.get(pk=report.pk).state == "draft"

    page.locator("#id_money_greener_reason").fill(REASON)
    page.get_by_role("button", name=SUBMIT).click()
    page.wait_for_url("**/beheer/")
    page.context.close()
    assert StatusReport.objects.get(pk=report.pk).money_greener_reason == REASON

    # The controller reads the reason beside the signal, and approves.
    page = demo_log_in(browser, live_server, "controller")
    page.goto(f"/beheer/rapportage/{report.pk}/beoordelen/")
    mismatch = page.locator(".signal-mismatch")
    assert "zou geld rood zijn; de manager koos groen" in mismatch.inner_text()
    assert REASON in mismatch.inner_text()
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_url("**/beheer/beoordelen/")
    page.context.close()

    # Published (the other programmes left out), the council reads it in the drill-down and PDF.
    for other in period.reports.exclude(pk=report.pk):
        other.exclude_from_publication(by=None, reason="Niet in deze test.")
    publish_period(period, by=None)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.goto(f"/{period.slug}/adidas/")
    money = page.locator("#explanation-money").locator("xpath=..")
    assert "Waarom niet oranje/rood" in money.inner_text()
    assert REASON in money.inner_text()
    pdf = page.request.get(f"/{period.slug}/adidas/mip.pdf")
    assert pdf.ok
    text = pdf_text(pdf.body())
    assert "Waarom niet oranje/rood" in text
    assert " ".join(REASON.split()) in text.replace("- ", "")
    context.close()


def test_a_refused_submission_names_every_missing_item_at_once(browser, live_server, demo):
    """Issue 18, item 2: a red quality light without explanation and a green money light over a
    red signal without its reason are both listed on the first try, each linked to its field,
    and only those two fields are outlined red (not the filled money explanation)."""
    period = ReportingPeriod.objects.get(state="open")
    report = StatusReport.objects.get(period=period, programme__slug="adidas")
    page = demo_log_in(browser, live_server, "manager")
    page.goto(f"/beheer/rapportage/{report.pk}/invullen/")
    choose(page, "quality", "Rood")
    page.locator("#id_quality_explanation").fill("")
    choose(page, "money", "Groen")  # red signal: 12 % over the current budget
    page.locator("#id_money_explanation").fill("De licentiekosten vallen hoger uit.")
    choose(page, "time", "Rood")
    page.locator("#id_time_explanation").fill("Oplevering in juni 2024.")
    choose(page, "risk", "Groen")

    page.get_by_role("button", name=SUBMIT).click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    expected = {
        "#id_quality_explanation": "Een toelichting is verplicht als kwaliteit op rood staat.",
        "#id_money_greener_reason": "Op basis van de cijfers zou geld rood zijn",
    }
    links = summary.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert sorted(hrefs) == sorted(expected), summary.inner_text()
    for anchor, message in expected.items():
        assert message in summary.inner_text()
        assert page.locator(anchor).get_attribute("aria-invalid") == "true"
    page.screenshot(path="/tmp/refusal-all-items.png", full_page=True)

    def border(selector: str) -> str:
        return page.locator(selector).evaluate("el => getComputedStyle(el).borderTopColor")

    red = border("#id_quality_explanation")
    assert border("#id_money_greener_reason") == red
    for fine in ("#id_money_explanation", "#id_time_explanation", "#id_developments"):
        assert page.locator(fine).get_attribute("aria-invalid") is None
        assert border(fine) != red, fine
    assert StatusReport.objects.get(pk=report.pk).state == "draft"

    # Both fixed at once: submitted on the next try.
    page.locator("#id_quality_explanation").fill("Testen liepen uit.")
    page.locator("#id_money_greener_reason").fill(REASON)
    page.get_by_role("button", name=SUBMIT).click()
    page.wait_for_url("**/beheer/")
    assert StatusReport.objects.get(pk=report.pk).state == "submitted"
    page.context.close()
