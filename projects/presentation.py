"""What the figure partials show, built once for the drill-down, the review page and the PDF.

Views and the PDF import this; models never do.
"""

from __future__ import annotations

from dataclasses import dataclass

from .calculations import compare_reports, score_level
from .choices import Aspect, Rating
from .models import ReportFigures, RiskSnapshot, RiskState, SignalThresholds, StatusReport

# --- Presentation helpers shared by the drill-down, the review page and the PDF ----------------


@dataclass(frozen=True)
class GridCell:
    likelihood: int
    impact: int
    risks: list[tuple[int, RiskSnapshot]]

    @property
    def level(self) -> str:
        return score_level(self.likelihood * self.impact)


def risk_grid(numbered_risks: list[tuple[int, RiskSnapshot]]) -> list[list[GridCell]]:
    """Rows of the 5×5 grid, likelihood 5 at the top, impact 1 to 5 from left to right."""
    rows = []
    for likelihood in range(5, 0, -1):
        row = []
        for impact in range(1, 6):
            here = [
                (n, r)
                for n, r in numbered_risks
                if (r.likelihood, r.impact) == (likelihood, impact)
            ]
            row.append(GridCell(likelihood, impact, here))
        rows.append(row)
    return rows


TOP_RISKS = 5


def figures_context(
    report: StatusReport, *, published_only: bool = True, include_trend: bool = True
) -> dict:
    """Everything the figure partials in ``components/figures.html`` need, for one report.

    The drill-down, the review page and the PDF all call this, so they show the same figures.
    The trend lists the programme's reports up to this report's period; ``published_only``
    keeps drafts out of public pages. The PDF prints no trend and passes
    ``include_trend=False``; with ``figures`` selected and the snapshots prefetched (see
    ``reports.pdf.reports_for``) a report then costs no queries.
    """
    try:
        figures = report.figures
    except ReportFigures.DoesNotExist:
        figures = None
    thresholds = (
        SignalThresholds.from_record(figures.thresholds)
        if figures and figures.thresholds and report.period.is_published
        else SignalThresholds.current()
    )
    numbered = list(enumerate(_open_risks(report), start=1))
    history = trend(report, published_only=published_only) if include_trend else []
    previous = _previous_report(report, history)
    return {
        "figures": figures,
        "thresholds": thresholds,
        "money_signal": figures.money_signal(thresholds) if figures else None,
        "time_signal": figures.time_signal(thresholds) if figures else None,
        "signal_checks": figures.signal_checks(report, thresholds) if figures else [],
        "milestones": list(report.milestone_snapshots.all()),
        "numbered_risks": numbered,
        "top_risks": numbered[:TOP_RISKS],
        "risk_grid": risk_grid(numbered),
        "trend": history,
        "changes": compare_reports(report, previous) if previous else [],
        "changes_since": previous,
    }


def _open_risks(report: StatusReport) -> list[RiskSnapshot]:
    """The report's risks that are not closed, highest score (then impact) first."""
    risks = [r for r in report.risk_snapshots.all() if r.state != RiskState.CLOSED]
    risks.sort(key=lambda r: (-r.score, -r.impact, r.pk))
    return risks


def trend(report: StatusReport, *, published_only: bool) -> list[StatusReport]:
    """The programme's reports up to this report's period, oldest first, with their lights.

    One row per period with the four lights only: the texts stay in the database.
    """
    reports = StatusReport.objects.filter(
        programme_id=report.programme_id, period__start__lte=report.period.start
    )
    if published_only:
        reports = reports.published()
    trend_fields = [
        "programme_id",
        "period__label",
        "period__slug",
        "period__start",
        "period__illustrative",  # the trend marks an invented period: not one query per period
    ]
    trend_fields += [f"{aspect}_rating" for aspect in Aspect]
    history = list(reports.select_related("period").only(*trend_fields).order_by("period__start"))
    for past in history:  # what the trend table shows, without touching the deferred texts
        past.lights = [Rating(r) if (r := getattr(past, f"{a}_rating")) else None for a in Aspect]
    return history


def _previous_report(report: StatusReport, history: list[StatusReport]) -> StatusReport | None:
    """The report of the period before, in full (the changes compare texts too), or None."""
    previous = history[-2] if len(history) >= 2 and history[-1].pk == report.pk else None
    if previous is None:
        return None
    attached = getattr(report, "previous_report", None)
    if attached and attached.pk == previous.pk:
        return attached
    return StatusReport.objects.select_related("period").get(pk=previous.pk)
