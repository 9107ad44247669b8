"""Forecast drift sentences and cost-split totals (issue 22): plain functions, no database."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from projects.calculations import (
    CostLine,
    ForecastPoint,
    cost_split_errors,
    cost_totals,
    end_date_drift,
    end_date_drift_sentence,
    forecast_drift_sentence,
    months_between,
)

days = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
amounts = st.decimals(Decimal(0), Decimal("1e9"), places=2)
points = st.lists(
    st.builds(
        ForecastPoint,
        label=st.text(max_size=5),
        forecast=st.none() | amounts,
        end_date=st.none() | days,
    ),
    max_size=12,
)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def _dated(dates):
    return [ForecastPoint(str(i), None, d) for i, d in enumerate(dates)]


def test_the_issues_example_sentence():
    start = dt.date(2024, 1, 31)
    # one quiet report, then four that each move the date later: 2+3+4+5 = 14 months
    dates = [start, start, *(dt.date(2024, m, 28) for m in (3, 6, 10))]
    dates.append(dt.date(2025, 3, 31))
    sentence = end_date_drift_sentence(_dated([dt.date(2023, 1, 31), *dates]))
    assert sentence == (
        "De verwachte einddatum schoof in 4 van de laatste 5 rapportages op, in totaal 14 maanden."
    )


@given(points)
def test_sentences_for_any_sequence(sequence):
    """No crash, one sentence ending in a full stop, for every sequence of forecasts."""
    for sentence in (end_date_drift_sentence(sequence), forecast_drift_sentence(sequence)):
        assert sentence.endswith(".")
        assert sentence[0].isupper()


@given(points)
def test_drift_counts_match_the_pairs(sequence):
    drift = end_date_drift(sequence)
    dates = [p.end_date for p in sequence if p.end_date is not None][-6:]
    pairs = list(itertools.pairwise(dates))
    assert drift.steps == len(pairs) <= 5
    assert drift.later == sum(b > a for a, b in pairs)
    assert drift.earlier == sum(b < a for a, b in pairs)
    sentence = end_date_drift_sentence(sequence)
    if drift.steps > 1 and drift.later:
        assert f"in {drift.later} van de laatste {drift.steps} rapportages op" in sentence
    if drift.later and drift.net_months > 0:
        assert sentence.endswith(f"in totaal {_months(drift.net_months)}.")


def _months(value: Decimal) -> str:
    text = f"{value:f}".removesuffix(".0").replace(".", ",")
    return f"{text} maand" if value <= 1 else f"{text} maanden"


def test_none_and_one():
    assert end_date_drift_sentence([]) == "Er is nog geen verwachte einddatum gerapporteerd."
    assert forecast_drift_sentence([]) == (
        "Er is nog geen prognose van de totale kosten gerapporteerd."
    )
    one = [ForecastPoint("2023-1", Decimal(10), dt.date(2024, 1, 1))]
    assert "één keer" in end_date_drift_sentence(one)
    assert "één keer" in forecast_drift_sentence(one)


@given(st.integers(2, 9), days, amounts)
def test_equal_forecasts_stay_the_same(count, day, amount):
    sequence = [ForecastPoint(str(i), amount, day) for i in range(count)]
    steps = min(count - 1, 5)
    expected = (
        "De verwachte einddatum bleef in de laatste rapportage gelijk."
        if steps == 1
        else f"De verwachte einddatum bleef in de laatste {steps} rapportages gelijk."
    )
    assert end_date_drift_sentence(sequence) == expected
    assert forecast_drift_sentence(sequence) == "De prognose bleef sinds de start gelijk."


@given(
    st.lists(days, min_size=2, max_size=9, unique=True), st.lists(amounts, min_size=2, unique=True)
)
def test_decreasing_forecasts_say_earlier_and_fell(dates, money):
    dates, money = sorted(dates, reverse=True), sorted(money, reverse=True)
    sentence = end_date_drift_sentence(_dated(dates))
    assert "eerder te liggen" in sentence and " op," not in sentence
    window = dates[-6:]
    months = months_between(window[0], window[-1])
    assert sentence.endswith(f"in totaal {_months(-months)}.")
    fell = forecast_drift_sentence([ForecastPoint("", m, None) for m in money])
    assert fell.startswith("De prognose daalde sinds de start met ")


def test_rise_in_percent():
    sequence = [ForecastPoint("a", Decimal(100), None), ForecastPoint("b", Decimal(118), None)]
    assert forecast_drift_sentence(sequence) == "De prognose steeg sinds de start met 18 %."
    tiny = [ForecastPoint("a", Decimal(100000), None), ForecastPoint("b", Decimal(100001), None)]
    assert forecast_drift_sentence(tiny) == (
        "De prognose steeg sinds de start met minder dan 0,1 %."
    )


def test_later_then_earlier_on_balance():
    dates = [dt.date(2024, 1, 1), dt.date(2024, 3, 1), dt.date(2023, 11, 1)]
    assert end_date_drift_sentence(_dated(dates)) == (
        "De verwachte einddatum schoof in 1 van de laatste 2 rapportages op, "
        "maar ligt per saldo 2 maanden eerder."
    )


costs = st.none() | amounts


@given(st.lists(st.tuples(costs, costs, costs, costs), max_size=4))
def test_cost_totals_never_turn_not_given_into_zero(rows):
    lines = [CostLine(str(i), *row) for i, row in enumerate(rows)]
    totals = cost_totals(lines)
    for index, column in enumerate(("initial", "current", "actual", "committed")):
        given_ = [row[index] for row in rows if row[index] is not None]
        assert totals[column] == (sum(given_) if given_ else None)


def test_split_must_agree_with_the_money_figures():
    lines = [
        CostLine("internal", None, Decimal(100), Decimal(40), Decimal(60)),
        CostLine("external", None, Decimal(50), Decimal(10)),
    ]
    assert lines[0].free == Decimal(40) and lines[1].free is None
    assert cost_split_errors(lines, Decimal(150), Decimal(50)) == []
    errors = cost_split_errors(lines, Decimal(160), Decimal(50))
    assert errors == [
        "De categorieën tellen op tot € 150,00, maar de prognose bij afronding is € 160,00: "
        "laat ze overeenkomen."
    ]
    assert cost_split_errors(lines, None, None) == []
