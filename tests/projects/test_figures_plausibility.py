"""Implausible figures are refused with a reason, and stored ones never break a page (issue 9,
defects 3, 5 and the figures part of 6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from pytest_django.asserts import assertContains

from projects.calculations import months_between
from projects.models import (
    BaselineDecision,
    Milestone,
    MilestoneSnapshot,
    ReportFigures,
    StatusReport,
    capture_figures,
)
from reports.publication import publish_period
from tests.projects.test_figures_form import edit_url, figures_post, planned  # noqa: F401

pytestmark = pytest.mark.django_db

SIGNAL = "/signaal/"
FRAME = {
    "original_budget": "1000000.00",
    "current_budget": "1000000.00",
    "original_end_date": "2024-12-31",
    "current_end_date": "2024-12-31",
    "money_rating": "green",
    "time_rating": "green",
}


# --- Defect 3: 9999-12-31 and absurd amounts ---------------------------------------------------


def test_a_forecast_end_date_of_9999_is_refused_with_the_reason(client, planned):  # noqa: F811
    report = planned.report
    client.force_login(planned.manager)
    response = client.post(edit_url(report), figures_post(report, forecast_end_date="9999-12-31"))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "9999-12-31 is geen aannemelijke datum; kies een datum tussen 1 januari 2000 en "
        "31 december 2100." in html
    )
    assert 'href="#id_forecast_end_date"' in html  # named in the summary, linked
    assert not ReportFigures.objects.filter(report=report).exists()


def test_milestone_dates_outside_2000_2100_are_refused_on_the_form(client, planned):  # noqa: F811
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(report) | {"milestones-0-forecast_date": "1999-12-31"}
    response = client.post(edit_url(report), data)
    assert response.status_code == 200
    assertContains(response, "1999-12-31 is geen aannemelijke datum")
    assert report.programme.milestones.get().forecast_date is None


@pytest.mark.parametrize(
    "params",
    [
        {"current_budget": "1e-30", "forecast_at_completion": "1120000"},
        {"original_budget": "1e-30", "forecast_at_completion": "1120000"},
        {"forecast_at_completion": "9" * 40},
        {"forecast_at_completion": "1" * 13},
        {"current_budget": "9" * 40, "forecast_at_completion": "1"},
        {"current_budget": "NaN", "forecast_at_completion": "1"},
        {"current_budget": "Infinity", "forecast_at_completion": "1"},
        {"forecast_end_date": "9999-12-31"},
        {"current_end_date": "9999-12-31", "forecast_end_date": "2024-01-01"},
        {"original_end_date": "0001-01-01", "forecast_end_date": "2024-01-01"},
    ],
)
def test_the_public_signal_box_answers_absurd_input_with_a_message(client, params):
    response = client.get(SIGNAL, FRAME | params)
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()  # says what is wrong


def test_the_signal_box_still_signals_plausible_input(client):
    response = client.get(SIGNAL, FRAME | {"forecast_at_completion": "1.120.000,50"})
    assert response.status_code == 200
    assertContains(response, "+12,0")


def test_months_between_is_defined_up_to_the_last_representable_day():
    assert months_between(dt.date(9999, 11, 30), dt.date(9999, 12, 31)) == D("1.0")
    assert months_between(dt.date(9999, 12, 1), dt.date(9999, 12, 31)) == D("0.9")
    assert months_between(dt.date(2024, 12, 31), dt.date.max) > 0
    assert months_between(dt.date.max, dt.date.min) < 0


@given(
    st.dates(min_value=dt.date(9990, 1, 1)) | st.dates(),
    st.dates(min_value=dt.date(9990, 1, 1)) | st.dates(),
)
@example(dt.date(2024, 1, 31), dt.date(9999, 12, 31))
def test_months_between_never_raises_and_is_antisymmetric(start, end):
    assert months_between(start, end) == -months_between(end, start)


def test_stored_legacy_dates_and_amounts_do_not_break_any_page(client, planned):  # noqa: F811
    """Figures stored before the bounds existed (bypassing validation) degrade to 'no signal'."""
    report = planned.report
    milestone = report.programme.milestones.get()
    Milestone.objects.filter(pk=milestone.pk).update(forecast_date=dt.date(9999, 12, 31))
    ReportFigures.objects.create(
        report=report,
        forecast_at_completion=D("999999999999.99"),
        forecast_end_date=dt.date(9999, 12, 31),
    )
    BaselineDecision.objects.filter(programme=report.programme).update(budget=D("0.01"))
    capture_figures(report)
    assert MilestoneSnapshot.objects.get(report=report).slippage_months > 0

    client.force_login(planned.manager)
    response = client.get(edit_url(report))
    assert response.status_code == 200
    report.refresh_from_db()
    for field, value in {"money_rating": "green", "time_rating": "green"}.items():
        setattr(report, field, value)
    report.quality_rating = report.risk_rating = "green"
    report.money_greener_reason = "Oude cijfers."  # green against a red signal (issue 14)
    report.submit(by=planned.manager)
    client.force_login(planned.controller)
    html = client.get(reverse("projects:review", args=[report.pk])).content.decode()
    assert "31 december 9999" in html and "datum buiten het aannemelijke bereik" in html
    concept = client.get(reverse("reports:period_pdf", kwargs={"period": report.period.slug}))
    assert concept.status_code == 200

    # Publication (which renders the archived PDF) and the public drill-down still work.
    planned.other_report.exclusion_reason = "Niet in deze ronde."
    planned.other_report.save()
    report.refresh_from_db()
    report.approve(by=planned.controller)
    report.period.close_for_review()
    publish_period(report.period, by=None)
    client.logout()
    drill_down = client.get(
        reverse(
            "reports:programme",
            kwargs={"period": report.period.slug, "programme": report.programme.slug},
        )
    )
    assert drill_down.status_code == 200
    assertContains(drill_down, "31 december 9999")


def test_model_fields_refuse_implausible_dates_and_amounts(planned):  # noqa: F811
    programme = planned.programme
    with pytest.raises(ValidationError) as refused:
        Milestone(programme=programme, name="x", baseline_date=dt.date(1999, 12, 31)).full_clean()
    assert set(refused.value.message_dict) == {"baseline_date"}
    with pytest.raises(ValidationError) as refused:
        BaselineDecision(
            programme=programme,
            kind="rebaseline",
            decided_on=dt.date(2101, 1, 1),
            decided_by="Raad",
            budget=D("1000000000000"),
            end_date=dt.date(9999, 12, 31),
        ).full_clean()
    assert set(refused.value.message_dict) == {"decided_on", "budget", "end_date"}
    with pytest.raises(ValidationError) as refused:
        ReportFigures(report=planned.report, forecast_end_date=dt.date(2101, 1, 1)).full_clean()
    assert set(refused.value.message_dict) == {"forecast_end_date"}


# --- Defect 6 (figures): spent more than the forecast ------------------------------------------

OVERSPENT = {"forecast_at_completion": "1.120.000", "spent_to_date": "1.200.000"}


def test_spent_above_the_forecast_is_refused_without_an_explanation(client, planned):  # noqa: F811
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(report, **OVERSPENT, money_rating="green", money_explanation="")
    response = client.post(edit_url(report), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Uitgegeven tot nu toe is hoger dan de prognose bij afronding; verhoog de prognose of "
        "licht het toe bij geld." in html
    )
    assert 'href="#id_spent_to_date"' in html
    assert not ReportFigures.objects.filter(report=report).exists()


def test_spent_above_the_forecast_is_accepted_with_the_money_explanation(client, planned):  # noqa: F811
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(report, **OVERSPENT, money_explanation="Prognose wacht op raadsbesluit.")
    response = client.post(edit_url(report), data)
    assert response.status_code == 302
    assert ReportFigures.objects.get(report=report).spent_to_date == D("1200000")


def test_the_admin_and_imports_follow_the_same_model_rule(planned):  # noqa: F811
    report = planned.report
    StatusReport.objects.filter(pk=report.pk).update(money_explanation="")
    report.refresh_from_db()
    figures = ReportFigures(report=report, forecast_at_completion=D(100), spent_to_date=D(101))
    with pytest.raises(ValidationError) as refused:
        figures.full_clean()
    assert set(refused.value.message_dict) == {"spent_to_date"}
    StatusReport.objects.filter(pk=report.pk).update(money_explanation="Besluit volgt.")
    figures.report = StatusReport.objects.get(pk=report.pk)
    figures.full_clean()  # explained: accepted


# --- Defect 5: the error summary names and links every wrong field ------------------------------


def test_a_missing_light_is_named_not_reported_as_bad_figures(client, planned):  # noqa: F811
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(report, quality_rating="", submit="Indienen")
    response = client.post(edit_url(report), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "enkele cijfers" not in html
    summary = html[html.index('class="message message--error error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert "Niet opgeslagen: verbeter deze velden" in summary
    assert '<a href="#id_quality_rating_0">Beoordeling kwaliteit</a>: Kies een kleur.' in (summary)
    assert 'id="id_quality_rating_0"' in html
    report.refresh_from_db()
    assert report.state == StatusReport.State.DRAFT


def test_the_summary_lists_lights_explanations_figures_milestones_and_risks(client, planned):  # noqa: F811
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(
        report,
        money_explanation="",  # money is orange: explanation required to submit (issue 14)
        submit="Indienen",
        forecast_at_completion="1.5",
        forecast_end_date="31-31-2024",
    )
    new = data["risks-INITIAL_FORMS"]
    data |= {
        "milestones-0-actual_date": "gisteren",
        "risks-0-impact": "",
        f"risks-{new}-title": "Half ingevuld risico",
    }
    html = client.post(edit_url(report), data).content.decode()
    summary = html[html.index("error-summary") : html.index('id="aspects-heading"')]
    expected = {
        "#id_money_explanation": "Toelichting geld",
        "#id_forecast_at_completion": "Prognose bij afronding (€)",
        "#id_forecast_end_date": "Verwachte einddatum",
        "#id_milestones-0-actual_date": "Werkelijke datum: Livegang",
        "#id_risks-0-impact": "Impact: Uitval leverancier",
        f"#id_risks-{new}-likelihood": "Kans: Risico toevoegen",
        f"#id_risks-{new}-impact": "Impact: Risico toevoegen",
    }
    for anchor, label in expected.items():
        assert f'<a href="{anchor}">{label}</a>: ' in summary, (anchor, summary)
        assert f'id="{anchor[1:]}"' in html  # the link lands on an input
    assert summary.count("<li>") == len(expected)


def test_a_missing_light_and_a_wrong_figure_are_named_together(client, planned):  # noqa: F811
    """Submitting checks the lights with the other fields, not only after the figures pass."""
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(
        report, quality_rating="", forecast_end_date="9999-12-31", submit="Indienen"
    )
    html = client.post(edit_url(report), data).content.decode()
    summary = html[html.index("error-summary") : html.index('id="aspects-heading"')]
    assert '<a href="#id_quality_rating_0">Beoordeling kwaliteit</a>: Kies een kleur.' in summary
    assert '<a href="#id_forecast_end_date">Verwachte einddatum</a>: 9999-12-31' in summary
    report.refresh_from_db()
    assert report.state == StatusReport.State.DRAFT
