"""Issue 23: the portfolio totals, their movement and the lights, from the published record.

The expected sums are computed here independently of ``portfolio.data``: from the demo's own
figures file (what the loader replays into the frozen figures) and from the period's open data
export (the lights), each with pandas.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pandas as pd
import pytest
from django.urls import reverse

from portfolio.data import portfolio
from projects.demo_admission import LEFT
from projects.demo_data import DEMO_FIXTURES, PERIODS
from projects.models import ReportFigures, ReportingPeriod

FIGURES = json.loads((DEMO_FIXTURES / "figures.json").read_text(encoding="utf-8"))["programmes"]


def expected_totals(key: str) -> pd.Series:
    """Sum of the four amounts over the demo programmes in period ``key``, from the fixture."""
    end = next(p["end"] for p in PERIODS if p["key"] == key)
    rows = []
    for data in FIGURES.values():
        if key not in data["reports"]:
            continue
        decisions = sorted(
            (d for d in data["decisions"] if d["decided_on"] <= end and d.get("budget")),
            key=lambda d: (d["kind"] != "original", d["decided_on"]),
        )
        rows.append(
            {
                "original_budget": Decimal(decisions[0]["budget"]),
                "current_budget": Decimal(decisions[-1]["budget"]),
                "forecast_at_completion": Decimal(data["reports"][key]["forecast"]),
                "spent_to_date": Decimal(data["reports"][key]["spent"]),
            }
        )
    if key == "2022-3":  # issue 25: the programme that left the monitor after this period
        rows.append({name: LEFT["figures"][name] for name in rows[0]})
    return pd.DataFrame(rows).sum()


@pytest.mark.django_db
def test_totals_and_movement_for_both_demo_periods(demo, client):
    older = ReportingPeriod.objects.get(label="oktober 2022 t/m januari 2023")
    for period, key, before_key in ((older, "2022-3", None), (demo, "2023-1", "2022-3")):
        shown = portfolio(period)
        expected = expected_totals(key)
        before = expected_totals(before_key) if before_key else None
        # the eight programmes (their tracks report no money), and in 2022-3 the one that left
        assert shown.counted == (9 if key == "2022-3" else 8)
        for line, name in zip(shown.totals, expected.index, strict=True):
            assert line.now == expected[name], (key, name)
            if before is None:
                assert line.before is None and line.change is None
            else:
                assert line.before == before[name]
                assert line.change == expected[name] - before[name], (key, name)


@pytest.mark.django_db
def test_lights_per_aspect_match_the_open_data(demo, client):
    older = ReportingPeriod.objects.get(label="oktober 2022 t/m januari 2023")
    shown = portfolio(demo)
    for column, period in enumerate((older, demo), start=1):
        export = pd.read_csv(
            io.BytesIO(client.get(reverse("reports:export_csv", args=[period.slug])).content),
            sep=";",
            encoding="utf-8-sig",
            dtype=str,
        )
        for chart, aspect in zip(shown.charts, ("quality", "money", "time", "risk"), strict=True):
            counts = export[aspect].value_counts()
            row = chart.rows[column - 1]
            assert [int(cell) for cell in row[1:]] == [
                int(counts.get(colour, 0)) for colour in ("green", "orange", "red")
            ], (period, aspect)


@pytest.mark.django_db
def test_what_changed_names_and_links_the_programmes(demo, client):
    response = client.get(reverse("portfolio:portfolio", args=[demo.slug]))
    assert response.status_code == 200
    shown = response.context["portfolio"]
    names = {item.name for item in shown.rebaselined}
    assert names == {"Rotterdamse Digitale Infrastructuur (RDI)"}  # 18 April 2023
    assert shown.rebaselined[0].rebaselines[0]["decided_on"] == dt.date(2023, 4, 18)
    adidas = next(item for item in shown.forecast_moves if item.name == "ADIDAS")
    assert adidas.change == Decimal("13890000") - Decimal("13100000")
    assert shown.end_date_moves[0].name == "ADIDAS"  # February → June 2024: the largest move
    assert "ADIDAS" in {item.name for item in shown.worsened}
    assert f'href="{reverse("reports:programme", args=[demo.slug, "adidas"])}"' in (
        response.content.decode()
    )
    overview = client.get(demo.get_absolute_url()).content.decode()
    assert reverse("portfolio:portfolio", args=[demo.slug]) in overview


@pytest.mark.django_db
def test_totals_are_the_published_record_not_live_rows(demo):
    before = portfolio(demo).totals
    # A programme's frame changes after publication: the live decisions, not the frozen copy.
    figures = ReportFigures.objects.get(report__period=demo, report__programme__slug="adidas")
    figures.report.programme.baseline_decisions.update(budget=Decimal("99000000"))
    assert portfolio(demo).totals == before


def test_a_track_is_counted_once_with_its_programme(make_programme, make_period, make_report, db):
    from projects.models import loading_history

    period = make_period(start=dt.date(2023, 2, 1))
    parent = make_programme()
    track = make_programme(parent=parent, kind="track")
    lone = make_programme()
    lone_track = make_programme(parent=lone, kind="track")
    amounts = {parent: 100, track: 40, lone: None, lone_track: 7}
    with loading_history():
        for programme, amount in amounts.items():
            report = make_report(programme, period)
            if amount is not None:
                ReportFigures.objects.create(
                    report=report, current_budget=amount, spent_to_date=amount
                )
    totals = {line.label: line.now for line in portfolio(period).totals}
    # the track of a programme with figures is inside it; a track whose programme has none counts
    assert totals["Huidig budget"] == 107


@pytest.mark.parametrize("programmes", [10, 100])
def test_the_page_costs_the_same_queries_for_10_and_100_programmes(
    programmes, make_programme, make_period, make_report, client, django_assert_num_queries
):
    from projects.models import loading_history

    periods = [make_period(start=dt.date(2022, 2, 1)), make_period(start=dt.date(2022, 6, 1))]
    with loading_history():
        for number in range(programmes):
            programme = make_programme()
            for index, period in enumerate(periods):
                report = make_report(
                    programme,
                    period,
                    money_rating="orange" if index else "green",
                    money_explanation="Meerwerk." if index else "",
                )
                ReportFigures.objects.create(
                    report=report,
                    current_budget=1000 + number,
                    forecast_at_completion=1000 + number * index,
                    forecast_end_date=dt.date(2024, 1 + index, 1),
                    decisions=[],
                )
    url = reverse("portfolio:portfolio", args=[periods[-1].slug])
    # the period, the public periods up to it, the published reports with their figures
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["portfolio"].worsened) == programmes
