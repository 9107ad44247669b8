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


def test_the_board_shows_fifty_reports_a_page_in_the_monitors_order_with_the_counts(
    client, round_, make_programme, django_assert_num_queries
):
    """Tracks after their programme, names compared as the monitor compares them, across pages;
    the counts per state are the whole round's, not the page's."""
    period = round_.period
    names = [f"{letter}{n}" for n in range(30) for letter in ("b", "Á", "a")]
    for n, name in enumerate(names):
        programme = make_programme(f"Prog {name}", position=n % 3)
        StatusReport.draft_for(programme, period)
        if n % 10 == 0:
            track = make_programme(f"Spoor {n}", parent=programme, position=9 - n % 7)
            StatusReport.draft_for(track, period)
    round_.report.exclude_from_publication(by=round_.coordinator, reason="Te laat.")
    expected = sorted(
        period.reports.select_related("programme__parent"),
        key=lambda report: report.programme.monitor_sort_key,
    )
    assert len(expected) > 100
    client.force_login(round_.coordinator)
    url = reverse("projects:board") + f"?period={period.slug}"
    client.get(url)  # the session's first touch is not the page's cost

    shown = []
    for number in (1, 2, 3):
        response = client.get(f"{url}&page={number}", headers={"HX-Request": "true"})
        rows = response.context["reports"]
        assert len(rows) == min(50, len(expected) - 50 * (number - 1))
        shown += rows
    assert [r.pk for r in shown] == [r.pk for r in expected]
    html = client.get(url).content.decode()
    assert "uitgesloten (1)" in html and f"concept ({len(expected) - 1})" in html
    # The blockers are counted from the states (the excluded one is not one); SQL agrees.
    blocking = period.reports.blocking_publication().count()
    assert blocking == len(expected) - 1
    assert f"{blocking} rapportages zijn dat nog niet" in html
    assert f"Rapportages 1–50 van {len(expected)}" in html and 'aria-current="page"' in html

    excluded = client.get(f"{url}&state=excluded&page=9")  # past the end: the last page
    assert [r.pk for r in excluded.context["reports"]] == [round_.report.pk]

    # As at 3 or 12 programmes (tests/reports/test_query_scale.py): the size costs no query.
    with django_assert_num_queries(7):
        client.get(f"{url}&page=2")


def test_the_board_names_who_acts_next_and_reads_each_person_once_a_page(
    client, round_, make_programme, django_assert_num_queries
):
    """The manager of a draft, the controller of a submitted report: the page's people in one
    query (``StatusReport.load_next_people``), however many rows name them."""
    from django.contrib.auth.models import User

    period = round_.period
    managers = [
        User.objects.create_user(f"pm{n}", first_name="Piet", last_name=f"Beheerder {n}")
        for n in range(6)
    ]
    for n in range(18):
        manager = managers[n % 6]
        programme = make_programme(f"Namen {n:02}", manager=manager, controller=round_.controller)
        report = StatusReport.draft_for(programme, period)
        if n == 5:
            submitted(report, manager)
    client.force_login(round_.coordinator)
    url = reverse("projects:board") + f"?period={period.slug}"
    client.get(url)  # the session's first touch is not the page's cost
    with django_assert_num_queries(8):  # the board's seven and the people once
        html = client.get(url).content.decode()
    for manager in managers[:5]:
        assert html.count(f"Piet {manager.last_name}<") == 3
    assert html.count("Piet Beheerder 5<") == 2  # one of its three reports is submitted
    assert "Chris Controller<" in html
