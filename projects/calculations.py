"""The monitor's arithmetic: plain functions and values, no database.

Deviation of a forecast from its budget, months between two dates, the colour a deviation
suggests given the thresholds, and the comparison of a report with the previous one. The models
call these; tests/projects/test_calculations.py tests them on their own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .choices import Aspect, Rating
from .validators import validate_plausible_amount, validate_plausible_date

ONE_DECIMAL = Decimal("0.1")


class Thresholds(Protocol):
    """What the measurements read of ``SignalThresholds`` (a model, or a record of one)."""

    money_orange_percent: Decimal
    money_red_percent: Decimal
    time_orange_months: Decimal
    time_red_months: Decimal


class Rated(Protocol):
    """Anything with per-aspect lights, such as a ``StatusReport``."""

    @property
    def aspects(self) -> list: ...


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to a shorter month's end (31 Jan + 1 = 28 Feb).

    Raises ``ValueError`` beyond the year 9999, as ``dt.date`` does; ``months_between`` never
    asks for such a month.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: dt.date, end: dt.date) -> Decimal:
    """Calendar months from ``start`` to ``end``, rounded towards zero to one decimal.

    Whole months count as people count them (31 Dec → 30 Jun is 6 months); the rest is the
    fraction of the next month. Rounding towards zero means a figure shown as "1,0" really is a
    full month, so the colour never disagrees with the number on the screen. Negative when
    ``end`` is before ``start`` (ahead of schedule). Defined for every pair of dates, also in
    December 9999 (stored before dates were bounded): a stored typo must not break a page.
    """
    if end < start:
        return -months_between(end, start)
    whole = (end.year - start.year) * 12 + end.month - start.month
    while whole > 0 and add_months(start, whole) > end:
        whole -= 1
    anchor = add_months(start, whole)
    if anchor.year == dt.MAXYEAR and anchor.month == 12:
        month_days = 31  # from a day in December 9999 to the same day in January 10000
    else:
        month_days = (add_months(start, whole + 1) - anchor).days
    fraction = Decimal((end - anchor).days) / Decimal(month_days)
    return (whole + fraction).quantize(ONE_DECIMAL, rounding=ROUND_DOWN)


def deviation_percent(budget: Decimal, forecast: Decimal) -> Decimal | None:
    """Forecast against budget in percent, rounded towards zero; ``None`` for a zero budget."""
    if budget == 0:
        return Decimal(0) if forecast == 0 else None
    percent = (forecast - budget) * 100 / budget
    return percent.quantize(ONE_DECIMAL, rounding=ROUND_DOWN)


def _is_plausible(validator, value) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def rate(deviation: Decimal, orange_from: Decimal, red_from: Decimal) -> Rating:
    """Exactly at a threshold counts as reaching it: 5,0 % with orange from 5 % is orange."""
    if deviation >= red_from:
        return Rating.RED
    if deviation >= orange_from:
        return Rating.ORANGE
    return Rating.GREEN


@dataclass(frozen=True)
class Measurement:
    """One figure compared with one baseline: the deviation and the colour it suggests.

    ``deviation`` is a percentage for money and months for time; ``rating`` is ``None`` when
    there is nothing to compare (no baseline or no forecast), and ``note`` says why.
    """

    baseline: Decimal | dt.date | None
    value: Decimal | dt.date | None
    deviation: Decimal | None
    rating: Rating | None
    note: str = ""
    difference: Decimal | None = None  # money only: forecast minus budget, in euros


# Why a measurement has no signal: (no baseline, out of range); "no forecast" is shared.
MONEY_GAPS = (_("no budget baseline"), _("amount out of range"))
TIME_GAPS = (_("no baseline end date"), _("date out of range"))


def _without_signal(baseline, value, validator, gaps: tuple[str, str]):
    """The measurement without a signal when there is nothing sound to compare, else None.

    No baseline or no forecast: nothing to compare. An implausible value only comes from
    stored legacy data (forms refuse it): no signal rather than a 500.
    """
    no_baseline, out_of_range = gaps
    if baseline is None:
        note = no_baseline
    elif value is None:
        note = _("no forecast")
    elif not (_is_plausible(validator, baseline) and _is_plausible(validator, value)):
        note = out_of_range
    else:
        return None
    return Measurement(baseline, value, None, None, str(note))


def measure_money(
    budget: Decimal | None, forecast: Decimal | None, thresholds: Thresholds
) -> Measurement:
    """Forecast at completion against a budget.

    No budget or no forecast: no signal. A budget of zero with any forecast above zero cannot
    be expressed in percent and exceeds every threshold, so it suggests red.
    """
    if unmeasurable := _without_signal(budget, forecast, validate_plausible_amount, MONEY_GAPS):
        return unmeasurable
    percent = deviation_percent(budget, forecast)
    difference = forecast - budget
    if percent is None:
        note = str(_("spending against a budget of zero"))
        return Measurement(budget, forecast, None, Rating.RED, note, difference)
    rating = rate(percent, thresholds.money_orange_percent, thresholds.money_red_percent)
    return Measurement(budget, forecast, percent, rating, "", difference)


def measure_time(
    baseline_end: dt.date | None, forecast_end: dt.date | None, thresholds: Thresholds
) -> Measurement:
    """Forecast end date against a baseline end date; slippage in months, never typed in.

    Finishing early gives a negative slippage and suggests green.
    """
    if unmeasurable := _without_signal(
        baseline_end, forecast_end, validate_plausible_date, TIME_GAPS
    ):
        return unmeasurable
    months = months_between(baseline_end, forecast_end)
    rating = rate(months, thresholds.time_orange_months, thresholds.time_red_months)
    return Measurement(baseline_end, forecast_end, months, rating)


@dataclass(frozen=True)
class AspectSignal:
    """The signal for one aspect, measured against the original and the current frame.

    ``current`` is the frame after the latest re-baseline, as in ``ReportFigures.current_budget``.
    """

    aspect: Aspect
    original: Measurement
    current: Measurement
    rebaselined: bool

    @property
    def measurements(self) -> tuple[Measurement, Measurement]:
        return (self.original, self.current)

    @property
    def suggested(self) -> Rating | None:
        """The colour the figures suggest: measured against the current (latest) frame.

        The colours are defined against the agreed frame, which after a re-baseline is the
        latest one; the original comparison is shown beside it so nothing is hidden.
        """
        return self.current.rating


@dataclass(frozen=True)
class SignalCheck:
    """The manager's chosen light next to the colour the figures suggest."""

    aspect: Aspect
    suggested: Rating | None
    chosen: Rating | None
    signal: AspectSignal

    @property
    def is_greener(self) -> bool:
        """True when the chosen light is greener than the figures suggest: explain why."""
        if self.suggested is None or self.chosen is None:
            return False
        return self.chosen.severity < self.suggested.severity


def signal_checks(
    signals: list[AspectSignal], chosen: dict[Aspect, Rating | None]
) -> list[SignalCheck]:
    return [
        SignalCheck(s.aspect, s.suggested, chosen.get(s.aspect), s) for s in signals if s.suggested
    ]


@dataclass(frozen=True)
class AspectChange:
    """One aspect of a report compared with the same programme's previous report."""

    aspect: Aspect
    previous: Rating | None
    current: Rating | None
    previous_explanation: str
    current_explanation: str

    @property
    def direction(self) -> str:
        """``"worse"``, ``"better"``, ``"same"`` or ``""`` when one side has no light."""
        if self.previous is None or self.current is None:
            return ""
        if self.current.severity > self.previous.severity:
            return "worse"
        if self.current.severity < self.previous.severity:
            return "better"
        return "same"

    @property
    def text_changed(self) -> bool:
        return self.previous_explanation.strip() != self.current_explanation.strip()


def compare_reports(current: Rated, previous: Rated | None) -> list[AspectChange]:
    """What changed per aspect since the previous report; no queries."""
    before = {status.aspect: status for status in previous.aspects} if previous else {}
    changes = []
    for status in current.aspects:
        old = before.get(status.aspect)
        changes.append(
            AspectChange(
                status.aspect,
                old.rating if old else None,
                status.rating,
                old.explanation if old else "",
                status.explanation,
            )
        )
    return changes


def trend_direction(current: Rated, previous: Rated | None) -> set[str]:
    """``{"worse"}``, ``{"better"}``, both, or empty: for the overview's change markers."""
    return {c.direction for c in compare_reports(current, previous)} & {"worse", "better"}


def score_level(score: int) -> str:
    return "high" if score >= 15 else "medium" if score >= 6 else "low"


# --- Forecast drift and the cost picture (issue 22) --------------------------------------------

DRIFT_WINDOW = 5  # the sentence speaks of the last five reports, as a council reads a year or two


@dataclass(frozen=True)
class ForecastPoint:
    """What one published report forecast: the total cost and the end date (either may be
    missing)."""

    label: str
    forecast: Decimal | None
    end_date: dt.date | None


@dataclass(frozen=True)
class EndDateDrift:
    """How the forecast end date moved over the last reports (``steps`` comparisons)."""

    reported: int  # reports that gave an end date
    steps: int  # comparisons with the report before, within the window
    later: int
    earlier: int
    net_months: Decimal  # first to last end date within the window; negative: earlier


def end_date_drift(points: Sequence[ForecastPoint], window: int = DRIFT_WINDOW) -> EndDateDrift:
    """Count, over the last ``window`` reports that gave an end date, how often it moved."""
    dates = [p.end_date for p in points if p.end_date is not None]
    recent = dates[-(window + 1) :]
    pairs = list(itertools.pairwise(recent))
    net = months_between(recent[0], recent[-1]) if recent else Decimal(0)
    return EndDateDrift(
        reported=len(dates),
        steps=len(pairs),
        later=sum(1 for a, b in pairs if b > a),
        earlier=sum(1 for a, b in pairs if b < a),
        net_months=net,
    )


def _number(value: Decimal) -> str:
    """1 → "1", 3.5 → "3,5" in Dutch: no trailing ",0"."""
    places = 0 if value == value.to_integral_value() else 1
    return formats.number_format(value, places, use_l10n=True)


def _months(value: Decimal) -> str:
    value = abs(value)
    return ngettext("%(n)s month", "%(n)s months", 1 if value <= 1 else 2) % {"n": _number(value)}


def end_date_drift_sentence(points: Sequence[ForecastPoint], window: int = DRIFT_WINDOW) -> str:
    """One plain sentence on the forecast end date, e.g. "… schoof in 4 van de laatste 5
    rapportages op, in totaal 14 maanden"; defined for every sequence, also an empty one."""
    drift = end_date_drift(points, window)
    if drift.reported == 0:
        return str(_("No forecast end date has been reported yet."))
    if drift.steps == 0:
        return str(_("The forecast end date has been reported once; no shift can be seen yet."))
    values = {"n": drift.steps, "moved": drift.later or drift.earlier}
    if drift.later == 0 and drift.earlier == 0:
        return (
            ngettext(
                "The forecast end date stayed the same in the last report.",
                "The forecast end date stayed the same in the last %(n)s reports.",
                drift.steps,
            )
            % values
        )
    if drift.later:
        moved = ngettext(
            "The forecast end date moved later in the last report",
            "The forecast end date moved later in %(moved)s of the last %(n)s reports",
            drift.steps,
        )
    else:
        moved = ngettext(
            "The forecast end date moved earlier in the last report",
            "The forecast end date moved earlier in %(moved)s of the last %(n)s reports",
            drift.steps,
        )
    months = _months(drift.net_months)
    if (drift.later and drift.net_months > 0) or not drift.later:
        total = _("in all %(months)s") % {"months": months}
    elif drift.net_months < 0:
        total = _("but on balance it is %(months)s earlier") % {"months": months}
    else:
        total = _("but on balance it is not later")
    return f"{moved % values}, {total}."


def forecast_drift_sentence(points: Sequence[ForecastPoint]) -> str:
    """One plain sentence on the forecast at completion since the first report that gave one,
    e.g. "De prognose steeg sinds de start met 18 %"; defined for every sequence."""
    forecasts = [p.forecast for p in points if p.forecast is not None]
    if not forecasts:
        return str(_("No forecast at completion has been reported yet."))
    if len(forecasts) == 1:
        return str(_("The forecast at completion has been reported once."))
    first, last = forecasts[0], forecasts[-1]
    if first == last:
        return str(_("The forecast has stayed the same since the start."))
    percent = deviation_percent(first, last)
    if percent is None:  # from zero: no percentage to give
        return str(_("The forecast rose since the start, from nothing."))
    size = abs(percent)
    amount = _("less than 0.1 %") if size == 0 else f"{_number(size)} %"
    if last > first:
        return str(_("The forecast rose by %(amount)s since the start.") % {"amount": amount})
    return str(_("The forecast fell by %(amount)s since the start.") % {"amount": amount})


@dataclass(frozen=True)
class CostLine:
    """One Rijks cost category of one report; ``None`` is "not given", never zero."""

    category: str
    initial: Decimal | None
    current: Decimal | None
    actual: Decimal | None
    committed: Decimal | None = None

    @property
    def free(self) -> Decimal | None:
        """Of the current estimate, what is not yet contracted: what can still be steered."""
        if self.current is None or self.committed is None:
            return None
        return self.current - self.committed


COST_COLUMNS = ("initial", "current", "actual", "committed", "free")


def cost_totals(lines: Sequence[CostLine]) -> dict[str, Decimal | None]:
    """The sum per column; ``None`` for a column no category gave (not given, never 0)."""
    totals: dict[str, Decimal | None] = {}
    for column in COST_COLUMNS:
        given = [getattr(line, column) for line in lines if getattr(line, column) is not None]
        totals[column] = sum(given, Decimal(0)) if given else None
    return totals


def cost_split_errors(
    lines: Sequence[CostLine], forecast: Decimal | None, spent: Decimal | None
) -> list[str]:
    """Where the split disagrees with the report's money figures: the current estimates add up
    to the forecast at completion, the actual amounts to the amount spent to date."""
    totals = cost_totals(lines)
    errors = []
    checks = (
        ("current", forecast, _("forecast at completion")),
        ("actual", spent, _("spent to date")),
    )
    for column, figure, name in checks:
        total = totals[column]
        if total is None or figure is None or total == figure:
            continue
        errors.append(
            _(
                "The categories add up to € %(total)s, but the %(figure)s is € %(amount)s: "
                "make them agree."
            )
            % {
                "total": formats.number_format(total, 2, use_l10n=True, force_grouping=True),
                "figure": name,
                "amount": formats.number_format(figure, 2, use_l10n=True, force_grouping=True),
            }
        )
    return errors
