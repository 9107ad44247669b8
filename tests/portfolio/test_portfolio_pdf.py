"""Issue 23: the period PDF has the portfolio section, and its contents page lists it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from portfolio.data import portfolio
from reports.pdf import period_html, render_period_pdf
from tests.reports.test_pdf import page_texts, squash


@pytest.mark.django_db
def test_the_period_pdf_lists_and_holds_the_portfolio_section(demo):
    texts = page_texts(render_period_pdf(demo))
    contents = squash(texts[1])
    assert contents.startswith("Inhoud")
    found = re.search(r"De portefeuille in één oogopslag[ .]+(\d+)", contents)
    assert found, contents
    page = squash(texts[int(found.group(1)) - 1])  # the page the contents page names
    assert page.startswith("De portefeuille in één oogopslag")
    shown = portfolio(demo)
    assert "Totalen van alle programma’s" in page
    assert "€ 102.200.000" in page  # the current budget total, as on the page
    assert shown.totals[1].now == Decimal("102200000")


@pytest.mark.django_db
def test_a_concept_preview_has_no_portfolio_section(demo):
    """The portfolio is the published record: a concept has none to show."""
    from projects.models import ReportingPeriod

    open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    assert "De portefeuille in één oogopslag" not in period_html(open_period, preview=True)
    assert "De portefeuille in één oogopslag" in period_html(demo)
