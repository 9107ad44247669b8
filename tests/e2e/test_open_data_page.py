"""The open-data page in Chromium: Dutch, reflows to 320 px, axe clean; the screenshot in the
docs is taken from it."""

from pathlib import Path

import pytest

from .test_phone import assert_fits, assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "open-data.png"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_open_data_page_reflows_and_passes_axe(browser, live_server, demo, width):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto("/open-data/")
        assert page.get_by_role("heading", level=1).inner_text() == "Open data"
        page.get_by_text("De tabellen als losse CSV-bestanden").first.click()
        assert_fits(page, width)
        assert_no_axe_violations(page)
        if width == 1280:
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        with page.expect_download() as download:
            page.get_by_role("link", name="mip-februari-tm-mei-2023.xlsx").click()
        assert download.value.suggested_filename == "mip-februari-tm-mei-2023.xlsx"
    finally:
        context.close()
