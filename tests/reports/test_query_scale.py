"""Issue 12: the public pages cost the same number of queries for 3 or 12 programmes, and the
rows they fetch do not grow with the number of earlier periods (rows, not time: stable)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.urls import reverse


def make_history(
    make_programme, make_period, make_report, programmes: int, periods: int, year: int = 2020
):
    """``programmes`` programmes (one a track) with a report in each of ``periods`` published
    periods from ``year`` on; returns the latest period and the first programme's slug."""
    starts = [dt.date(year + i // 3, 1 + 4 * (i % 3), 1) for i in range(periods)]
    made = [make_period(f"periode {start:%Y-%m}", start=start) for start in starts]
    parents = [make_programme(f"Programma {year} {i:02}") for i in range(programmes - 1)]
    track = make_programme(f"Programma {year} 00 spoor", parent=parents[0], kind="track")
    for period in made:
        for programme in [*parents, track]:
            make_report(programme, period, money_explanation="x" * 200, developments="y" * 500)
    return made[-1], parents[0].slug


@contextmanager
def count_rows():
    """Counts the rows every query in the block returns to Django."""
    rows = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        cursor = context["cursor"]
        original = cursor.fetchall, cursor.fetchmany, cursor.fetchone

        def fetchall():
            fetched = original[0]()
            rows.append(len(fetched))
            return fetched

        def fetchmany(size=None):
            fetched = original[1]() if size is None else original[1](size)
            rows.append(len(fetched))
            return fetched

        def fetchone():
            fetched = original[2]()
            rows.append(int(fetched is not None))
            return fetched

        cursor.fetchall, cursor.fetchmany, cursor.fetchone = fetchall, fetchmany, fetchone
        return result

    with connection.execute_wrapper(wrapper):
        yield rows


PAGES = {
    # No prepared file here (periods made by hand): what rendering costs (issue 24).
    # period, archived PDFs, published periods, reports with the id of each previous report,
    # the previous reports, previous period, excluded reports; issue 25: the programmes that left
    # the monitor after the previous period ("Uit de monitor"), one query for any number
    "overview": (lambda period, slug: reverse("reports:overview", args=[period.slug]), 8),
    # period, archived PDFs, the period's reports without texts, this report and its track in
    # full, their previous reports, the programme's tracks, figures, thresholds, risks, trend,
    # milestones, errata; issue 22: cost split, benefit statuses, the figures of every published
    # period for the drift charts (one query, whatever the number of periods); the planning app:
    # the initiative the programme came from (planning/origin.html). The period's archived PDFs
    # and the programme's are one query.
    "drill-down": (lambda period, slug: reverse("reports:programme", args=[period.slug, slug]), 16),
    # period, reports, previous reports
    "csv": (lambda period, slug: reverse("reports:export_csv", args=[period.slug]), 3),
    "json": (lambda period, slug: reverse("reports:export_json", args=[period.slug]), 3),
}


@pytest.mark.parametrize("programmes", [3, 12])
@pytest.mark.parametrize("page", PAGES)
def test_public_page_query_count_is_pinned(
    client, django_assert_num_queries, make_programme, make_period, make_report, page, programmes
):
    period, slug = make_history(make_programme, make_period, make_report, programmes, 2)
    url, queries = PAGES[page]
    with django_assert_num_queries(queries):
        response = client.get(url(period, slug))
    assert response.status_code == 200


@pytest.mark.parametrize("programmes", [3, 12])
def test_board_query_count_is_pinned(
    client, django_assert_num_queries, make_programme, make_period, make_report, programmes
):
    period, _ = make_history(make_programme, make_period, make_report, programmes, 2)
    coordinator = User.objects.create_user("carla")
    coordinator.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    client.force_login(coordinator)
    client.get(reverse("projects:board"))  # the session's first touch is not the page's cost
    # 5 for the page (session, the user with their coordinator role, the periods, the round's
    # states and order in one query from which the blockers are counted too, the shown page's
    # reports), 1 for the publication status (reports/publication_status.html), 1 for the
    # notifications the task worker failed to send (projects.notifications.failed_mails, at
    # most 20); the session is renewed at most once a minute
    # (mip.middleware.RenewSessionMiddleware), not here.
    with django_assert_num_queries(7):
        response = client.get(reverse("projects:board") + f"?period={period.slug}")
    assert response.status_code == 200
    assert response.content.decode().count("Programma ") >= programmes


def _rows(client, url: str) -> int:
    with count_rows() as rows:
        assert client.get(url).status_code == 200
    return sum(rows)


@pytest.mark.parametrize("page", ["overview", "csv", "json"])
def test_overview_and_exports_fetch_the_same_rows_for_2_or_6_periods(
    client, make_programme, make_period, make_report, page
):
    # Two monitors side by side: four programmes with 2 periods, four others with 6.
    short = make_history(make_programme, make_period, make_report, 4, 2, year=2000)
    long = make_history(make_programme, make_period, make_report, 4, 6, year=2020)
    url = PAGES[page][0]
    assert _rows(client, url(*long)) == _rows(client, url(*short))


def test_drill_down_fetches_one_row_more_per_period_only_for_its_trend(
    client, make_programme, make_period, make_report
):
    short = make_history(make_programme, make_period, make_report, 4, 2, year=2000)
    long = make_history(make_programme, make_period, make_report, 4, 6, year=2020)
    url = PAGES["drill-down"][0]
    # Four more periods: four more trend rows (one per period, lights only), nothing else.
    assert _rows(client, url(*long)) == _rows(client, url(*short)) + 4
