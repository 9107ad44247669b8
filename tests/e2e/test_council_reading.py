"""Issue 18, items 11 and 12: the council member on a phone and on paper.

At 320 and 390 px the review page's scrolling table can be reached by keyboard (axe's serious
``scrollable-region-focusable``), the drill-down's status table keeps its headings apart, and the
trend table shows every aspect. Printed, links never show a relative address and closed
"Vorige toelichting" sections print open.
"""

import re

import pytest

from projects.models import ReportingPeriod, StatusReport

from .test_phone import assert_no_axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every header cell of the table: does its content overflow its own box (and so overlap the
# next cell)? Chromium measures the overflow as scrollWidth beyond clientWidth.
HEADERS_OVERFLOWING = """(selector) => [...document.querySelectorAll(selector + ' thead th')]
  .filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent.trim())"""

# The trend table's column headings: each one's right edge inside the viewport?
HEADINGS_OUT_OF_VIEW = """() => {
  const vw = document.documentElement.clientWidth;
  return [...document.querySelectorAll('.trend-table thead th')]
    .filter((th) => th.getBoundingClientRect().right > vw + 1).map((th) => th.textContent.trim());
}"""


def phone(browser, live_server, width: int):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.mark.parametrize("width", [320, 390])
def test_the_review_table_scrolls_by_keyboard_on_a_phone(browser, live_server, demo, width):
    open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    report = StatusReport.objects.get(period=open_period, programme__slug="adidas")
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "red")
        setattr(report, f"{aspect}_explanation", "Vertraagd door de aanbesteding.")
    report.save()
    report.submit(by=report.programme.manager)
    context, page = phone(browser, live_server, width)
    try:
        log_in(page, "controller")
        page.goto(f"/beheer/rapportage/{report.pk}/beoordelen/")
        region = page.locator("#main > .table-scroll")
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label")
        assert_no_axe_violations(page)
    finally:
        context.close()


def test_the_drill_down_keeps_its_headings_apart_and_shows_every_aspect_at_320(
    browser, live_server, demo
):
    context, page = phone(browser, live_server, 320)
    try:
        page.goto(f"{demo.get_absolute_url()}adidas/")
        page.screenshot(path="/tmp/council-drill-down-320.png", full_page=True)
        assert page.evaluate(HEADERS_OVERFLOWING, ".lights-table") == []
        table, section = page.evaluate(
            """() => [document.querySelector('.lights-table').getBoundingClientRect().right,
                      document.querySelector('.lights-compare').getBoundingClientRect().right]"""
        )
        assert table <= section + 1
        assert page.locator(".trend-table thead th").count() == 5
        assert page.evaluate(HEADINGS_OUT_OF_VIEW) == []
    finally:
        context.close()


def test_print_shows_no_relative_address_and_opens_closed_sections(page, demo):
    page.goto(f"{demo.get_absolute_url()}adidas/")
    details = page.locator("details.change__previous")
    assert details.count() > 0
    body = details.first.locator(".prose")
    assert not body.is_visible()  # closed on screen
    page.emulate_media(media="print")
    assert body.is_visible()
    assert body.bounding_box()["height"] > 10
    printed = page.evaluate(
        """() => [...document.querySelectorAll('main a')].map(
             (a) => getComputedStyle(a, '::after').content)"""
    )
    relative = [c for c in printed if re.search(r"\(/", c)]
    assert relative == [], relative
    absolute = [c for c in printed if "http" in c]
    text = page.locator("main").inner_text()
    assert not re.search(r"\(/[a-z0-9-]+/", text)
    page.pdf(path="/tmp/council-print.pdf")
    # An external link anywhere on the page prints its address. (Counted on the links
    # themselves: the inline SVG charts carry http:// namespace URIs that are no links.)
    external = page.evaluate(
        """() => [...document.querySelectorAll('a[href^="http"], area[href^="http"]')].map(
             (a) => a.getAttribute('href'))"""
    )
    assert absolute or not external, external
