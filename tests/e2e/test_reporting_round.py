"""A whole reporting round in headless Chromium: enter, return, fix, approve, publish, read."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from projects.models import StatusReport
from tests.workflow_data import PASSWORD, build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()


def log_in(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    assert page.locator("h1").inner_text() == "Inloggen"
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/beheer/**")  # each role lands on its own task
    return page


def test_a_whole_round(browser, live_server, make_programme, make_period):
    round_ = build_round(make_programme, make_period)
    # Only Sorga is in this round's monitor; ADIDAS is excluded later by the coordinator.

    # The manager fills in the four aspects; a red light without text is caught inline.
    page = log_in(browser, live_server, round_.manager.username)
    page.get_by_role("link", name="Invullen Sorga").click()
    page.wait_for_url("**/invullen/")
    for aspect in ("quality", "risk"):
        page.locator(f"#aspect-{aspect} label.rating-choice").filter(has_text="Groen").click()
    page.locator("#aspect-money label.rating-choice").filter(has_text="Oranje").click()
    page.locator("#id_time_explanation").fill("")
    page.locator("#aspect-time label.rating-choice").filter(has_text="Rood").click()
    error = page.locator("#check-time .field-error")
    error.wait_for()
    assert "Een toelichting is verplicht als tijd op rood staat." in error.inner_text()
    assert_no_axe_violations(page)
    page.locator("#id_time_explanation").fill("De koppeling met het zaaksysteem is vertraagd.")
    page.locator("#id_developments").click()  # leaving the field re-checks it
    error.wait_for(state="detached")
    page.locator("#id_developments").fill("De nieuwe module is live.")
    page.get_by_role("button", name="Indienen bij projectcontroller").click()
    page.wait_for_url("**/beheer/")
    assert "Ingediend bij de projectcontroller." in page.locator(".messages").inner_text()
    page.context.close()

    # The controller returns it with a comment.
    page = log_in(browser, live_server, round_.controller.username)
    page.get_by_role("link", name="Beoordelen", exact=True).click()
    page.get_by_role("link", name="Beoordelen Sorga").click()
    assert page.locator(".review-table ins").count() > 0  # text changes are highlighted
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Terugsturen naar programmamanager").click()
    assert "Geef aan wat er moet veranderen" in page.locator("#comment-error").inner_text()
    page.get_by_label("Commentaar voor de programmamanager").fill("Geld moet rood zijn.")
    page.get_by_role("button", name="Terugsturen naar programmamanager").click()
    page.wait_for_url("**/beheer/beoordelen/")
    page.context.close()

    # The manager sees the comment, fixes and resubmits.
    page = log_in(browser, live_server, round_.manager.username)
    page.get_by_role("link", name="Aanpassen Sorga").click()
    assert "Geld moet rood zijn." in page.locator(".callout--returned").inner_text()
    page.locator("#aspect-money label.rating-choice").filter(has_text="Rood").click()
    page.get_by_role("button", name="Indienen bij projectcontroller").click()
    page.wait_for_url("**/beheer/")
    page.context.close()

    # The controller approves.
    page = log_in(browser, live_server, round_.controller.username)
    page.goto("/beheer/beoordelen/")
    page.get_by_role("link", name="Beoordelen Sorga").click()
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_url("**/beheer/beoordelen/")
    page.context.close()
    assert StatusReport.objects.get(pk=round_.report.pk).state == "approved"

    # The coordinator excludes ADIDAS (not reported) with a reason and publishes.
    page = log_in(browser, live_server, round_.coordinator.username)
    page.get_by_role("link", name="Rondebord", exact=True).click()
    page.wait_for_url("**/rondebord/")
    assert_no_axe_violations(page)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_label("concept (1)").check()  # the board filters in place (htmx)
    page.wait_for_url("**state=draft**")
    page.wait_for_function("document.querySelectorAll('#board-table tbody tr').length === 1")
    assert "ADIDAS" in page.locator("#board-table").inner_text()
    page.get_by_role("button", name="Publiceren").click()
    assert "Nog niet: ADIDAS" in page.locator(".messages").inner_text()
    page.locator("summary").filter(has_text="Uitsluiten").click()
    page.get_by_label("Reden voor uitsluiting (staat in de publicatie)").fill(
        "ADIDAS is stilgelegd in afwachting van een besluit."
    )
    page.get_by_role("button", name="Uitsluiten van publicatie").click()
    page.get_by_role("button", name="Publiceren").click()
    # Publication runs in the background; the board shows its outcome (the task backend of the
    # tests runs it at once, so it is already done).
    page.wait_for_url(f"**/rondebord/?period={round_.period.slug}")
    assert "Publicatie gestart" in page.locator(".messages").inner_text()
    assert "gearchiveerd" in page.locator("#publication-status").inner_text()
    page.locator("#publication-status").get_by_role("link").click()
    page.wait_for_url(f"**/{round_.period.slug}/")
    assert "Deze periode publiceren?" in asked[-1]  # irreversible: the coordinator is asked first
    page.context.close()

    # An anonymous visitor reads the new lights on the public overview.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.goto("/")
    assert page.locator("h1").inner_text() == "Juni t/m september 2023"
    row = page.locator("table.overview tbody tr").filter(has_text="Sorga")
    current = row.locator("td.overview__light:not(.overview__light--previous)")
    assert [current.nth(i).inner_text().strip() for i in range(4)] == [
        "Groen",
        "Rood",
        "Rood",
        "Groen",
    ]
    assert page.locator("table.overview tbody tr").filter(has_text="ADIDAS").count() == 0
    assert "ADIDAS is stilgelegd" in page.locator(".excluded").inner_text()
    context.close()
