"""Figures on public pages: drill-down blocks, frozen publication, overview markers, signals."""

import datetime as dt
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import (
    BaselineDecision,
    Milestone,
    ReportFigures,
    ReportingPeriod,
    Risk,
    SignalThresholds,
    StatusReport,
    capture_figures,
)
from reports.publication import publish_period
from tests.factory import make_frame


def programme_url(report):
    return reverse(
        "reports:programme",
        kwargs={"period": report.period.slug, "programme": report.programme.slug},
    )


def figures_html(client, report) -> str:
    html = client.get(programme_url(report)).content.decode()
    # The page's CSRF tokens differ per request; everything else must be identical.
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_demo_drill_down_shows_milestones_money_risk_grid_and_trend(client, demo):
    report = StatusReport.objects.get(period=demo, programme__slug="adidas")
    html = figures_html(client, report)
    # Milestones: Thomas DUP moved six months, to June 2024.
    assert "Oplevering Thomas DUP" in html
    assert "jun 2024" in html and "+6,0 mnd." in html
    # Money: budget with its decision, forecast, spent, deviation and the signal.
    assert "€\xa012.400.000" in html and "besloten door Gemeenteraad op 17 december 2020" in html
    assert "€\xa013.890.000" in html and "+12,0&nbsp;%" in html
    assert "Signaal uit de cijfers" in html
    # Time: slippage derived from the dates.
    assert "30 juni 2024" in html
    # Risks: top risks and the 5×5 grid, with text beside the colour.
    assert "Belangrijkste risico’s" in html and "RMW niet beschikbaar na eind 2023" in html
    assert "Kans × impact" in html
    assert html.count('class="risk-grid__cell ') == 25
    assert "kans 4 × impact 5 = 20" in html
    # Trend: both published periods, and what changed since the previous one.
    assert "Verloop" in html and "oktober 2022 t/m januari 2023" in html
    assert "Veranderd sinds oktober 2022 t/m januari 2023" in html
    assert "verslechterd" in html and "verbeterd" in html


def test_demo_rdi_shows_the_rebaseline_and_the_cumulative_change(client, demo):
    report = StatusReport.objects.get(period=demo, programme__slug="rdi")
    html = figures_html(client, report)
    assert "Herijking van 18 april 2023" in html and "Besluit BusinessCase Anders Werken" in html
    assert "+€\xa01.500.000" in html
    assert "T.o.v. het oorspronkelijke kader" in html and "T.o.v. de laatste herijking" in html
    assert "+6,6&nbsp;%" in html  # since the original budget
    assert "−0,4&nbsp;%" in html  # against the latest re-baseline


def test_demo_sorga_closes_on_30_june_after_its_last_milestone_in_april(client, demo):
    report = StatusReport.objects.get(period=demo, programme__slug="sorga")
    html = figures_html(client, report)
    assert "19 apr 2023" in html and "Later behaald" in html
    assert "30 juni 2023" in html


def test_published_drill_down_does_not_change_when_figures_change_afterwards(
    client, make_report, make_period
):
    period = make_period(state=ReportingPeriod.State.IN_REVIEW)
    report = make_report(period=period, time_rating="orange", time_explanation="Uitloop.")
    programme = report.programme
    frame = make_frame(
        programme,
        decided_on=dt.date(2021, 1, 1),
        baseline_date=dt.date(2023, 12, 31),
        forecast_date=dt.date(2024, 2, 29),
        risk="Verloop",
        likelihood=3,
    )
    milestone, risk = frame.milestone, frame.risk
    ReportFigures.objects.create(
        report=report,
        forecast_at_completion=Decimal("1040000"),
        spent_to_date=Decimal("600000"),
        forecast_end_date=dt.date(2024, 2, 29),
    )
    capture_figures(report)
    publish_period(period, by=None)
    before = figures_html(client, report)
    assert "Livegang" in before and "€\xa01.000.000" in before and "kans 3 × impact 4" in before

    # Afterwards the programme moves on: a re-baseline, a later forecast, new and changed risks.
    BaselineDecision.objects.create(
        programme=programme,
        decided_on=dt.date(2023, 9, 1),
        decided_by="College van B en W",
        budget=Decimal("1500000"),
        end_date=dt.date(2024, 6, 30),
    )
    milestone.forecast_date = dt.date(2024, 9, 30)
    milestone.name = "Livegang (herijkt)"
    milestone.save()
    risk.likelihood, risk.impact = 5, 5
    risk.save()
    Risk.objects.create(programme=programme, title="Nieuw risico", likelihood=2, impact=2)
    Milestone.objects.create(programme=programme, name="Nazorg", baseline_date=dt.date(2024, 3, 1))
    later = make_period(start=period.start + dt.timedelta(days=150))
    make_report(programme=programme, period=later, money_rating="red", money_explanation="Meer.")
    # ... the coordinator tightens the thresholds, and the programme is renamed.
    SignalThresholds.objects.create(
        pk=1,
        money_orange_percent=Decimal("1"),
        money_red_percent=Decimal("2"),
        time_orange_months=Decimal("0.5"),
        time_red_months=Decimal("1"),
    )
    programme.name, programme.goal = "Hernoemd programma", "Een ander doel."
    programme.save()

    assert figures_html(client, report) == before


def test_overview_marks_programmes_whose_lights_changed(client, make_programme, make_period):
    from projects.models import StatusReport as SR
    from projects.models import loading_history

    previous = make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    current = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))

    def report(programme, period, **ratings):
        values = {f"{a}_rating": "green" for a in ("quality", "money", "time", "risk")}
        values.update(ratings)
        with loading_history():  # a published period takes no new report otherwise
            SR.objects.create(programme=programme, period=period, state="approved", **values)

    worse, better, same = (
        make_programme("Slechter"),
        make_programme("Beter"),
        make_programme("Gelijk"),
    )
    report(worse, previous)
    report(worse, current, time_rating="red")
    report(better, previous, money_rating="orange")
    report(better, current)
    report(same, previous)
    report(same, current)
    html = client.get(reverse("reports:overview", kwargs={"period": current.slug})).content.decode()
    rows = {
        name: html.split(name, 1)[1].split("</th>", 1)[0]
        for name in ("Slechter", "Beter", "Gelijk")
    }
    assert "▼ verslechterd" in rows["Slechter"] and "verbeterd" not in rows["Slechter"]
    assert "▲ verbeterd" in rows["Beter"] and "verslechterd" not in rows["Beter"]
    assert "change-marker" not in rows["Gelijk"]


def test_signal_box_asks_for_an_explanation_when_the_light_is_greener(client, db):
    response = client.get(
        reverse("reports:signal"),
        {
            "current_budget": "1000000",
            "forecast_at_completion": "1120000",
            "money_rating": "green",
            "current_end_date": "2023-12-31",
            "forecast_end_date": "2024-01-31",
            "time_rating": "orange",
        },
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="signal-box"')
    assert (
        "Op basis van de cijfers zou geld rood zijn; u kiest groen — geef vóór het indienen "
        "de reden bij ‘Waarom niet oranje/rood?’."
    ) in html
    assert "Prognose +12,0 % ten opzichte van het huidige budget." in html
    assert "zou tijd" not in html  # orange chosen, orange suggested: no question


def test_signal_box_shows_the_cumulative_change_after_a_rebaseline(client, db):
    html = client.get(
        reverse("reports:signal"),
        {
            "original_budget": "21000000",
            "current_budget": "22500000",
            "forecast_at_completion": "22400000",
            "money_rating": "green",
        },
    ).content.decode()
    assert "signal-box__mismatch" not in html
    assert "Sinds het oorspronkelijke kader: +6,6 %." in html


def test_signal_box_with_prefixed_fields_and_bad_input(client, db):
    html = client.get(
        reverse("reports:signal"),
        {"prefix": "figures", "figures-current_budget": "veel", "figures-money_rating": "green"},
    ).content.decode()
    assert "huidig budget (€)" in html and "Voer een getal in." in html
    assert "signal-box__mismatch" not in html


def test_drill_down_without_figures_says_so_once(client, make_report):
    html = figures_html(client, make_report())
    assert html.count("Voor deze rapportage zijn geen cijfers vastgelegd.") == 1
    assert "Geen mijlpalen vastgelegd." not in html


def test_drill_down_query_count_does_not_grow_with_figures(client, demo):
    # RDI and GREAT differ in decisions, milestones and risks; the page costs the same.
    counts = []
    for slug in ("rdi", "great"):
        report = StatusReport.objects.get(period=demo, programme__slug=slug)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(programme_url(report)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
