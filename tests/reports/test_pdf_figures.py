"""Figures in the PDF, and the figures of a published period staying as they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import (
    BaselineDecision,
    FrozenReportError,
    MilestoneSnapshot,
    ReportFigures,
    ReportingPeriod,
    Risk,
    RiskSnapshot,
    capture_figures,
    loading_history,
)
from reports.pdf import period_html
from reports.publication import publish_period
from tests.factory import make_frame
from tests.reports.test_pdf import body_text, get_pdf, page_texts, period_pdf_url, same_words

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def published(make_period, make_report):
    """A period published with one report whose figures were captured before publication."""
    period = make_period("juni t/m september 2023", state=ReportingPeriod.State.IN_REVIEW)
    report = make_report(period=period, money_rating="red", money_explanation="Meerkosten.")
    programme = report.programme
    frame = make_frame(
        programme,
        decided_on=dt.date(2021, 1, 1),
        reference="RV 2021/17",
        milestone="Livegang zaaksysteem",
        baseline_date=dt.date(2023, 12, 31),
        forecast_date=dt.date(2024, 2, 29),
        risk="Verloop in het team",
        likelihood=3,
    )
    milestone, risk = frame.milestone, frame.risk
    ReportFigures.objects.create(
        report=report,
        forecast_at_completion=Decimal("1120000"),
        spent_to_date=Decimal("600000"),
        forecast_end_date=dt.date(2024, 2, 29),
    )
    capture_figures(report)
    publish_period(period, by=None)
    return period, report, milestone, risk


def change_figures_afterwards(report, milestone, risk) -> None:
    programme = report.programme
    BaselineDecision.objects.create(
        programme=programme,
        decided_on=dt.date(2023, 11, 1),
        decided_by="College van B en W",
        budget=Decimal("1500000"),
        end_date=dt.date(2024, 6, 30),
    )
    milestone.name, milestone.forecast_date = "Livegang (herijkt)", dt.date(2024, 9, 30)
    milestone.save()
    risk.likelihood = risk.impact = 5
    risk.save()
    Risk.objects.create(programme=programme, title="Nieuw risico", likelihood=2, impact=2)


def test_period_pdf_shows_figures_per_programme(client, published):
    period, _report, _milestone, _risk = published
    text = same_words(body_text(page_texts(get_pdf(client, period_pdf_url(period)))))
    for expected in (
        "Cijfers",
        "Oorspronkelijk budget € 1.000.000",
        "Prognose bij afronding € 1.120.000",
        "+12,0 % (+€ 120.000)",
        "Livegang zaaksysteem",
        "Verwacht later",
        "Verloop in het team",
        "kans 3 × impact 4 = 12",
        "Kans × impact",
    ):
        assert same_words(expected) in text, expected


def test_published_pdf_does_not_change_when_figures_change_afterwards(client, published):
    period, report, milestone, risk = published
    archived = get_pdf(client, period_pdf_url(period))
    html_before = period_html(period)
    programme_url = reverse("reports:programme_pdf", args=[period.slug, report.programme.slug])
    programme_before = body_text(page_texts(get_pdf(client, programme_url)))
    assert "Livegang zaaksysteem" in programme_before

    change_figures_afterwards(report, milestone, risk)

    assert get_pdf(client, period_pdf_url(period)) == archived
    assert period_html(period) == html_before  # what a fresh rendering would print
    assert body_text(page_texts(get_pdf(client, programme_url))) == programme_before


def test_figures_of_a_published_report_are_frozen_in_the_model_layer(published):
    _period, report, _milestone, _risk = published
    figures = ReportFigures.objects.get(report=report)
    figures.forecast_at_completion = Decimal("1")
    with pytest.raises(FrozenReportError):
        figures.save()
    with pytest.raises(ValidationError):  # forms and the admin call full_clean() first
        figures.full_clean()
    with pytest.raises(FrozenReportError):
        ReportFigures.objects.filter(report=report).update(spent_to_date=Decimal("1"))
    with pytest.raises(FrozenReportError):
        MilestoneSnapshot.objects.filter(report=report).delete()
    with pytest.raises(FrozenReportError):
        RiskSnapshot.objects.get(report=report).delete()
    with pytest.raises(FrozenReportError):
        RiskSnapshot.objects.bulk_create(
            [RiskSnapshot(report=report, title="Achteraf", likelihood=1, impact=1)]
        )
    assert ReportFigures.objects.get(report=report).forecast_at_completion == Decimal("1120000")
    # Loading history (demo data, imports of past periods) is the one way in.
    with loading_history():
        ReportFigures.objects.filter(report=report).update(spent_to_date=Decimal("1"))


def test_period_pdf_fetches_figures_once_not_per_programme(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.pdf import period_html

    with CaptureQueriesContext(connection) as queries:
        html = period_html(demo)
    assert "Mijlpalen" in html
    sql = [q["sql"] for q in queries.captured_queries]
    for table in ("projects_milestonesnapshot", "projects_risksnapshot", "reports_"):
        per_table = [q for q in sql if f'FROM "{table}' in q]
        assert len(per_table) <= 1, (table, len(per_table))
    assert len(sql) <= 20, len(sql)
