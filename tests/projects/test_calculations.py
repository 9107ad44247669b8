"""The monitor's arithmetic on its own: no database, no models (projects/calculations.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projects.calculations import (
    AspectSignal,
    Measurement,
    add_months,
    compare_reports,
    deviation_percent,
    measure_money,
    measure_time,
    months_between,
    rate,
    score_level,
    signal_checks,
)
from projects.choices import Aspect, Rating


@dataclass(frozen=True)
class Thresholds:
    """The defaults of ``SignalThresholds``, without the model."""

    money_orange_percent: Decimal = Decimal(5)
    money_red_percent: Decimal = Decimal(10)
    time_orange_months: Decimal = Decimal(1)
    time_red_months: Decimal = Decimal(3)


@dataclass(frozen=True)
class Status:
    aspect: Aspect
    rating: Rating | None
    explanation: str = ""


@dataclass(frozen=True)
class Lights:
    """Anything with ``aspects``, as a status report has."""

    aspects: list[Status]


days = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
months = st.integers(-1200, 1200)
amounts = st.decimals(Decimal(0), Decimal("1e9"), places=2)
deviations = st.decimals(Decimal(-1000), Decimal(1000), places=1)


@given(days, months)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day, shift):
    later = add_months(day, shift)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == shift
    assert later.day == day.day or (later.day < day.day and (later + dt.timedelta(1)).day == 1)


@given(days.filter(lambda d: d.day <= 28), months)
def test_months_between_undoes_add_months(day, shift):
    assert months_between(day, add_months(day, shift)) == shift


@given(days, days)
def test_months_between_is_antisymmetric(start, end):
    assert months_between(start, end) == -months_between(end, start)


@given(days, days, days)
def test_months_between_grows_with_the_end_date(start, end, later):
    end, later = sorted([end, later])
    assert months_between(start, end) <= months_between(start, later)


def test_months_between_counts_months_as_people_do():
    assert months_between(dt.date(2023, 12, 31), dt.date(2024, 6, 30)) == 6
    assert months_between(dt.date(2023, 1, 31), dt.date(2023, 2, 28)) == 1
    assert months_between(dt.date(2023, 1, 1), dt.date(2023, 1, 16)) == Decimal("0.4")


@given(deviations, deviations)
def test_rate_never_gets_greener_as_the_deviation_grows(smaller, larger):
    smaller, larger = sorted([smaller, larger])
    orange, red = Decimal(5), Decimal(10)
    assert rate(smaller, orange, red).severity <= rate(larger, orange, red).severity


def test_rate_counts_a_threshold_as_reached():
    assert rate(Decimal("4.9"), Decimal(5), Decimal(10)) == Rating.GREEN
    assert rate(Decimal(5), Decimal(5), Decimal(10)) == Rating.ORANGE
    assert rate(Decimal(10), Decimal(5), Decimal(10)) == Rating.RED


@given(amounts.filter(bool), amounts)
def test_deviation_percent_rounds_towards_zero(budget, forecast):
    percent = deviation_percent(budget, forecast)
    exact = (forecast - budget) * 100 / budget
    assert abs(percent) <= abs(exact) and abs(exact - percent) < Decimal("0.1")


def test_deviation_percent_of_a_zero_budget():
    assert deviation_percent(Decimal(0), Decimal(0)) == 0
    assert deviation_percent(Decimal(0), Decimal(1)) is None


def test_measure_money_against_the_thresholds():
    thresholds = Thresholds()
    assert measure_money(Decimal(100), Decimal(105), thresholds).rating == Rating.ORANGE
    assert measure_money(Decimal(0), Decimal(1), thresholds).rating == Rating.RED
    assert measure_money(None, Decimal(1), thresholds).rating is None
    assert measure_money(Decimal(1), Decimal("1e20"), thresholds).note  # out of range: no signal


def test_measure_time_against_the_thresholds():
    thresholds = Thresholds()
    baseline = dt.date(2024, 1, 31)
    assert measure_time(baseline, dt.date(2024, 3, 31), thresholds).rating == Rating.ORANGE
    assert measure_time(baseline, dt.date(2024, 4, 30), thresholds).rating == Rating.RED
    assert measure_time(baseline, dt.date(2023, 1, 31), thresholds).deviation == -12
    assert measure_time(baseline, None, thresholds).rating is None


@pytest.mark.parametrize(
    ("score", "level"), [(1, "low"), (5, "low"), (6, "medium"), (12, "medium"), (15, "high")]
)
def test_score_level(score, level):
    assert score_level(score) == level


def test_signal_checks_flags_a_light_greener_than_the_signal():
    red = Measurement(Decimal(100), Decimal(120), Decimal(20), Rating.RED)
    none = Measurement(None, None, None, None, "no forecast")
    signals = [
        AspectSignal(Aspect.MONEY, original=red, current=red, rebaselined=False),
        AspectSignal(Aspect.TIME, original=none, current=none, rebaselined=False),
    ]
    checks = signal_checks(signals, {Aspect.MONEY: Rating.ORANGE, Aspect.TIME: Rating.GREEN})
    assert [(c.aspect, c.is_greener) for c in checks] == [(Aspect.MONEY, True)]


def test_compare_reports_gives_the_direction_per_aspect():
    before = Lights([Status(Aspect.MONEY, Rating.GREEN, "a"), Status(Aspect.TIME, Rating.RED)])
    now = Lights([Status(Aspect.MONEY, Rating.RED, "b"), Status(Aspect.TIME, Rating.ORANGE)])
    changes = compare_reports(now, before)
    assert [c.direction for c in changes] == ["worse", "better"]
    assert [c.text_changed for c in changes] == [True, False]
    assert [c.direction for c in compare_reports(now, None)] == ["", ""]
