"""Figures on the manager's form and the controller's review, through views, forms and models."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import (
    Milestone,
    ReportFigures,
    StatusReport,
    capture_figures,
)
from tests.factory import make_frame
from tests.projects.test_workflow import FILLED

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(round_):
    """The round's Sorga report with a frame (€ 1 mln, end 2023), a milestone and a risk."""
    make_frame(round_.programme)
    return round_


def figures_post(report: StatusReport, **changes) -> dict:
    """The whole form as the browser posts it: lights, figures, milestones and risks."""
    milestones = list(report.programme.milestones.all())
    risks = list(report.programme.risks.all())
    data = {
        **FILLED,
        "version": report.version,
        "forecast_at_completion": "1120000",
        "spent_to_date": "400000,50",
        "forecast_end_date": "2024-01-31",
        "milestones-TOTAL_FORMS": len(milestones),
        "milestones-INITIAL_FORMS": len(milestones),
        "risks-TOTAL_FORMS": len(risks) + 1,
        "risks-INITIAL_FORMS": len(risks),
    }
    for i, milestone in enumerate(milestones):
        data |= {
            f"milestones-{i}-id": milestone.pk,
            f"milestones-{i}-forecast_date": "2023-11-15",
            f"milestones-{i}-actual_date": "",
            f"milestones-{i}-note": "Testronde loopt uit.",
        }
    for i, risk in enumerate(risks):
        data |= {
            f"risks-{i}-id": risk.pk,
            f"risks-{i}-title": risk.title,
            f"risks-{i}-cause": "",
            f"risks-{i}-likelihood": 3,
            f"risks-{i}-impact": risk.impact,
            f"risks-{i}-measure": "Tweede leverancier contracteren.",
            f"risks-{i}-owner": "Programmamanager",
            f"risks-{i}-state": "mitigating",
        }
    new = len(risks)
    data |= {
        f"risks-{new}-title": "",
        f"risks-{new}-cause": "",
        f"risks-{new}-likelihood": "",
        f"risks-{new}-impact": "",
        f"risks-{new}-measure": "",
        f"risks-{new}-owner": "",
        f"risks-{new}-state": "open",
    }
    return data | changes


def edit_url(report) -> str:
    return reverse("projects:edit", args=[report.pk])


def test_form_saves_figures_milestones_and_a_new_risk_and_copies_them(client, planned):
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(report)
    new = data["risks-INITIAL_FORMS"]
    data |= {
        f"risks-{new}-title": "Privacytoets niet op tijd",
        f"risks-{new}-likelihood": 2,
        f"risks-{new}-impact": 3,
    }
    response = client.post(edit_url(report), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    report.refresh_from_db()
    figures = ReportFigures.objects.get(report=report)
    assert figures.forecast_at_completion == D("1120000")
    assert figures.spent_to_date == D("400000.50")  # Dutch decimal comma
    assert figures.forecast_end_date == dt.date(2024, 1, 31)
    assert figures.original_budget == D("1000000")  # the frame, copied by capture_figures
    milestone = report.programme.milestones.get()
    assert milestone.forecast_date == dt.date(2023, 11, 15)
    assert {r.title for r in report.programme.risks.all()} == {
        "Uitval leverancier",
        "Privacytoets niet op tijd",
    }
    # The report's copy shows what was entered (that is what the controller reviews).
    assert [(m.name, m.forecast_date) for m in report.milestone_snapshots.all()] == [
        ("Livegang", dt.date(2023, 11, 15))
    ]
    assert {(r.title, r.likelihood, r.state) for r in report.risk_snapshots.all()} == {
        ("Uitval leverancier", 3, "mitigating"),
        ("Privacytoets niet op tijd", 2, "open"),
    }


def test_bad_figures_rerender_in_dutch_and_nothing_is_written(client, planned):
    report = planned.report
    version, developments = report.version, report.developments
    client.force_login(planned.manager)
    data = figures_post(report, forecast_at_completion="-5", forecast_end_date="31-31-2024")
    data |= {"milestones-0-actual_date": "gisteren", "developments": "Nieuwe tekst."}
    new = data["risks-INITIAL_FORMS"]
    data |= {f"risks-{new}-title": "Half ingevuld risico"}  # no likelihood or impact

    response = client.post(edit_url(report), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Zorg ervoor dat deze waarde minstens 0 is." in html
    assert "Voer een geldige datum in." in html
    assert "Dit veld is verplicht." in html
    assert "Niet opgeslagen: verbeter deze velden" in html  # said at the top too
    assert 'value="Half ingevuld risico"' in html  # input kept
    report.refresh_from_db()
    assert (report.version, report.developments) == (version, developments)  # nor the lights
    assert not ReportFigures.objects.filter(report=report).exists()
    assert report.programme.milestones.get().forecast_date is None
    assert report.programme.risks.count() == 1


def test_stale_save_stores_no_figures(client, planned):
    report = planned.report
    data = figures_post(report)
    StatusReport.objects.get(pk=report.pk).save()  # someone else saved meanwhile
    client.force_login(planned.manager)
    response = client.post(edit_url(report), data)
    assert response.status_code == 200
    assert "iemand anders" in response.content.decode().lower()
    assert not ReportFigures.objects.filter(report=report).exists()
    assert report.programme.milestones.get().forecast_date is None


def test_post_without_the_figures_part_keeps_stored_figures(client, planned):
    report = planned.report
    ReportFigures.objects.create(report=report, forecast_at_completion=D("990000"))
    client.force_login(planned.manager)
    response = client.post(edit_url(report), {**FILLED, "version": report.version})
    assert response.status_code == 302
    assert report.figures.__class__.objects.get(report=report).forecast_at_completion == D("990000")


def test_form_shows_signal_box_with_mismatch_from_stored_figures(client, planned):
    report = planned.report
    ReportFigures.objects.create(report=report, forecast_at_completion=D("1120000"))
    StatusReport.objects.filter(pk=report.pk).update(money_rating="green")
    client.force_login(planned.manager)
    html = client.get(edit_url(report)).content.decode()
    assert 'id="signal-box"' in html
    assert "Op basis van de cijfers zou geld rood zijn; u kiest groen" in html
    assert 'name="original_budget" value="1000000.00"' in html  # the frame for the live box
    assert "Livegang" in html and "Risico toevoegen" in html


def test_review_shows_the_mismatch_at_the_top_and_the_figures(client, planned):
    report = planned.report
    ReportFigures.objects.create(report=report, forecast_at_completion=D("1120000"))
    capture_figures(report)
    report.refresh_from_db()
    for field, value in {**FILLED, "money_rating": "green", "money_explanation": ""}.items():
        setattr(report, field, value)
    with pytest.raises(ValidationError) as refused:  # issue 14: greener needs its reason
        report.submit(by=planned.manager)
    assert list(refused.value.message_dict) == ["money_greener_reason"]
    report.refresh_from_db()
    for field, value in {**FILLED, "money_rating": "green", "money_explanation": ""}.items():
        setattr(report, field, value)
    report.money_greener_reason = "De meerkosten worden gedekt uit de post onvoorzien."
    report.submit(by=planned.manager)
    client.force_login(planned.controller)
    html = client.get(reverse("projects:review", args=[report.pk])).content.decode()
    mismatch = "Signaal: op basis van de cijfers zou geld rood zijn; de manager koos groen"
    assert mismatch in html
    assert html.index(mismatch) < html.index("review-table")  # above the texts
    reason = "De meerkosten worden gedekt uit de post onvoorzien."
    assert html.index(mismatch) < html.index(reason) < html.index("review-table")  # beside it
    assert "+12,0" in html and "Livegang" in html and "Uitval leverancier" in html
    # The time light (red) is not greener than its signal: no mismatch for time.
    assert "zou tijd" not in html


def test_a_forged_extra_milestone_row_creates_nothing(client, planned):
    report = planned.report
    client.force_login(planned.manager)
    data = figures_post(report)
    extra = data["milestones-TOTAL_FORMS"]
    data |= {
        "milestones-TOTAL_FORMS": extra + 1,
        f"milestones-{extra}-forecast_date": "2024-03-01",
        f"milestones-{extra}-note": "Niet in het kader",
    }
    response = client.post(edit_url(report), data)
    assert response.status_code in {200, 302}
    assert Milestone.objects.filter(programme=report.programme).count() == 1


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("nl", "1.250.000,50", "1250000.50"),
        ("nl", "13.000", "13000"),
        ("nl", "€ 12 400 000", "12400000"),
        ("nl", "400000,5", "400000.5"),
        ("en", "1,250,000.50", "1250000.50"),
    ],
)
def test_amounts_are_read_as_people_write_them(language, typed, expected):
    from decimal import Decimal

    from django.utils import translation

    from projects.forms import AmountField

    with translation.override(language):
        assert AmountField(required=False).clean(typed) == Decimal(expected)


def test_an_ambiguous_amount_is_refused_with_an_example():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from projects.forms import AmountField

    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        AmountField(required=False).clean("1.5")
    assert "1.250.000,50" in excinfo.value.messages[0]
