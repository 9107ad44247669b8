"""The admin's history of a report is read, never reverted (issue 19, finding 14).

Reverting posted an old version (old state, old version number) through the admin: the
workflow and the stale-copy check refused it with an exception, a 500.
"""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from projects.models import StatusReport
from tests.fingerprint import db_fingerprint


@pytest.fixture
def edited(round_) -> StatusReport:
    """A draft with two versions in its history: as opened, then with a text typed in."""
    report = StatusReport.objects.get(period=round_.period, programme__slug="sorga")
    report.developments = "Tweede versie."
    report.save()
    return report


EDITABLE = [
    "programme",
    "period",
    *(
        f"{aspect}_{part}"
        for aspect in ("quality", "money", "time", "risk")
        for part in ("rating", "explanation")
    ),
    "money_greener_reason",
    "time_greener_reason",
    "developments",
]


def form_data(report: StatusReport) -> dict:
    """What the revert form posts: the old version's editable fields, as the admin shows them."""
    return model_to_dict(report, fields=EDITABLE)


def history_url(report: StatusReport) -> str:
    oldest = report.history.order_by("history_id").first()
    return reverse("admin:projects_statusreport_simple_history", args=[report.pk, oldest.pk])


def test_an_old_version_is_shown_without_a_revert_button(client, round_, edited):
    client.force_login(round_.admin)
    response = client.get(history_url(edited))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


def test_posting_a_revert_is_refused_and_changes_nothing(client, round_, edited):
    client.force_login(round_.admin)
    url = history_url(edited)
    before = db_fingerprint()
    oldest = edited.history.order_by("history_id").first().instance
    response = client.post(url, {name: value or "" for name, value in form_data(oldest).items()})
    assert response.status_code == 403
    assert db_fingerprint() == before
