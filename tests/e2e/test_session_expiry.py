"""A manager whose session expired while typing keeps her input: the htmx check says so in
place, Save leads to the login and then to one button that sends the kept input (issue 11)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from tests.e2e.test_reporting_round import log_in
from tests.workflow_data import build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_input_typed_before_the_session_expired_is_stored_after_logging_in_again(
    browser, live_server, make_programme, make_period
):
    round_ = build_round(make_programme, make_period)
    # The first request of a fresh live server can be slow on a busy machine.
    warm = browser.new_context(base_url=live_server.url)
    warm.new_page().goto("/accounts/login/", timeout=60_000)
    warm.close()
    page = log_in(browser, live_server, round_.manager.username)
    page.goto(f"/beheer/rapportage/{round_.report.pk}/invullen/")
    page.locator("#id_developments").fill("Een uur lang getypt.")
    Session.objects.all().delete()  # what the expiry does on the server
    page.locator("#aspect-time label.rating-choice").filter(has_text="Rood").click()
    message = page.locator("#check-time .message")
    message.wait_for()
    assert "Uw sessie is verlopen" in message.inner_text()
    assert page.locator("#id_developments").input_value() == "Een uur lang getypt."
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_url("**/login/**")
    assert "wat u hebt ingevuld is bewaard" in page.locator(".messages").inner_text()
    page.get_by_label("Gebruikersnaam").fill("mila")
    page.get_by_label("Wachtwoord").fill("test-pass-4711")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/hervatten/")
    page.get_by_role("button", name="Opnieuw versturen").click()
    page.wait_for_load_state("networkidle")
    round_.report.refresh_from_db()
    assert round_.report.developments == "Een uur lang getypt."
