"""What the drill-down and the PDF show beyond the lights (issue 22): the cost picture, the
re-baselines per reason, the benefits, the forecast drift and the controller's assessment.

Built from the report's frozen rows and the programme's published figures (one query for the
drift, whatever the number of periods); the charts come from the one chart module ``charts``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from charts import PALETTE, Chart, Series, bar_chart, line_chart
from projects.calculations import (
    CostLine,
    ForecastPoint,
    cost_totals,
    end_date_drift_sentence,
    forecast_drift_sentence,
)
from projects.choices import Aspect, Rating
from projects.models import (
    REBASELINE_REASONS,
    BenefitState,
    CostCategory,
    ReportFigures,
    StatusReport,
    assessment_record,
)


@dataclass(frozen=True)
class CostRow:
    """One category in the table beside the bars; ``line`` is None when not given."""

    label: str
    line: CostLine | None


@dataclass(frozen=True)
class AssessmentRow:
    aspect: str
    manager: Rating | None
    controller: Rating
    note: str


def euros(value: float | Decimal) -> str:
    return "€ " + formats.number_format(Decimal(str(value)), 0, use_l10n=True, force_grouping=True)


def _millions(value: float) -> str:
    """ "€ 2 mln", "€ 6,7 mln": short enough for the axis, one decimal where it tells."""
    millions = (Decimal(str(value)) / 1_000_000).quantize(Decimal("0.1"))
    places = 0 if millions == millions.to_integral_value() else 1
    return f"€ {formats.number_format(millions, places, use_l10n=True)} mln"


def _month(value: float) -> str:
    try:
        return formats.date_format(dt.date.fromordinal(max(int(value), 1)), "M Y")
    except (ValueError, OverflowError):
        return ""


def cost_rows(report: StatusReport) -> list[CostRow]:
    """Every Rijks category in order, given or not."""
    given = {row.category: row.as_line() for row in report.cost_split.all() if not row.is_empty}
    return [CostRow(str(label), given.get(value)) for value, label in CostCategory.choices]


def cost_chart(report: StatusReport, rows: list[CostRow], chart_id: str) -> Chart | None:
    if not any(row.line for row in rows):
        return None
    columns = [
        ("initial", _("initial estimate"), PALETTE["muted"]),
        ("current", _("current estimate"), PALETTE["brand"]),
        ("actual", _("actual to date"), PALETTE["ink"]),
    ]
    series = [
        Series(label, [getattr(r.line, name) if r.line else None for r in rows], colour)
        for name, label, colour in columns
    ]
    given = [r.label for r in rows if r.line]
    return bar_chart(
        chart_id=chart_id,
        title=_("Cost per category"),
        summary=_("Initial estimate, current estimate and actual spending to date for %(given)s.")
        % {"given": ", ".join(given)},
        categories=[r.label for r in rows],
        series=series,
        value_format=_millions,
        first_column=_("Category"),
    )


def drift_points(report: StatusReport, *, published_only: bool = True) -> list[ReportFigures]:
    """The programme's figures per period up to this report's: one query."""
    found = drift_points_by_programme([report.programme_id], report.period, published_only)
    return found.get(report.programme_id, [])


def drift_points_by_programme(
    programme_ids, period, published_only: bool = True
) -> dict[int, list[ReportFigures]]:
    """The figures per period up to ``period`` of several programmes, in one query: the
    period PDF prints every programme's drift without a query per programme."""
    figures = ReportFigures.objects.filter(
        report__programme_id__in=programme_ids, report__period__start__lte=period.start
    )
    if published_only:
        figures = figures.filter(report__in=StatusReport.objects.published())
    found: dict[int, list[ReportFigures]] = {}
    for item in figures.select_related("report__period").order_by("report__period__start"):
        found.setdefault(item.report.programme_id, []).append(item)
    return found


def _series(points: list[ReportFigures], names: tuple[str, str, str], convert) -> list[Series]:
    """The forecast, the original and the current baseline: marker, line style and label
    tell them apart, the current baseline dashed."""
    labels = {
        "forecast_at_completion": _("forecast at completion"),
        "original_budget": _("original budget"),
        "current_budget": _("current budget"),
        "forecast_end_date": _("forecast end date"),
        "original_end_date": _("original end date"),
        "current_end_date": _("current end date"),
    }
    styles = [(PALETTE["brand"], False), (PALETTE["muted"], False), (PALETTE["ink"], True)]
    series = [
        Series(labels[name], [convert(getattr(f, name)) for f in points], colour, dashed)
        for name, (colour, dashed) in zip(names, styles, strict=True)
    ]
    forecast, original, current = series
    if original.values == current.values:  # never re-baselined: one line, one label
        return [forecast, Series(_("baseline (not re-baselined)"), original.values, *styles[2])]
    return series


def drift_charts(points: list[ReportFigures], chart_id: str) -> list[Chart]:
    """The forecast at completion and the forecast end date per period, each against the
    original and the current baseline as that report recorded them; the sentence of
    ``projects.calculations`` is each chart's summary."""
    labels = [f.report.period.label for f in points]
    sequence = [
        ForecastPoint(label, f.forecast_at_completion, f.forecast_end_date)
        for label, f in zip(labels, points, strict=True)
    ]
    kinds = [  # the least axis span: € 1 million; a year of days
        (
            "money",
            _series(points, ("forecast_at_completion", "original_budget", "current_budget"), _f),
            _("Forecast at completion per report"),
            forecast_drift_sentence(sequence),
            _millions,
            1_000_000,
        ),
        (
            "time",
            _series(points, ("forecast_end_date", "original_end_date", "current_end_date"), _d),
            _("Forecast end date per report"),
            end_date_drift_sentence(sequence),
            _month,
            366,
        ),
    ]
    return [
        line_chart(
            chart_id=f"{chart_id}-{suffix}",
            title=title,
            summary=summary,
            x_labels=labels,
            series=series,
            y_format=fmt,
            first_column=_("Reporting period"),
            y_min_span=span,
        )
        for suffix, series, title, summary, fmt, span in kinds
        if any(v is not None for v in series[0].values)
    ]


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _d(value: dt.date | None) -> float | None:
    return None if value is None else float(value.toordinal())


def rebaseline_counts(figures: ReportFigures | None) -> list[tuple[str, int]]:
    """Re-baselines over the programme's life per reason category, from the report's frozen
    decision history; categories without one are left out, "not given" last."""
    if figures is None:
        return []
    counts = Counter(
        d.get("reason_category", "") for d in figures.decisions if d["kind"] != "original"
    )
    rows = [(str(label), counts[value]) for value, label in REBASELINE_REASONS if counts[value]]
    if counts[""]:
        rows.append((_("no reason category given"), counts[""]))
    return rows


def benefit_counts(statuses) -> list[tuple[str, int]]:
    counts = Counter(s.status for s in statuses)
    return [(str(label), counts[value]) for value, label in BenefitState.choices if counts[value]]


def assessment_rows(report: StatusReport) -> list[AssessmentRow]:
    """The controller's differing lights: for a published report as recorded at publication,
    else as they stand; none when the municipality does not publish them."""
    if not settings.PUBLISH_CONTROLLER_ASSESSMENT:
        return []
    if report.period.is_published:
        record = (report.programme_at_publication or {}).get("controller_assessment", [])
    else:
        record = assessment_record(report)
    return [
        AssessmentRow(
            str(Aspect(item["aspect"]).label),
            Rating(item["manager"]) if item["manager"] else None,
            Rating(item["controller"]),
            item["note"],
        )
        for item in record
    ]


def insight_context(
    report: StatusReport, *, published_only: bool = True, drift: dict | None = None
) -> dict:
    """Everything ``reports/insight.html`` shows for one report; ``drift`` as from
    ``drift_points_by_programme`` when the caller fetched it for many reports at once."""
    chart_id = f"{report.period.slug}-{report.programme.slug}"
    try:
        figures = report.figures
    except ReportFigures.DoesNotExist:
        figures = None
    rows = cost_rows(report)
    lines = [r.line for r in rows if r.line]
    statuses = list(report.benefit_statuses.all())
    if drift is None:
        points = drift_points(report, published_only=published_only)
    else:
        points = drift.get(report.programme_id, [])
    return {
        "cost_rows": rows,
        "cost_totals": cost_totals(lines) if lines else None,
        "cost_chart": cost_chart(report, rows, f"cost-{chart_id}"),
        "rebaseline_counts": rebaseline_counts(figures),
        "benefits": statuses,
        "benefit_counts": benefit_counts(statuses),
        "drift_charts": drift_charts(points, f"drift-{chart_id}"),
        "assessments": assessment_rows(report),
    }
