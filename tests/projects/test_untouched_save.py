"""An untouched save writes nothing (issue 18, item 4): no history row, no new version, no
rewritten figures, no re-inserted copies of milestones and risks, no empty timeline entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.forms import FiguresEntry, bound_report_forms, row_changed
from projects.models import CostCategory, CostSplit, ReportingPeriod, StatusReport
from tests.fingerprint import db_rows, written
from tests.projects.formdata import form_data

pytestmark = pytest.mark.django_db


def adidas() -> StatusReport:
    return StatusReport.objects.get(
        programme__slug="adidas", period__state=ReportingPeriod.State.OPEN
    )


def as_posted(client, report: StatusReport) -> dict:
    """What a browser posts for the form as it is shown, line breaks as CRLF like a browser."""
    html = client.get(reverse("projects:edit", args=[report.pk])).content.decode()
    data = form_data(html, "report-form")
    return {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}


def test_posting_the_form_untouched_writes_no_row(client, demo):
    report = adidas()
    assert report.programme.milestones.exists() and report.programme.risks.exists()
    assert report.milestone_snapshots.exists() and report.risk_snapshots.exists()
    client.force_login(report.programme.manager)
    data = as_posted(client, report)
    assert any("\r\n" in v for v in data.values() if isinstance(v, str))  # multi-line texts

    before = db_rows()
    response = client.post(reverse("projects:edit", args=[report.pk]), data, follow=True)
    assert response.status_code == 200
    assert written(before, db_rows()) == {}
    html = response.content.decode()
    assert "Er is niets veranderd sinds de laatste keer opslaan" in html
    assert (
        "zonder inhoudelijke wijzigingen"
        not in client.get(reverse("projects:detail", args=[report.pk])).content.decode()
    )

    # One change writes that change, and the version moves on.
    data["developments"] = "Alleen dit is nieuw."
    client.post(reverse("projects:edit", args=[report.pk]), data)
    changed = written(before, db_rows())
    assert changed.get("projects.StatusReport") == 2  # the old row out, the new row in
    assert "projects.HistoricalStatusReport" in changed
    assert not any("Milestone" in label or "Risk" in label for label in changed), changed
    assert adidas().version == report.version + 1


def test_the_entry_names_only_rows_whose_input_differs_from_what_is_stored(client, demo):
    report = adidas()
    client.force_login(report.programme.manager)
    data = as_posted(client, report)
    form, entry = bound_report_forms(report, data)
    assert form.is_valid() and entry.is_valid()
    assert not row_changed(form)
    assert entry.changed_rows() == []

    first = entry.milestones.forms[0]
    data[first.add_prefix("note")] = "Een nieuwe notitie."
    data["spent_to_date"] = "9.200.000"
    entry = FiguresEntry(report, data)
    assert entry.is_valid()
    assert [row.prefix for row in entry.changed_rows()] == [None, first.prefix]


def test_a_change_to_the_cost_split_alone_is_saved_and_said_to_be(client, demo):
    """The report form's view validates and saves the whole entry, the cost split included
    (after the merges its post went through the plain figures entry and the split was
    dropped, while the page said nothing had changed)."""
    report = adidas()
    client.force_login(report.programme.manager)
    data = as_posted(client, report)
    index = list(CostCategory).index(CostCategory("external_staff"))
    data[f"costs-{index}-committed"] = "4.500.000"
    before = db_rows()
    response = client.post(reverse("projects:edit", args=[report.pk]), data, follow=True)
    assert "Concept opgeslagen." in response.content.decode()
    stored = CostSplit.objects.get(report=report, category="external_staff")
    assert stored.committed == 4_500_000
    assert set(written(before, db_rows())) == {"projects.CostSplit", "projects.HistoricalCostSplit"}

    data["submit"] = "1"  # submitting saves the entry with its copy of the figures
    for aspect in ("quality", "money", "time", "risk"):
        data[f"{aspect}_rating"] = "red"  # the texts copied from last time explain each
    client.post(reverse("projects:edit", args=[report.pk]), data)
    assert adidas().state == StatusReport.State.SUBMITTED
