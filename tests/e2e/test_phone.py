"""Issue 13: a council member on a phone. Every page reflows to 320 px (WCAG 1.4.10) and a row's
lights stay beside its programme's name while the table scrolls; axe passes at phone widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from projects.management.commands.loaddemo import DEMO_PASSWORD
from projects.models import ReportingPeriod, StatusReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For every row of a table with lights: the name's box and the nearest light's box, both inside
# the viewport and side by side; then the same after scrolling the table to its far end.
ROWS_BESIDE_LIGHTS = """(selector) => {
  const vw = document.documentElement.clientWidth;
  const table = document.querySelector(selector);
  const scroller = table.closest('.table-scroll');
  const check = () => [...table.querySelectorAll('tbody tr')].map((row) => {
    const name = row.querySelector('th').getBoundingClientRect();
    const visible = [...row.querySelectorAll('td .light')].map((l) => l.getBoundingClientRect())
      .filter((l) => l.left >= name.right - 1 && l.right <= vw + 1);
    return {name: row.querySelector('th a').textContent.trim(),
            nameInside: name.left >= -1 && name.right <= vw + 1 && name.width > 40,
            lightBeside: visible.length > 0};
  });
  const before = check();
  scroller.scrollLeft = scroller.scrollWidth;
  const after = check();
  scroller.scrollLeft = 0;
  return {before, after};
}"""


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/beheer/**")


def assert_fits(page, width: int) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths == [width, width], (page.url, widths)


def assert_rows_keep_name_beside_lights(page, selector: str) -> None:
    result = page.evaluate(ROWS_BESIDE_LIGHTS, selector)
    assert len(result["before"]) >= 8
    for state in ("before", "after"):
        for row in result[state]:
            assert row["nameInside"] and row["lightBeside"], (page.url, state, row)


def assert_no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()


@pytest.mark.parametrize("width", [320, 390])
def test_pages_fit_a_phone_and_keep_names_beside_lights(browser, live_server, demo, width):
    open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    draft = StatusReport.objects.get(period=open_period, programme__slug="adidas")
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(demo.get_absolute_url())
        assert_fits(page, width)
        assert_rows_keep_name_beside_lights(page, "table.overview")
        assert_no_axe_violations(page)

        for slug in ("adidas", "rdi"):  # figures, trend and risk grid; a programme with tracks
            page.goto(f"{demo.get_absolute_url()}{slug}/")
            assert_fits(page, width)
        assert_no_axe_violations(page)

        log_in(page, "manager")
        page.goto(f"/beheer/rapportage/{draft.pk}/invullen/")
        assert_fits(page, width)
        assert_no_axe_violations(page)

        context.clear_cookies()
        log_in(page, "coordinator")
        page.goto(f"/beheer/rondebord/?period={open_period.slug}")
        assert_fits(page, width)
        assert_rows_keep_name_beside_lights(page, "table.board")
        assert_no_axe_violations(page)
    finally:
        context.close()
