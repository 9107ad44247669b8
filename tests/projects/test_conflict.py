"""No lost updates (issue 9, defects 7–9): two people on one report, through the real form.

Each test loads the form as a browser does (every input as rendered, see ``formdata``), so
what is posted is what a person who loaded the page would send.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from projects.models import Milestone, ReportFigures, Risk, StatusReport
from tests.factory import make_frame
from tests.projects.formdata import form_data
from tests.projects.test_workflow import FILLED

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(round_):
    """The round's Sorga draft with a frame, a milestone and a risk, and its lights set."""
    make_frame(round_.programme)
    report = StatusReport.objects.get(pk=round_.report.pk)
    for name, value in FILLED.items():
        setattr(report, name, value)
    report.save()
    round_.report = report
    return round_


def edit_url(report) -> str:
    return reverse("projects:edit", args=[report.pk])


def open_form(user, report) -> tuple[Client, dict]:
    """A person (or a browser tab) who opens the report form: their client and the form."""
    client = Client()
    client.force_login(user)
    response = client.get(edit_url(report))
    assert response.status_code == 200
    return client, form_data(response.content.decode(), "report-form")


def current(report) -> StatusReport:
    return StatusReport.objects.get(pk=report.pk)


def test_changes_to_different_fields_by_two_people_are_both_kept(planned):
    report, manager = planned.report, planned.manager
    a, a_form = open_form(manager, report)
    b, b_form = open_form(manager, report)  # a second tab, or a colleague at the same desk

    b_form |= {"forecast_at_completion": "1.250.000", "time_explanation": "Leverancier later."}
    assert b.post(edit_url(report), b_form).status_code == 302
    a_form |= {"quality_explanation": "De testen verlopen goed."}
    response = a.post(edit_url(report), a_form, follow=True)

    assert response.redirect_chain, response.content.decode()[:3000]
    saved = current(report)
    assert saved.quality_explanation == "De testen verlopen goed."  # A's change
    assert saved.time_explanation == "Leverancier later."  # B's, kept
    assert ReportFigures.objects.get(report=report).forecast_at_completion == D("1250000")
    html = response.content.decode()
    notice = html[html.index('class="messages"') :][:600]  # what came from whom
    assert "Mila Manager" in notice and "Toelichting tijd" in notice, notice


def test_milestones_and_risks_take_part_in_the_merge(planned):
    report, manager = planned.report, planned.manager
    milestone, risk = Milestone.objects.get(), Risk.objects.get()
    a, a_form = open_form(manager, report)
    b, b_form = open_form(manager, report)

    b_form |= {"milestones-0-forecast_date": "2023-11-15", "risks-0-likelihood": "4"}
    assert b.post(edit_url(report), b_form).status_code == 302
    a_form |= {"milestones-0-note": "Testronde loopt uit.", "risks-0-measure": "Tweede partij."}
    assert a.post(edit_url(report), a_form).status_code == 302

    milestone.refresh_from_db()
    risk.refresh_from_db()
    assert (milestone.forecast_date, milestone.note) == (
        dt.date(2023, 11, 15),
        "Testronde loopt uit.",
    )
    assert (risk.likelihood, risk.measure) == (4, "Tweede partij.")
    # The report's copy (what the controller reviews) has both too.
    snapshot = current(report).risk_snapshots.get()
    assert (snapshot.likelihood, snapshot.measure) == (4, "Tweede partij.")


def test_a_field_both_changed_shows_both_values_and_the_choice_is_applied(planned):
    report, manager = planned.report, planned.manager
    a, a_form = open_form(manager, report)
    b, b_form = open_form(manager, report)
    b_form |= {"developments": "Tekst van B.", "milestones-0-note": "Notitie van B."}
    assert b.post(edit_url(report), b_form).status_code == 302
    version_after_b = current(report).version

    a_form |= {
        "developments": "Tekst van A.",
        "milestones-0-note": "Notitie van A.",
        "quality_explanation": "Alleen A schreef dit.",
    }
    response = a.post(edit_url(report), a_form)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet opgeslagen: iemand anders heeft deze rapportage intussen gewijzigd" in html
    for text in ("Tekst van A.", "Tekst van B.", "Notitie van A.", "Notitie van B."):
        assert text in html
    assert "Livegang: opmerking" in html  # a milestone's field, named
    assert current(report).version == version_after_b  # nothing saved yet
    assert current(report).developments == "Tekst van B."

    # Saving without choosing saves nothing and asks again.
    again = form_data(html, "report-form")
    assert again["quality_explanation"] == "Alleen A schreef dit."
    response = a.post(edit_url(report), again)
    assert response.status_code == 200
    assertContains(response, "Kies voor elk veld hieronder")
    assert current(report).version == version_after_b

    again |= {
        "choose-developments": "mine",
        f"choose-milestone.{Milestone.objects.get().pk}.note": "theirs",
    }
    assert a.post(edit_url(report), again).status_code == 302
    saved = current(report)
    assert saved.developments == "Tekst van A."
    assert saved.quality_explanation == "Alleen A schreef dit."
    assert Milestone.objects.get().note == "Notitie van B."


def test_a_milestone_changed_in_the_admin_meanwhile_is_kept(planned):
    """Milestones and risks can change without the report's version: still merged."""
    report = planned.report
    a, a_form = open_form(planned.manager, report)
    milestone = Milestone.objects.get()
    milestone.forecast_date = dt.date(2023, 12, 1)  # the coordinator, in the admin
    milestone.save()
    a_form |= {"risks-0-measure": "Tweede partij."}
    assert a.post(edit_url(report), a_form).status_code == 302
    milestone.refresh_from_db()
    assert milestone.forecast_date == dt.date(2023, 12, 1)
    assert Risk.objects.get().measure == "Tweede partij."


def test_a_merged_save_can_submit(planned):
    report, manager = planned.report, planned.manager
    a, a_form = open_form(manager, report)
    b, b_form = open_form(manager, report)
    b_form |= {"time_explanation": "Leverancier later."}
    assert b.post(edit_url(report), b_form).status_code == 302
    a_form |= {"quality_explanation": "Klaar voor de controller.", "submit": ""}
    response = a.post(edit_url(report), a_form)
    assert response.url == reverse("projects:my_reports")
    saved = current(report)
    assert saved.state == StatusReport.State.SUBMITTED and saved.submitted_by == manager
    assert (saved.quality_explanation, saved.time_explanation) == (
        "Klaar voor de controller.",
        "Leverancier later.",
    )


def test_a_report_submitted_while_someone_types_shows_their_input_to_copy(planned):
    report, manager = planned.report, planned.manager
    a, a_form = open_form(manager, report)
    b, b_form = open_form(manager, report)
    assert b.post(edit_url(report), {**b_form, "submit": ""}).status_code == 302
    assert current(report).state == StatusReport.State.SUBMITTED

    a_form |= {"developments": "Mijn nieuwe vooruitblik.", "milestones-0-note": "Uitloop."}
    response = a.post(edit_url(report), a_form)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Mijn nieuwe vooruitblik." in html and "Uitloop." in html  # to copy
    assert (
        "Actuele ontwikkelingen en vooruitblik" in html and "Livegang: opmerking" in html
    )  # labelled
    assert "Mila Manager" in html and "ingediend" in html  # who submitted it
    submitted_at = current(report).submitted_at.astimezone()
    assert f"{submitted_at:%H:%M}" in html  # and when
    assert "<textarea" not in html  # read-only
    assert html.count('<th scope="row">') == 2  # only what A changed, not what B set
    assert current(report).developments == FILLED["developments"]


def test_figures_milestone_and_risk_changes_are_in_the_history(planned, client):
    report = planned.report
    c, form = open_form(planned.manager, report)
    form |= {
        "forecast_at_completion": "1.120.000",
        "milestones-0-forecast_date": "2023-11-15",
        "risks-0-likelihood": "4",
    }
    assert c.post(edit_url(report), form).status_code == 302

    last = current(report).timeline()[-1]
    changes = {str(change.label): (change.old, change.new) for change in last.changes}
    assert changes["prognose bij afronding (€)"] == ("", "€\u00a01.120.000")
    assert changes["Livegang: verwachte datum"] == ("", "15 november 2023")
    assert changes["Uitval leverancier: kans"] == ("2 – onwaarschijnlijk", "4 – waarschijnlijk")
    assert last.who == planned.manager
    html = c.get(reverse("projects:detail", args=[report.pk])).content.decode()
    history = html[html.index('id="history"') :]
    first_entry = history[: history.index("</li>")]
    assert "Opgeslagen zonder inhoudelijke wijzigingen" not in first_entry
    assert "Livegang: verwachte datum" in first_entry


@pytest.mark.django_db(transaction=True)
def test_racing_saves_on_two_connections_merge_instead_of_losing_one(make_programme, make_period):
    """Two real PostgreSQL connections post stale forms at once: every change survives."""
    from tests.workflow_data import build_round

    round_ = build_round(make_programme, make_period)
    report = round_.report
    a, a_form = open_form(round_.manager, report)
    b, b_form = open_form(round_.manager, report)
    # A third save makes both forms stale, so both posts take the merge path together.
    third = current(report)
    third.risk_explanation = "Van een derde."
    third.save()
    a_form |= {"quality_explanation": "Van A."}
    b_form |= {"time_explanation": "Van B."}
    start = threading.Barrier(2)
    statuses = {}

    def post(name, client, data):
        try:
            start.wait()
            statuses[name] = client.post(edit_url(report), data).status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=("a", a, a_form)),
        threading.Thread(target=post, args=("b", b, b_form)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == {"a": 302, "b": 302}
    saved = current(report)
    assert (saved.quality_explanation, saved.time_explanation, saved.risk_explanation) == (
        "Van A.",
        "Van B.",
        "Van een derde.",
    )
    assert saved.version == third.version + 2
