"""Two browser tabs on one report in headless Chromium: changes merge, a true conflict is chosen.

The programme has one manager, so the two people are the manager in two browser contexts
(two windows, each with its own session), as happens with a laptop and a desktop.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from django.urls import reverse

from projects.models import ReportFigures, StatusReport
from tests.e2e.test_reporting_round import log_in
from tests.projects.test_workflow import FILLED
from tests.workflow_data import build_round

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(page) -> None:
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_load_state()


def test_two_tabs_merge_and_a_true_conflict_is_chosen(
    browser, live_server, make_programme, make_period
):
    round_ = build_round(make_programme, make_period)
    report = StatusReport.objects.get(pk=round_.report.pk)
    for name, value in FILLED.items():
        setattr(report, name, value)
    report.save()
    url = reverse("projects:edit", args=[report.pk])
    a = log_in(browser, live_server, round_.manager.username)
    b = log_in(browser, live_server, round_.manager.username)
    a.goto(url)
    b.goto(url)

    # B changes the forecast and the time explanation and saves; A then the quality text.
    b.locator("#id_forecast_at_completion").fill("1250000")
    b.locator("#id_time_explanation").fill("De leverancier levert in maart.")
    save(b)
    assert "Concept opgeslagen" in b.locator(".messages").inner_text()
    a.locator("#id_quality_explanation").fill("De acceptatietest is geslaagd.")
    save(a)
    notice = a.locator(".messages").inner_text()
    assert "Intussen wijzigde Mila Manager deze rapportage" in notice, notice
    assert "Toelichting tijd" in notice

    saved = StatusReport.objects.get(pk=report.pk)
    assert saved.quality_explanation == "De acceptatietest is geslaagd."
    assert saved.time_explanation == "De leverancier levert in maart."
    assert ReportFigures.objects.get(report=report).forecast_at_completion == D("1250000")

    # Both change the outlook: A sees both versions side by side and chooses per field.
    a.goto(url)
    b.goto(url)
    b.locator("#id_developments").fill("Tekst van B: de aanbesteding is gegund.")
    b.locator("#id_risk_explanation").fill("Van B: geen nieuwe risico's.")
    save(b)
    a.locator("#id_developments").fill("Tekst van A: de aanbesteding loopt nog.")
    save(a)
    conflict = a.locator("section.conflict")
    conflict.wait_for()
    row = conflict.locator("tr.conflict__row", has_text="Actuele ontwikkelingen")
    assert "Tekst van A: de aanbesteding loopt nog." in row.locator("td").nth(0).inner_text()
    assert "Tekst van B: de aanbesteding is gegund." in row.locator("td").nth(1).inner_text()
    # B's other change is already in A's form; nothing is stored until A chooses.
    assert a.locator("#id_risk_explanation").input_value() == "Van B: geen nieuwe risico's."
    assert StatusReport.objects.get(pk=report.pk).developments.startswith("Tekst van B")

    save(a)  # without choosing: asked again
    assert "Kies voor elk veld" in a.locator("section.conflict").inner_text()
    a.locator("tr.conflict__row", has_text="Actuele ontwikkelingen").get_by_label(
        "hun versie"
    ).check()
    save(a)
    # Their version of the one field A changed: what is stored already, so nothing is written.
    assert "niets opgeslagen" in a.locator(".messages").inner_text()
    saved = StatusReport.objects.get(pk=report.pk)
    assert saved.developments == "Tekst van B: de aanbesteding is gegund."
    assert saved.risk_explanation == "Van B: geen nieuwe risico's."
    assert saved.quality_explanation == "De acceptatietest is geslaagd."

    # And once more, keeping A's own text this time.
    b.goto(url)
    b.locator("#id_developments").fill("Tekst van B, tweede keer.")
    save(b)
    a.locator("#id_developments").fill("Tekst van A, tweede keer.")
    save(a)
    a.locator("tr.conflict__row", has_text="Actuele ontwikkelingen").get_by_label(
        "mijn versie"
    ).check()
    save(a)
    assert StatusReport.objects.get(pk=report.pk).developments == "Tekst van A, tweede keer."
    a.context.close()
    b.context.close()


def test_saving_again_without_a_choice_keeps_the_other_persons_text(
    browser, live_server, make_programme, make_period
):
    """Issue 18, item 3: after a conflict, "Opslaan als concept" without choosing keeps the
    panel and the other person's text in "Versie van de ander"; "hun versie" then stores
    exactly that visible text."""
    round_ = build_round(make_programme, make_period)
    report = StatusReport.objects.get(pk=round_.report.pk)
    url = reverse("projects:edit", args=[report.pk])
    a = log_in(browser, live_server, round_.manager.username)
    b = log_in(browser, live_server, round_.manager.username)
    a.goto(url)
    b.goto(url)
    theirs, mine = "Tekst van B: de aanbesteding is gegund.", "Tekst van A: nog niet gegund."
    b.locator("#id_developments").fill(theirs)
    save(b)
    a.locator("#id_developments").fill(mine)
    save(a)

    def columns() -> tuple[str, str]:
        row = a.locator("tr.conflict__row", has_text="Actuele ontwikkelingen")
        return row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text()

    headings = a.locator("section.conflict thead").inner_text()
    assert "Versie van de ander" in headings
    assert columns() == (mine, theirs)

    for _attempt in range(2):  # without choosing, twice: the panel and both texts stay
        save(a)
        assert "Kies voor elk veld" in a.locator("section.conflict").inner_text()
        assert columns() == (mine, theirs)
        assert a.locator("#id_developments").input_value() == mine
    a.locator("section.conflict").screenshot(path=SCREENSHOTS / "conflict-second-save.png")
    assert StatusReport.objects.get(pk=report.pk).developments == theirs  # nothing saved

    visible = columns()[1]
    a.locator("tr.conflict__row", has_text="Actuele ontwikkelingen").get_by_label(
        "hun versie"
    ).check()
    save(a)
    assert a.locator("section.conflict").count() == 0
    assert StatusReport.objects.get(pk=report.pk).developments == visible == theirs
    a.context.close()
    b.context.close()
