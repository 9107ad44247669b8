"""Issue 14: the one submission rule, as the inline check, the history and publication see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.models import CostSplit, FrozenReportError, ReportingPeriod, StatusReport
from reports.publication import publish_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def adidas_draft(demo):
    # ADIDAS's figures: forecast 12 % over the current budget and half a year late: both red.
    return StatusReport.objects.get(programme__slug="adidas", period__state="open")


def aspect_post(report, **changes) -> dict:
    data = {
        "version": report.version,
        **{name: getattr(report, name) for name in StatusReport.CONTENT_FIELDS},
    }
    return {**data, **changes}


def test_inline_check_asks_for_the_reason_when_money_is_greener_than_its_signal(
    client, adidas_draft
):
    client.force_login(adidas_draft.programme.manager)
    url = reverse("projects:check_aspect", args=[adidas_draft.pk, "money"])
    html = client.post(
        url, aspect_post(adidas_draft, money_rating="green"), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Op basis van de cijfers zou geld rood zijn" in html
    html = client.post(
        url,
        aspect_post(adidas_draft, money_rating="green", money_greener_reason="Gedekt."),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Op basis van de cijfers" not in html
    html = client.post(
        url, aspect_post(adidas_draft, money_rating="red"), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Op basis van de cijfers" not in html  # red is not greener than red


def test_the_form_marks_the_reason_required_only_when_the_light_is_greener(client, adidas_draft):
    client.force_login(adidas_draft.programme.manager)
    adidas_draft.money_rating = "green"
    adidas_draft.time_rating = "red"
    adidas_draft.save()
    html = client.get(reverse("projects:edit", args=[adidas_draft.pk])).content.decode()
    money = html[html.index('id="aspect-money"') : html.index('id="aspect-time"')]
    time = html[html.index('id="aspect-time"') : html.index('id="aspect-risk"')]
    assert "verplicht voor indienen" in money
    assert "verplicht voor indienen" not in time
    assert 'name="time_greener_reason"' in time


def test_the_reason_is_kept_in_history_and_frozen_at_publication(adidas_draft):
    adidas_draft.money_rating = "green"
    adidas_draft.money_greener_reason = "Gedekt door het raadsbesluit van juni."
    adidas_draft.save()
    changes = [change for entry in adidas_draft.timeline() for change in entry.changes]
    assert any(change.new == "Gedekt door het raadsbesluit van juni." for change in changes), (
        changes
    )
    assert "money_greener_reason" in StatusReport.CONTENT_FIELDS  # conflicts compare it too

    period = adidas_draft.period
    for report in period.reports.all():
        report.exclude_from_publication(by=None, reason="Niet in deze test.")
    publish_period(period, by=None)
    frozen = StatusReport.objects.get(pk=adidas_draft.pk)
    frozen.money_greener_reason = "Achteraf anders."
    with pytest.raises(FrozenReportError):
        frozen.save()
    assert ReportingPeriod.objects.get(pk=period.pk).is_published


def test_a_reason_for_a_light_that_is_not_greener_is_not_submitted(adidas_draft):
    # Both of ADIDAS's signals are red. A reason typed while money was green stays in the draft,
    # but once the manager chooses red it explains a choice that was not made: the controller,
    # the council and the open data must not read it. The history keeps what was typed.
    adidas_draft.money_rating = "green"
    adidas_draft.money_greener_reason = "Gedekt door de reserve."
    adidas_draft.save()
    for aspect, rating in (
        ("quality", "green"),
        ("money", "red"),
        ("time", "red"),
        ("risk", "red"),
    ):
        setattr(adidas_draft, f"{aspect}_rating", rating)
        setattr(adidas_draft, f"{aspect}_explanation", f"Toelichting {aspect}.")
    adidas_draft.time_greener_reason = "Ook niet van toepassing."
    adidas_draft.save()
    assert StatusReport.objects.get(pk=adidas_draft.pk).money_greener_reason  # drafts keep it
    adidas_draft.submit(by=adidas_draft.programme.manager)
    submitted = StatusReport.objects.get(pk=adidas_draft.pk)
    assert (submitted.money_greener_reason, submitted.time_greener_reason) == ("", "")
    typed = [change.new for entry in submitted.timeline() for change in entry.changes]
    assert "Gedekt door de reserve." in typed


def test_a_reason_for_a_greener_light_is_submitted(adidas_draft):
    for aspect, rating in (
        ("quality", "green"),
        ("money", "green"),
        ("time", "red"),
        ("risk", "red"),
    ):
        setattr(adidas_draft, f"{aspect}_rating", rating)
        setattr(adidas_draft, f"{aspect}_explanation", f"Toelichting {aspect}.")
    adidas_draft.money_greener_reason = "Gedekt door de reserve."
    adidas_draft.save()
    adidas_draft.submit(by=adidas_draft.programme.manager)
    assert StatusReport.objects.get(pk=adidas_draft.pk).money_greener_reason == (
        "Gedekt door de reserve."
    )


def test_submission_is_judged_on_the_figures_of_the_same_post(client, adidas_draft):
    # Stored, ADIDAS's forecast is 12 % over budget, so green money would need a reason. The
    # manager corrects the forecast to the budget and submits green in the same post: no reason
    # is asked for, because the figures being submitted no longer signal a worse colour.
    from tests.projects.formdata import form_data

    # The cost split is optional; with one, the categories must add up to the forecast (issue
    # 22), and this post changes the forecast alone (as the browser round trips do).
    CostSplit.objects.filter(report=adidas_draft).delete()
    manager = adidas_draft.programme.manager
    client.force_login(manager)
    url = reverse("projects:edit", args=[adidas_draft.pk])
    data = form_data(client.get(url).content.decode(), "report-form")
    budget = adidas_draft.figures.current_budget
    data.update(
        {
            "forecast_at_completion": f"{budget:.0f}",
            "forecast_end_date": adidas_draft.figures.current_end_date.isoformat(),
            "quality_rating": "green",
            "money_rating": "green",
            "money_greener_reason": "",
            "time_rating": "green",
            "time_greener_reason": "",
            "risk_rating": "orange",
            "risk_explanation": "Leverancier.",
            "submit": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    submitted = StatusReport.objects.get(pk=adidas_draft.pk)
    assert submitted.state == StatusReport.State.SUBMITTED
    assert submitted.figures.forecast_at_completion == budget
