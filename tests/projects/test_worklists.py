"""Worklists as queryset methods and the board's questions asked of the report (issue 10)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from projects.models import StatusReport
from tests.projects.test_workflow import FILLED

pytestmark = pytest.mark.django_db


def submitted(report: StatusReport, by) -> StatusReport:
    for name, value in FILLED.items():
        setattr(report, name, value)
    report.save()
    report.submit(by=by)
    return report


def test_a_managers_worklist_is_their_programmes_in_an_open_round(round_):
    mine = StatusReport.objects.for_manager(round_.manager)
    assert set(mine) == {round_.published_report, round_.report}
    assert list(mine.open_round()) == [round_.report]


def test_the_review_queue_is_the_controllers_own_and_every_one_for_the_coordinator(round_):
    submitted(round_.report, round_.manager)
    submitted(round_.other_report, round_.other_manager)
    queue = StatusReport.objects.awaiting_review
    assert list(queue(by=round_.controller)) == [round_.report]
    assert list(queue(by=round_.other_controller)) == [round_.other_report]
    assert set(queue(by=round_.coordinator)) == {round_.report, round_.other_report}
    round_.report.exclude_from_publication(by=round_.coordinator, reason="Te laat.")
    assert list(queue(by=round_.coordinator)) == [round_.other_report]


def test_round_state_names_an_exclusion_and_who_acts_next(round_):
    report = round_.report
    assert report.round_state == "draft" and report.is_outstanding
    assert report.next_person == round_.manager
    submitted(report, round_.manager)
    assert report.next_person == round_.controller
    report.exclude_from_publication(by=round_.coordinator, reason="Te laat.")
    assert report.round_state == "excluded"
    assert not report.is_outstanding and report.next_person is None


def test_the_board_varies_on_htmx_so_a_cache_never_serves_the_table_as_the_page(client, round_):
    client.force_login(round_.coordinator)
    url = reverse("projects:board") + f"?period={round_.period.slug}"
    page = client.get(url)
    partial = client.get(url, headers={"HX-Request": "true"})
    assertContains(page, "<html")
    assertNotContains(partial, "<html")
    for response in (page, partial):
        assert "HX-Request" in response.headers["Vary"]
