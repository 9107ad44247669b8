"""Figures and signals: derivations at their boundaries, thresholds, snapshots."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.calculations import measure_money, measure_time, months_between
from projects.models import (
    Aspect,
    BaselineDecision,
    Milestone,
    MilestoneSnapshot,
    Rating,
    ReportFigures,
    ReportingPeriod,
    Risk,
    SignalThresholds,
    capture_figures,
)
from reports.publication import publish_period

D = Decimal
DEFAULTS = SignalThresholds()  # 5 % / 10 %, 1 / 3 months


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2023, 12, 31), dt.date(2024, 6, 30), D("6.0")),  # ADIDAS: half a year
        (dt.date(2023, 12, 31), dt.date(2024, 1, 31), D("1.0")),
        (dt.date(2023, 12, 31), dt.date(2024, 1, 30), D("0.9")),  # 30 of 31 days: not a month
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), D("1.0")),  # clamped to a short month
        (dt.date(2023, 1, 15), dt.date(2023, 1, 15), D("0.0")),
        (dt.date(2023, 6, 30), dt.date(2023, 4, 30), D("-2.0")),  # early
        (dt.date(2022, 12, 31), dt.date(2023, 6, 30), D("6.0")),  # Sorga
    ],
)
def test_months_between(start, end, months):
    assert months_between(start, end) == months


@pytest.mark.parametrize(
    ("forecast", "rating"),
    [
        (dt.date(2024, 1, 30), Rating.GREEN),  # 0.9 month
        (dt.date(2024, 1, 31), Rating.ORANGE),  # exactly 1 month: orange threshold reached
        (dt.date(2024, 3, 30), Rating.ORANGE),  # 2.9 months
        (dt.date(2024, 3, 31), Rating.RED),  # exactly 3 months: red threshold reached
        (dt.date(2023, 11, 30), Rating.GREEN),  # before the baseline: ahead of schedule
    ],
)
def test_time_signal_at_the_thresholds(forecast, rating):
    measurement = measure_time(dt.date(2023, 12, 31), forecast, DEFAULTS)
    assert measurement.rating is rating


def test_time_signal_before_the_baseline_is_negative_slippage():
    measurement = measure_time(dt.date(2023, 12, 31), dt.date(2023, 10, 31), DEFAULTS)
    assert measurement.deviation == D("-2.0")
    assert measurement.rating is Rating.GREEN


def test_time_signal_without_baseline_or_forecast_gives_no_colour():
    assert measure_time(None, dt.date(2024, 1, 1), DEFAULTS).rating is None
    assert measure_time(None, dt.date(2024, 1, 1), DEFAULTS).note
    assert measure_time(dt.date(2024, 1, 1), None, DEFAULTS).rating is None


@pytest.mark.parametrize(
    ("forecast", "deviation", "rating"),
    [
        ("104999", D("4.9"), Rating.GREEN),
        ("105000", D("5.0"), Rating.ORANGE),  # exactly 5 %: orange
        ("109999", D("9.9"), Rating.ORANGE),
        ("110000", D("10.0"), Rating.RED),  # exactly 10 %: red
        ("112000", D("12.0"), Rating.RED),
        ("90000", D("-10.0"), Rating.GREEN),  # under budget
    ],
)
def test_money_signal_at_the_thresholds(forecast, deviation, rating):
    measurement = measure_money(D("100000"), D(forecast), DEFAULTS)
    assert (measurement.deviation, measurement.rating) == (deviation, rating)
    assert measurement.difference == D(forecast) - D("100000")


def test_money_signal_with_a_budget_of_zero():
    nothing_spent = measure_money(D(0), D(0), DEFAULTS)
    assert (nothing_spent.deviation, nothing_spent.rating) == (D(0), Rating.GREEN)
    spending = measure_money(D(0), D("250000"), DEFAULTS)
    assert spending.deviation is None  # no percentage of zero
    assert spending.rating is Rating.RED
    assert spending.difference == D("250000")


def test_money_signal_without_budget_or_forecast_gives_no_colour():
    assert measure_money(None, D(100), DEFAULTS).rating is None
    assert measure_money(D(100), None, DEFAULTS).rating is None


def test_thresholds_default_until_a_coordinator_saves_them(db):
    assert SignalThresholds.current().money_orange_percent == D(5)
    SignalThresholds(money_orange_percent=D(3), money_red_percent=D(6)).save()
    thresholds = SignalThresholds.current()
    assert (thresholds.money_orange_percent, thresholds.pk) == (D(3), 1)
    assert measure_money(D(100), D(103), thresholds).rating is Rating.ORANGE
    assert SignalThresholds.objects.count() == 1


def test_thresholds_reject_red_below_orange(db):
    with pytest.raises(ValidationError) as excinfo:
        SignalThresholds(time_orange_months=D(3), time_red_months=D(1)).full_clean()
    assert "time_red_months" in excinfo.value.message_dict


# --- The frame, snapshots and mismatches -------------------------------------------------------


def frame(programme, *, budget="21000000", end=dt.date(2024, 12, 31)):
    return BaselineDecision.objects.create(
        programme=programme,
        kind="original",
        decided_on=dt.date(2021, 5, 20),
        decided_by="Gemeenteraad",
        reference="RV 2021-123",
        budget=D(budget),
        end_date=end,
    )


def test_rebaseline_is_measured_against_both_baselines(make_report, make_period):
    report = make_report(period=make_period(state="open"))
    frame(report.programme)
    BaselineDecision.objects.create(
        programme=report.programme,
        decided_on=dt.date(2023, 4, 18),
        decided_by="College van B en W",
        reference="BusinessCase Anders Werken",
        budget=D("22500000"),
    )
    ReportFigures.objects.create(report=report, forecast_at_completion=D("22400000"))
    figures = capture_figures(report)
    money = figures.money_signal(DEFAULTS)
    assert money.rebaselined
    assert (money.original.deviation, money.original.rating) == (D("6.6"), Rating.ORANGE)
    assert (money.current.deviation, money.current.rating) == (D("-0.4"), Rating.GREEN)
    assert money.suggested is Rating.GREEN
    assert [d.budget_change for d in figures.rebaselines] == [D("1500000")]
    # The end date was not re-baselined: the later decision keeps the original one.
    assert figures.current_end_date == figures.original_end_date == dt.date(2024, 12, 31)


def test_second_original_baseline_is_refused(make_programme):
    programme = make_programme()
    frame(programme)
    with pytest.raises(IntegrityError), transaction.atomic():
        frame(programme)


@pytest.mark.parametrize(
    ("chosen", "mismatch"),
    [("green", True), ("orange", True), ("red", False)],
)
def test_signal_mismatches_when_the_light_is_greener_than_the_figures(
    make_report, make_period, chosen, mismatch
):
    report = make_report(
        period=make_period(state="open"),
        state="draft",
        money_rating=chosen,
        money_explanation="" if chosen == "green" else "Meerkosten.",
    )
    frame(report.programme, budget="1000000")
    ReportFigures.objects.create(report=report, forecast_at_completion=D("1120000"))
    capture_figures(report)
    report.refresh_from_db()
    mismatches = report.signal_mismatches()
    assert bool(mismatches) is mismatch
    if mismatch:
        assert mismatches[0].aspect is Aspect.MONEY
        assert (mismatches[0].suggested, mismatches[0].chosen) == (Rating.RED, Rating(chosen))


def test_report_without_figures_has_no_signals(make_report):
    assert make_report().signal_checks() == []


def test_milestone_achieved_before_its_baseline(make_report, make_period):
    report = make_report(period=make_period(state="open"))
    Milestone.objects.create(
        programme=report.programme,
        name="Livegang",
        baseline_date=dt.date(2023, 6, 30),
        actual_date=dt.date(2023, 6, 2),
    )
    capture_figures(report)
    snapshot = MilestoneSnapshot.objects.get(report=report)
    assert snapshot.status == "achieved"
    assert snapshot.slippage_months == D("-0.9")


def test_figures_of_a_published_period_cannot_be_recaptured(make_report):
    report = make_report()  # published period
    with pytest.raises(ValidationError):
        capture_figures(report)


def test_publication_captures_figures_of_approved_reports_without_them(make_report, make_period):
    period = make_period(state=ReportingPeriod.State.IN_REVIEW)
    report = make_report(period=period)
    frame(report.programme)
    Risk.objects.create(programme=report.programme, title="Uitloop", likelihood=3, impact=4)
    publish_period(period, by=None)
    assert report.figures.original_budget == D("21000000")
    assert report.risk_snapshots.get().score == 12


def test_rebaseline_from_a_budget_of_zero_shows_the_full_change(make_report, make_period):
    report = make_report(period=make_period(state="open"))
    frame(report.programme, budget="0")
    BaselineDecision.objects.create(
        programme=report.programme,
        decided_on=dt.date(2023, 4, 18),
        decided_by="College van B en W",
        budget=D("250000"),
    )
    figures = capture_figures(report)
    assert [d.budget_change for d in figures.rebaselines] == [D("250000")]
    assert figures.original_decision.budget_change is None


def test_a_new_draft_starts_from_last_periods_figures(demo):
    import datetime as dt

    from projects.models import Programme, ReportingPeriod, StatusReport

    later = ReportingPeriod.objects.create(
        label="oktober 2023 t/m januari 2024",
        start=dt.date(2023, 10, 1),
        end=dt.date(2024, 1, 31),
    )
    adidas = Programme.objects.get(slug="adidas")
    draft = StatusReport.draft_for(adidas, later)
    published = StatusReport.objects.get(period=demo, programme=adidas)
    assert draft.figures.forecast_at_completion == published.figures.forecast_at_completion
    assert draft.figures.forecast_end_date == published.figures.forecast_end_date
    assert draft.milestone_snapshots.count() == adidas.milestones.count()


def test_an_achieved_date_cannot_lie_in_the_future(make_programme):
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from projects.models import Milestone

    milestone = Milestone(
        programme=make_programme(),
        name="Oplevering Thomas DUP",
        baseline_date=dt.date(2023, 12, 31),
        actual_date=timezone.localdate() + dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as excinfo:
        milestone.full_clean()
    assert "actual_date" in excinfo.value.message_dict
    milestone.actual_date = timezone.localdate()
    milestone.full_clean()


def test_the_default_thresholds_fixture_matches_the_built_in_defaults(db):
    from django.core.management import call_command

    from projects.models import SignalThresholds

    call_command("loaddata", "signal_thresholds", verbosity=0)
    stored, built_in = SignalThresholds.objects.get(pk=1), SignalThresholds()
    for name in SignalThresholds.VALUES:
        assert getattr(stored, name) == getattr(built_in, name), name
