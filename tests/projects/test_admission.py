"""In and out of the monitor: classification, the admission rule, leaving and its final report."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal as D
from fractions import Fraction

import pandas as pd
import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.models import (
    Admission,
    BaselineDecision,
    Classification,
    ClassificationModel,
    Criterion,
    Departure,
    ReportFigures,
    ReportingPeriod,
    StatusReport,
    admission_refusal,
    admits,
    capture_figures,
    classification_score,
    left_before,
    loading_history,
)
from tests.factory import make_frame

# --- The score follows the model, for every answer combination -------------------------------

criteria_strategy = st.lists(
    st.tuples(st.integers(1, 5), st.integers(1, 4)), min_size=1, max_size=4
)


@settings(deadline=None)  # every combination of up to 4 criteria: slow on a shared machine
@given(criteria=criteria_strategy, threshold=st.integers(0, 1000))
def test_score_and_admission_follow_the_model_for_every_answer_combination(criteria, threshold):
    threshold = D(threshold) / 10
    weights = pd.Series([w for w, _s in criteria], dtype="int64")
    scales = pd.Series([s for _w, s in criteria], dtype="int64")
    for answers in itertools.product(*(range(s + 1) for _w, s in criteria)):
        score = classification_score(criteria, answers)
        # Independent: in integers, scaled by the product of the scales, no division.
        common = int(scales.prod())
        numerator = int((weights * pd.Series(answers) * (common // scales)).sum()) * 100
        denominator = int(weights.sum()) * common
        assert score == Fraction(numerator, denominator)
        assert 0 <= score <= 100
        assert admits(score, threshold) == (numerator * 10 >= int(threshold * 10) * denominator)
    top = classification_score(criteria, [s for _w, s in criteria])
    assert top == 100 and admits(top, threshold)


@given(criteria=criteria_strategy, data=st.data())
def test_an_answer_outside_its_scale_is_refused(criteria, data):
    index = data.draw(st.integers(0, len(criteria) - 1))
    answers = [0] * len(criteria)
    answers[index] = data.draw(
        st.one_of(st.integers(max_value=-1), st.integers(min_value=criteria[index][1] + 1))
    )
    with pytest.raises(ValueError):
        classification_score(criteria, answers)


@pytest.fixture
def model(db):
    model = ClassificationModel.objects.create(name="Model", threshold=D("50.0"))
    for position, (scale_max, weight) in enumerate([(3, 3), (3, 1), (1, 2)]):
        Criterion.objects.create(
            model=model, name=f"C{position}", scale_max=scale_max, weight=weight, position=position
        )
    return model


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(answers=st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 1)))
def test_a_stored_scoring_follows_its_model(model, make_programme, answers):
    programme = make_programme()
    keys = [str(c.pk) for c in model.criteria.all()]
    scoring = Classification.record(programme, dict(zip(keys, answers, strict=True)))
    exact = classification_score([(3, 3), (1, 3), (2, 1)], answers)
    assert scoring.score == D(float(exact)).quantize(D("0.1"))
    assert scoring.admits == (exact >= 50)
    assert Classification.of(programme).first() == scoring


def test_scorings_are_kept_as_history_and_never_changed(model, make_programme, django_user_model):
    programme = make_programme()
    carla = django_user_model.objects.create(username="carla")
    keys = [str(c.pk) for c in model.criteria.all()]
    first = Classification.record(programme, dict.fromkeys(keys, 0), by=carla)
    second = Classification.record(programme, dict.fromkeys(keys, 1), by=carla)
    assert list(Classification.of(programme)) == [second, first]
    assert (first.admits, second.admits) == (False, True)
    assert second.scored_by == carla
    first.note = "later"
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        Classification.record(programme, {keys[0]: 1})  # every criterion needs an answer


# --- The rule: no report without admission, none after leaving ---------------------------------


@pytest.fixture
def periods(make_period):
    published = make_period("voorjaar", start=dt.date(2023, 2, 1))
    open_ = make_period(
        "zomer",
        start=dt.date(2023, 6, 1),
        state=ReportingPeriod.State.OPEN,
        end=dt.date(2023, 9, 30),
    )
    return published, open_


def test_a_programme_without_admission_gets_no_report(make_programme, periods):
    _published, period = periods
    admitted = make_programme("Toegelaten")
    outsider = make_programme("Niet toegelaten", admitted=False)
    track = make_programme("Spoor", parent=outsider, kind="track")
    created = period.create_draft_reports()
    assert [r.programme for r in created] == [admitted]
    assert admission_refusal(outsider, period) is not None
    assert admission_refusal(admitted, period) is None
    for programme in (outsider, track):
        with pytest.raises(ValidationError):
            StatusReport.draft_for(programme, period)
        with pytest.raises(ValidationError):
            StatusReport(programme=programme, period=period).full_clean()
        with pytest.raises(ValidationError):
            StatusReport.objects.create(programme=programme, period=period)
    assert not period.reports.filter(programme__in=[outsider, track]).exists()


def test_admission_from_a_later_period_refuses_earlier_ones(make_programme, periods):
    published, period = periods
    programme = make_programme(admitted=False)
    Admission.objects.create(
        programme=programme, decided_on=dt.date(2023, 5, 1), first_period=period
    )
    assert admission_refusal(programme, period) is None
    assert admission_refusal(programme, published) is not None
    assert [r.programme for r in period.create_draft_reports()] == [programme]


def test_a_programme_that_left_gets_no_report(make_programme, periods):
    published, period = periods
    programme = make_programme("Afgerond")
    track = make_programme("Spoor", parent=programme, kind="track")
    staying = make_programme("Blijft")
    Departure.objects.create(
        programme=programme,
        reason=Departure.Reason.COMPLETED,
        last_period=published,
        decided_on=dt.date(2023, 5, 15),
    )
    assert admission_refusal(programme, published) is None  # its last period
    assert [r.programme for r in period.create_draft_reports()] == [staying]
    for refused in (programme, track):
        with pytest.raises(ValidationError):
            StatusReport.draft_for(refused, period)
    assert [d.programme for d in left_before(period)] == [programme]


def test_history_loaded_before_admissions_were_recorded_is_exempt(make_programme, periods):
    published, _period = periods
    programme = make_programme(admitted=False)
    with loading_history():
        StatusReport.objects.create(programme=programme, period=published)


def test_admission_needs_a_decision_date_and_known_aspects(make_programme):
    programme = make_programme(admitted=False)
    admission = Admission(programme=programme, decision_body=Admission.Body.COUNCIL)
    admission.aspects = ["money", "weather"]
    with pytest.raises(ValidationError) as error:
        admission.full_clean()
    assert set(error.value.message_dict) == {"decided_on", "aspects"}
    admission.decided_on, admission.aspects = dt.date(2023, 1, 10), ["money", "time"]
    admission.full_clean()
    assert admission.aspect_labels() == ["money", "time"] or admission.aspect_labels() == [
        "geld",
        "tijd",
    ]


# --- Leaving: the final report is computed from history --------------------------------------


def test_the_final_report_equals_the_figures_computed_from_history(make_programme, make_period):
    programme = make_programme()
    make_frame(programme, budget=D("1000000"), end_date=dt.date(2023, 12, 31))
    history = [
        (dt.date(2022, 10, 1), "green", D("1000000"), dt.date(2023, 12, 31), None),
        (dt.date(2023, 2, 1), "orange", D("1150000"), dt.date(2024, 3, 31), D("1100000")),
        (dt.date(2023, 6, 1), "red", D("1210000"), dt.date(2024, 6, 30), D("1200000")),
    ]
    rows = []
    for start, light, forecast, end, rebaseline in history:
        period = make_period(start=start)
        if rebaseline:
            BaselineDecision.objects.create(
                programme=programme,
                decided_on=start,
                decided_by="Gemeenteraad",
                budget=rebaseline,
                end_date=end,
            )
        with loading_history():
            report = StatusReport.objects.create(
                programme=programme,
                period=period,
                state=StatusReport.State.APPROVED,
                **{f"{a}_rating": light for a in ("quality", "money", "time", "risk")},
            )
            ReportFigures.objects.create(
                report=report, forecast_at_completion=forecast, forecast_end_date=end
            )
            capture_figures(report, allow_published=True)
        rows.append(
            {
                "start": start,
                "period": period,
                "light": light,
                "forecast": forecast,
                "end": end,
                "budget": rebaseline,
            }
        )
    frame = pd.DataFrame(rows).sort_values("start")
    last = frame.iloc[-1]
    departure = Departure.objects.create(
        programme=programme,
        reason=Departure.Reason.COMPLETED,
        last_period=last["period"],
        decided_on=dt.date(2023, 10, 1),
    )
    final = departure.final_report()
    assert final.period == last["period"]
    assert set(final.ratings.values()) == {last["light"]}
    assert final.final_cost == last["forecast"]
    assert final.original_budget == D("1000000")
    assert final.last_budget == frame["budget"].dropna().iloc[-1]
    assert final.cost_against_original == last["forecast"] - D("1000000")
    assert final.cost_against_last_baseline == last["forecast"] - frame["budget"].dropna().iloc[-1]
    assert final.days_late == (last["end"] - dt.date(2023, 12, 31)).days


def test_an_evaluation_needs_its_date(make_programme, make_period):
    programme = make_programme()
    departure = Departure(
        programme=programme,
        reason=Departure.Reason.STOPPED,
        last_period=make_period(),
        decided_on=dt.date(2023, 6, 1),
        lessons="Eerder stoppen.",
    )
    with pytest.raises(ValidationError) as error:
        departure.full_clean()
    assert "evaluated_on" in error.value.message_dict
