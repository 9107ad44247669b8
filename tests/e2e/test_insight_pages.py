"""Issue 22's drill-down sections in headless Chromium: every demo chart renders with its
title, summary and data table, and axe finds no violation at phone and desktop widths."""

from __future__ import annotations

import pytest

from projects import demo_figures

from .test_public_browse import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_demo_chart_renders_with_title_summary_and_table(page, demo):
    for slug in demo_figures.FIGURES:
        page.goto(f"/{demo.slug}/{slug}/")
        charts = page.locator("section.insight-all figure.chart")
        assert charts.count() == 3, slug  # cost bars, forecast and end date drift
        for index in range(charts.count()):
            chart = charts.nth(index)
            svg = chart.locator("svg.chart__svg")
            assert svg.bounding_box()["height"] > 50, slug
            assert svg.locator("title").text_content(), slug
            assert svg.locator("desc").text_content() in chart.locator("figcaption").inner_text()
            assert chart.locator("table.chart__table tbody tr").count() >= 2, slug


@pytest.mark.parametrize("width", [390, 1366])
def test_drill_down_with_assessment_has_no_axe_violation(page, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/{demo.slug}/dgw/")
    page.locator(".insight--assessment").wait_for()
    assert_no_axe_violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
