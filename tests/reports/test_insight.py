"""The council's view beyond the lights (issue 22): cost picture, benefits, forecast drift and
the controller's assessment, checked against the demo and against pandas."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from django.utils import translation

from projects import demo_figures
from projects.calculations import cost_totals
from projects.models import BenefitStatus, CostSplit, ReportFigures, StatusReport
from reports.insight import benefit_counts, insight_context
from reports.pdf import programme_html, reports_for

pytestmark = pytest.mark.django_db

PUBLISHED = "februari t/m mei 2023"


@pytest.fixture
def dutch():
    with translation.override("nl"):
        yield


def _report(slug: str) -> StatusReport:
    return (
        StatusReport.objects.published()
        .select_related("period", "programme", "figures")
        .get(programme__slug=slug, period__label=PUBLISHED)
    )


def _months(start, end) -> float:
    """Whole and partial calendar months, independently of projects.calculations."""
    whole = (end.year - start.year) * 12 + end.month - start.month
    anchor = pd.Timestamp(start) + pd.DateOffset(months=whole)
    if anchor > pd.Timestamp(end):
        whole -= 1
        anchor = pd.Timestamp(start) + pd.DateOffset(months=whole)
    following = anchor + pd.DateOffset(months=1)
    fraction = (pd.Timestamp(end) - anchor).days / (following - anchor).days
    return math.floor((whole + fraction) * 10) / 10


@pytest.mark.parametrize("slug", sorted(demo_figures.FIGURES))
def test_demo_programme_figures_agree_with_pandas(demo, dutch, slug):
    report = _report(slug)
    context = insight_context(report)

    split = pd.DataFrame(
        CostSplit.objects.filter(report=report).values(
            "category", "initial_estimate", "current_estimate", "actual_to_date", "committed"
        )
    )
    totals = context["cost_totals"]
    assert (
        totals["current"]
        == split["current_estimate"].sum()
        == report.figures.forecast_at_completion
    )
    assert totals["actual"] == split["actual_to_date"].sum() == report.figures.spent_to_date
    assert totals["initial"] == split["initial_estimate"].sum()
    free = (split["current_estimate"] - split["committed"]).sum()
    assert totals["free"] == free
    missing = {"internal_staff", "external_staff", "outsourced", "other_material"} - set(
        split["category"]
    )
    assert sum(row.line is None for row in context["cost_rows"]) == len(missing)

    statuses = pd.DataFrame(BenefitStatus.objects.filter(report=report).values("status"))
    expected = statuses["status"].value_counts().to_dict()
    labels = dict(BenefitStatus._meta.get_field("status").choices)
    assert dict(context["benefit_counts"]) == {str(labels[k]): v for k, v in expected.items()}

    figures = pd.DataFrame(
        ReportFigures.objects.filter(
            report__programme=report.programme, report__in=StatusReport.objects.published()
        )
        .order_by("report__period__start")
        .values("forecast_at_completion", "forecast_end_date")
    )
    ends = pd.to_datetime(figures["forecast_end_date"])
    later = int((ends.diff() > pd.Timedelta(0)).sum())
    steps = len(ends) - 1
    money_chart, time_chart = context["drift_charts"]
    if later == 0 and (ends.diff().dropna() == pd.Timedelta(0)).all():
        assert "bleef in de laatste rapportage gelijk" in time_chart.summary
    elif later:
        months = _months(ends.iloc[0].date(), ends.iloc[-1].date())
        text = f"{months:g}".replace(".", ",")
        unit = "maand" if months <= 1 else "maanden"
        assert time_chart.summary == (
            f"De verwachte einddatum schoof in de laatste rapportage op, in totaal {text} {unit}."
            if steps == 1
            else time_chart.summary
        )
    forecasts = figures["forecast_at_completion"].astype(float)
    change = (forecasts.iloc[-1] - forecasts.iloc[0]) / forecasts.iloc[0] * 100
    if change == 0:
        assert money_chart.summary == "De prognose bleef sinds de start gelijk."
    else:
        size = math.floor(abs(change) * 10) / 10
        word = "steeg" if change > 0 else "daalde"
        shown = "minder dan 0,1" if size == 0 else f"{size:g}".replace(".", ",")
        assert money_chart.summary == f"De prognose {word} sinds de start met {shown} %."


def test_cost_totals_for_every_demo_report_with_pandas(demo):
    rows = pd.DataFrame(
        CostSplit.objects.values("report_id", "current_estimate", "actual_to_date", "committed")
    )
    by_report = rows.groupby("report_id").sum()
    for report_id, sums in by_report.iterrows():
        lines = [r.as_line() for r in CostSplit.objects.filter(report_id=report_id)]
        totals = cost_totals(lines)
        assert totals["current"] == sums["current_estimate"]
        assert totals["actual"] == sums["actual_to_date"]
        assert totals["committed"] == sums["committed"]
    assert len(by_report) >= 16  # every programme in both published periods, and the drafts


def test_drilldown_shows_cost_benefits_drift_and_differing_assessment(demo, client):
    page = client.get(f"/{demo.slug}/dgw/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Oordeel van de controller" in page
    assert "de controller ziet nog geen ruimte voor tegenvallers" in page
    assert "Kostenbeeld" in page and "Baten" in page
    for chart_id in ("cost-", "drift-"):
        assert f'aria-labelledby="{chart_id}' in page
    assert page.count("<title id=") == page.count('class="chart__table"') == 3
    sorga = client.get(f"/{demo.slug}/sorga/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "niet opgegeven" in sorga
    assert "Oordeel van de controller" not in sorga  # the controller agreed with every light


def test_assessment_hidden_when_the_setting_is_off(demo, client, settings):
    settings.PUBLISH_CONTROLLER_ASSESSMENT = False
    page = client.get(f"/{demo.slug}/dgw/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "de controller ziet nog geen ruimte" not in page
    assert insight_context(_report("dgw"))["assessments"] == []


def test_charts_are_identical_for_identical_data(demo):
    first, second = insight_context(_report("adidas")), insight_context(_report("adidas"))
    assert first["cost_chart"].svg == second["cost_chart"].svg
    assert [c.svg for c in first["drift_charts"]] == [c.svg for c in second["drift_charts"]]
    assert re.search(r"<title id=\"cost-[^\"]+-title\">", first["cost_chart"].svg)


def test_pdf_holds_the_assessment_and_the_drift_sentence(demo, dutch):
    report = _report("dgw")
    period = report.period
    reports = reports_for(period, preview=False)
    html = programme_html(
        period, next(r for r in reports if r.pk == report.pk), reports, preview=False
    )
    assert "de controller ziet nog geen ruimte voor tegenvallers" in html
    assert "De prognose daalde sinds de start" in html
    assert benefit_counts(report.benefit_statuses.all())


def test_overview_marks_the_programmes_the_controller_judges_otherwise(demo, client, settings):
    page = client.get(f"/{demo.slug}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert page.count('class="assessment-marker"') == 2
    assert "controller oordeelt anders: geld" in page
    assert "controller oordeelt anders: risico" in page
    settings.PUBLISH_CONTROLLER_ASSESSMENT = False
    from django.core.cache import caches

    caches["snapshots"].clear()
    page = client.get(f"/{demo.slug}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "assessment-marker" not in page
