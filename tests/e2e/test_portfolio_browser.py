"""Issue 23 in Chromium: the portfolio page reflows and passes axe; the letter form round-trips
and downloads."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from portfolio.models import CouncilLetter
from projects.models import StatusReport
from tests.e2e.test_form_round_trips import MOVING, changes, log_in
from tests.e2e.test_phone import assert_fits, assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 390, 1366])
def test_the_portfolio_page_reflows_and_passes_axe(browser, live_server, demo, width):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(demo.get_absolute_url())
        page.get_by_role("link", name="De hele portefeuille: totalen en wat veranderde").click()
        page.wait_for_url("**/portefeuille/")
        assert page.get_by_role("heading", level=1).inner_text().startswith("De portefeuille")
        assert_fits(page, width)
        if width != 320:  # WCAG reflow at 320; axe at the phone and the desktop width
            assert_no_axe_violations(page)
    finally:
        context.close()


def snapshot() -> dict:
    """Every row of the apps a letter could touch, field by field (``updated_at`` aside)."""
    rows = {}
    for label in ("projects", "reports", "portfolio"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for obj in model._base_manager.all():
                rows[(model.__name__, obj.pk)] = {
                    f.attname: getattr(obj, f.attname)
                    for f in model._meta.concrete_fields
                    if f.attname not in MOVING
                }
    return rows


def save_paragraphs(page) -> None:
    """Save the letter's paragraphs and wait until the server has answered and the page it
    leads to is shown. (``wait_for_load_state`` after the click returned at once, the form's
    page being loaded still, so the database was sometimes read before the save was done.)"""
    with (
        page.expect_navigation(),
        page.expect_response(lambda r: r.request.method == "POST") as posted,
    ):
        page.get_by_role("button", name="Alinea’s opslaan").click()
    assert posted.value.status == 302
    message = page.locator(".message--success")
    message.wait_for()
    assert message.inner_text() == "De alinea’s van de brief zijn opgeslagen."


def test_the_letter_form_round_trips_and_downloads(browser, live_server):
    call_command("loaddemo", "dordrecht", "--no-archive", stdout=io.StringIO())
    letter = CouncilLetter.objects.get(programme__slug="ict-beweegt")
    report = StatusReport.objects.filter(programme=letter.programme).first()
    page = log_in(browser, live_server, "coordinator")
    page.goto(f"/beheer/rapportage/{report.pk}/")
    page.get_by_role("link", name="Raadsinformatiebrief").click()
    page.wait_for_url("**/raadsinformatiebrief/")
    assert_no_axe_violations(page)

    before = snapshot()
    save_paragraphs(page)
    assert changes(before, snapshot()) == {}, "an untouched save changed data"

    page.get_by_label("Waarom het programma er is").fill("Waarom, in eigen woorden.")
    save_paragraphs(page)
    assert set(changes(before, snapshot())) == {
        ("CouncilLetter", letter.pk, "why"),
        ("CouncilLetter", letter.pk, "updated_by_id"),
    }
    for name, start in (("Download pdf", b"%PDF"), ("Download Word (.docx)", b"PK")):
        with page.expect_download() as download:
            page.get_by_role("button", name=name).click()
        with open(download.value.path(), "rb") as file:
            assert file.read(4).startswith(start)
