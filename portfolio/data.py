"""The whole portfolio from the frozen published record, computed with pandas (issue 23).

Every figure here is what the council read: the reports of public periods, their programme as
recorded at publication (``StatusReport.programme_at_publication``) and the figures frozen with
them (``ReportFigures``). Live programme rows are never read, so a programme renamed or moved
since does not change a published total.

Two queries for any number of programmes and periods: the published periods up to the one shown
(published, not only public: the period PDF is rendered while its period is being archived),
and one row per published report with its figures. Everything after that is pandas.

Tracks are counted once: a track's money is part of its programme's, so a track's figures count
only in a period where its programme has none of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from charts import PALETTE, Chart, Series, stacked_bar_chart
from projects.calculations import months_between
from projects.models import Aspect, Rating, ReportingPeriod, StatusReport

MONEY_FIELDS = ["original_budget", "current_budget", "forecast_at_completion", "spent_to_date"]
RATINGS = [str(rating) for rating in Rating]
SEVERITY = {str(rating): rating.severity for rating in Rating}
COLOURS = {"green": PALETTE["green"], "orange": PALETTE["orange"], "red": PALETTE["red"]}
CENT = Decimal("0.01")
MOST = 5  # how many programmes the "moved most" lists name

_VALUES = {
    "report": "pk",
    "period": "period_id",
    "programme": "programme_id",
    "record": "programme_at_publication",
    "name_at_publication": "programme_name_at_publication",
    "live_slug": "programme__slug",
    "live_parent": "programme__parent_id",
    **{aspect: f"{aspect}_rating" for aspect in Aspect},
    **{name: f"figures__{name}" for name in MONEY_FIELDS},
    "forecast_end_date": "figures__forecast_end_date",
    "original_end_date": "figures__original_end_date",
    "current_end_date": "figures__current_end_date",
    "decisions": "figures__decisions",
}


def published_frame(periods: list[ReportingPeriod]) -> pd.DataFrame:
    """One row per published report of ``periods``: its lights and frozen figures."""
    rows = (
        StatusReport.objects.published()
        .filter(period__in=[p.pk for p in periods])
        .values_list(*_VALUES.values())
    )
    frame = pd.DataFrame(list(rows), columns=list(_VALUES))
    starts = {p.pk: p.start for p in periods}
    record = frame["record"].map(lambda r: r or {})
    frame["name"] = [
        r.get("name") or n for r, n in zip(record, frame["name_at_publication"], strict=True)
    ]
    frame["slug"] = [r.get("slug") or s for r, s in zip(record, frame["live_slug"], strict=True)]
    frame["parent"] = [
        (r["parent"] or {}).get("id") if r else p
        for r, p in zip(record, frame["live_parent"], strict=True)
    ]
    frame["start"] = frame["period"].map(starts)
    for name in MONEY_FIELDS:
        frame[name] = pd.to_numeric(frame[name].map(_number), errors="coerce")
    frame["counted"] = _counted(frame)
    return frame.sort_values(["start", "name"], kind="stable").reset_index(drop=True)


def _number(value) -> float | None:
    return None if value is None else float(value)


def _counted(frame: pd.DataFrame) -> pd.Series:
    """Whether a row's money counts in the totals: not a track whose programme has figures."""
    has_money = frame[MONEY_FIELDS].notna().any(axis=1)
    with_money = set(
        zip(frame.loc[has_money, "period"], frame.loc[has_money, "programme"], strict=True)
    )
    return pd.Series(
        [
            pd.isna(parent) or (period, parent) not in with_money
            for period, parent in zip(frame["period"], frame["parent"], strict=True)
        ],
        index=frame.index,
        dtype=bool,
    )


def money_totals(frame: pd.DataFrame, period_pk: int | None) -> dict[str, Decimal | None]:
    """The four money totals of one period, in euros to the cent; None for no period."""
    if period_pk is None:
        return dict.fromkeys(MONEY_FIELDS)
    rows = frame[(frame["period"] == period_pk) & frame["counted"]]
    return {name: _cents(rows[name].sum()) for name in MONEY_FIELDS}


def _cents(value: float) -> Decimal:
    return Decimal(str(round(float(value), 2))).quantize(CENT)


def light_counts(frame: pd.DataFrame, periods: list[ReportingPeriod]) -> pd.DataFrame:
    """How many reports had each colour, per aspect and period (rows: period, aspect)."""
    long = frame.melt(id_vars=["period"], value_vars=[str(a) for a in Aspect], var_name="aspect")
    long = long[long["value"].isin(RATINGS)]
    index = pd.MultiIndex.from_product([[p.pk for p in periods], [str(a) for a in Aspect]])
    if long.empty:
        return pd.DataFrame(0, index=index, columns=RATINGS)
    counts = long.groupby(["period", "aspect", "value"]).size().unstack("value", fill_value=0)
    return counts.reindex(index=index, columns=RATINGS, fill_value=0)


@dataclass(frozen=True)
class TotalLine:
    label: str
    now: Decimal | None
    before: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.now is None or self.before is None else self.now - self.before


@dataclass(frozen=True)
class ProgrammeChange:
    """One programme in one of the lists of the portfolio page, linked to its drill-down."""

    name: str
    url: str
    what: str = ""
    change: Decimal | None = None
    rebaselines: list[dict] = field(default_factory=list)


@dataclass
class Portfolio:
    period: ReportingPeriod
    previous: ReportingPeriod | None
    periods: list[ReportingPeriod]
    totals: list[TotalLine]
    counted: int
    charts: list[Chart]
    worsened: list[ProgrammeChange]
    forecast_moves: list[ProgrammeChange]
    end_date_moves: list[ProgrammeChange]
    rebaselined: list[ProgrammeChange]


TOTAL_LABELS = {
    "original_budget": "Original budget",
    "current_budget": "Current budget",
    "forecast_at_completion": "Forecast at completion",
    "spent_to_date": "Spent to date",
}


def portfolio(period: ReportingPeriod) -> Portfolio:
    """The portfolio of a public period: totals and their movement, lights, what changed."""
    periods = list(
        ReportingPeriod.objects.published().filter(start__lte=period.start).order_by("start")
    )
    frame = published_frame(periods)
    previous = periods[-2] if len(periods) > 1 else None
    now = money_totals(frame, period.pk)
    before = money_totals(frame, previous and previous.pk)
    current = frame[frame["period"] == period.pk]
    return Portfolio(
        period=period,
        previous=previous,
        periods=periods,
        totals=[TotalLine(_(TOTAL_LABELS[n]), now[n], before[n]) for n in MONEY_FIELDS],
        counted=int(current["counted"].sum()),
        charts=lights_charts(frame, periods),
        **changes(frame, period),
    )


def period_short_label(period: ReportingPeriod) -> str:
    """ "okt 2022 – jan 2023": short enough for a chart's axis."""
    return f"{date_format(period.start, 'M Y')} – {date_format(period.end, 'M Y')}"


def lights_charts(frame: pd.DataFrame, periods: list[ReportingPeriod]) -> list[Chart]:
    """One stacked bar chart per aspect: the colours of all reports, per published period."""
    counts = light_counts(frame, periods)
    labels = [period_short_label(p) for p in periods]
    charts = []
    for aspect in Aspect:
        per_colour = {
            rating: [int(counts.loc[(p.pk, str(aspect)), rating]) for p in periods]
            for rating in RATINGS
        }
        latest = {rating: values[-1] for rating, values in per_colour.items()} if periods else {}
        summary = _(
            "In the latest period %(green)s green, %(orange)s orange and %(red)s red lights."
        ) % {key: latest.get(key, 0) for key in RATINGS}
        charts.append(
            stacked_bar_chart(
                chart_id=f"lights-{aspect}",
                title=_("Lights for %(aspect)s per period") % {"aspect": aspect.label},
                summary=summary,
                categories=labels,
                series=[
                    Series(str(Rating(r).label).capitalize(), per_colour[r], COLOURS[r])
                    for r in RATINGS
                ],
                y_label=_("reports"),
                first_column=_("Period"),
            )
        )
    return charts


def changes(frame: pd.DataFrame, period: ReportingPeriod) -> dict[str, list[ProgrammeChange]]:
    """Per programme of ``period`` against its previous published report: worse lights, the
    largest moves of the forecast and the forecast end date, and re-baselines since."""
    frame = frame.copy()
    by_programme = frame.groupby("programme", sort=False)
    for column in [*(str(a) for a in Aspect), "forecast_at_completion", "forecast_end_date"]:
        frame[f"{column}_before"] = by_programme[column].shift(1)
    frame["decisions_before"] = by_programme["decisions"].shift(1)
    current = frame[frame["period"] == period.pk]
    url = lambda slug: reverse(  # noqa: E731
        "reports:programme", kwargs={"period": period.slug, "programme": slug}
    )
    return {
        "worsened": _worsened(current, url),
        "forecast_moves": _forecast_moves(current, url),
        "end_date_moves": _end_date_moves(current, url),
        "rebaselined": _rebaselined(current, period, url),
    }


def _worsened(current: pd.DataFrame, url) -> list[ProgrammeChange]:
    found = []
    for row in current.itertuples():
        worse = [
            str(aspect.label)
            for aspect in Aspect
            if isinstance(before := getattr(row, f"{aspect}_before"), str)
            and getattr(row, str(aspect)) in SEVERITY
            and before in SEVERITY
            and SEVERITY[getattr(row, str(aspect))] > SEVERITY[before]
        ]
        if worse:
            found.append(ProgrammeChange(row.name, url(row.slug), what=", ".join(worse)))
    return found


def _forecast_moves(current: pd.DataFrame, url) -> list[ProgrammeChange]:
    moved = current.assign(
        move=current["forecast_at_completion"] - current["forecast_at_completion_before"]
    )
    moved = moved[moved["move"].notna() & (moved["move"] != 0)]
    moved = moved.reindex(moved["move"].abs().sort_values(ascending=False, kind="stable").index)
    return [
        ProgrammeChange(row.name, url(row.slug), change=_cents(row.move))
        for row in moved.head(MOST).itertuples()
    ]


def _end_date_moves(current: pd.DataFrame, url) -> list[ProgrammeChange]:
    found = []
    for row in current.itertuples():
        before, now = row.forecast_end_date_before, row.forecast_end_date
        if isinstance(before, dt.date) and isinstance(now, dt.date) and before != now:
            found.append(
                ProgrammeChange(row.name, url(row.slug), change=months_between(before, now))
            )
    found.sort(key=lambda item: -abs(item.change))
    return found[:MOST]


def rebaselines_since(decisions: list | None, before: list | None, period) -> list[dict]:
    """Re-baselines in a report's decisions that its previous report did not have; without a
    previous report, those decided within the period."""
    known = {(d["kind"], d["decided_on"]) for d in before} if isinstance(before, list) else None
    return [
        d
        for d in decisions or []
        if d["kind"] == "rebaseline"
        and (
            (d["kind"], d["decided_on"]) not in known
            if known is not None
            else period.start <= dt.date.fromisoformat(d["decided_on"]) <= period.end
        )
    ]


def _rebaselined(current: pd.DataFrame, period, url) -> list[ProgrammeChange]:
    found = []
    for row in current.itertuples():
        new = rebaselines_since(row.decisions, row.decisions_before, period)
        if new:
            found.append(
                ProgrammeChange(row.name, url(row.slug), rebaselines=[_readable(d) for d in new])
            )
    return found


def _readable(decision: dict) -> dict:
    """A recorded decision with dates and amount as values the templates format."""
    return {
        "decided_on": dt.date.fromisoformat(decision["decided_on"]),
        "decided_by": decision.get("decided_by", ""),
        "budget": Decimal(decision["budget"]) if decision.get("budget") else None,
        "end_date": dt.date.fromisoformat(decision["end_date"])
        if decision.get("end_date")
        else None,
    }
