"""Issue 25 in Chromium: the coordinator scores an initiative from the plan, promotes it and
admits it with a council decision; the next round has its report; it leaves as completed with
an evaluation and the next published overview lists it under "Uit de monitor". The forms saved
untouched change nothing; axe is clean at 390 and 1366 px; the screenshots in the docs."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from planning.models import Initiative
from projects.models import (
    Admission,
    Classification,
    ClassificationModel,
    Departure,
    ReportingPeriod,
    StatusReport,
)
from tests.e2e.test_phone import assert_no_axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def save(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def axe_at_both_widths(page) -> None:
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)


def values(model, **lookup) -> list[dict]:
    return list(model.objects.filter(**lookup).values())


def test_in_and_out_of_the_monitor(browser, live_server, demo, make_report):
    call_command("loaddemo_planning", stdout=io.StringIO())
    initiative = Initiative.objects.filter(programme__isnull=True).order_by("pk").first()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "coordinator")

    # Scored from the plan: every criterion at its highest answer.
    plan_url = f"/planning/{initiative.domain.plan.slug}/initiatief/{initiative.pk}/"
    page.goto(plan_url)
    page.get_by_role("link", name="Scoren met het classificatiemodel").click()
    for criterion in ClassificationModel.current().criteria.all():
        page.locator(f"#id_c{criterion.pk}").select_option(str(criterion.scale_max))
    page.locator("#id_note").fill("Raakt de hele dienstverlening.")
    axe_at_both_widths(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SHOTS / "admission-classification.png"), full_page=True)
    save(page, "Score opslaan")
    scoring = Classification.of(initiative).get()
    assert (scoring.score, scoring.admits) == (100, True)
    save(page, "Score opslaan")  # untouched: no second scoring
    assert Classification.of(initiative).count() == 1

    # Promoted, then admitted by the council.
    page.goto(plan_url)
    save(page, "Opnemen in de monitor als programma")
    page.get_by_role("link", name="Opname in de monitor").click()
    page.locator("#id_decision_body").select_option("council")
    page.locator("#id_decided_on").fill("2023-09-28")
    page.locator("#id_reference").fill("RV 2023-201")
    page.locator("#id_grounds").fill("Boven de drempel van het classificatiemodel.")
    axe_at_both_widths(page)
    save(page, "Opname opslaan")
    initiative.refresh_from_db()
    programme = initiative.programme
    admission = Admission.objects.get(programme=programme)
    assert (admission.reference, admission.classification) == ("RV 2023-201", scoring)
    before = values(Admission, pk=admission.pk)
    page.reload()
    save(page, "Opname opslaan")
    assert values(Admission, pk=admission.pk) == before

    # The next period's round has its report.
    page.goto("/beheer/periodes/nieuw/")
    page.locator("#id_label").fill("oktober 2023 t/m januari 2024")
    page.locator("#id_start").fill("2023-10-01")
    page.locator("#id_end").fill("2024-01-31")
    page.locator("#id_deadline").fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_load_state()
    last = ReportingPeriod.objects.get(label="oktober 2023 t/m januari 2024")
    assert StatusReport.objects.filter(programme=programme, period=last).exists()

    # It leaves as completed, with its evaluation.
    page.goto(f"/beheer/programma/{programme.pk}/vertrek/")
    page.locator("#id_reason").select_option("completed")
    page.locator("#id_last_period").select_option(str(last.pk))
    page.locator("#id_decided_on").fill("2024-02-15")
    page.locator("#id_lessons").fill("Eerder de gebruikers laten testen.")
    page.locator("#id_evaluated_on").fill("2024-05-01")
    axe_at_both_widths(page)
    save(page, "Vertrek opslaan")
    departure = Departure.objects.get(programme=programme)
    assert (departure.reason, departure.last_period) == ("completed", last)
    before = values(Departure, pk=departure.pk)
    page.reload()
    save(page, "Vertrek opslaan")
    assert values(Departure, pk=departure.pk) == before

    # The next published overview lists it under "Uit de monitor".
    following = ReportingPeriod.objects.create(
        label="februari t/m mei 2024",
        slug="2024-1",
        start=dt.date(2024, 2, 1),
        end=dt.date(2024, 5, 31),
        state=ReportingPeriod.State.PUBLISHED,
        published_at=dt.datetime(2024, 7, 1, tzinfo=dt.UTC),
    )
    make_report(admission.programme.__class__.objects.get(slug="adidas"), following)
    page.goto(f"/{following.slug}/")
    section = page.locator("section.left-monitor")
    assert "Uit de monitor" in section.inner_text()
    assert programme.name in section.inner_text()
    assert "afgerond" in section.inner_text()
    context.close()


def test_screenshots_of_the_drill_down_and_the_leaver(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/{demo.slug}/adidas/")
    section = page.locator("section.in-monitor")
    assert "Waarom in de monitor" in section.inner_text()
    assert "13 september 2022" in section.inner_text()
    section.screenshot(path=str(SHOTS / "admission-drill-down.png"))
    page.goto(f"/{demo.slug}/")
    left = page.locator("section.left-monitor")
    assert "Vervanging zaaksysteem" in left.inner_text()
    left.screenshot(path=str(SHOTS / "admission-left-overview.png"))
    axe_at_both_widths(page)
    left.get_by_role("link", name="Laatste rapportage").click()  # its history stays public
    assert page.locator("h1").inner_text().startswith("Vervanging zaaksysteem")
    context.close()
