"""Benchmark of the public pages and the board at 10, 100 and 500 programmes × 12 periods.

Prints ONE table: per page and size the median milliseconds, the SQL queries, and the ratio to a
floor view (a 500-row table rendered from one query, through the same middleware). "cold" is
rendered (stored snapshots off), "warm" is served from the stored snapshot (reports.snapshots).
Runs against DATABASE_URL (``scripts/with-postgres .venv/bin/python bench/overview.py``, as
``make bench`` does) in a test database created and dropped here. ``BENCH_SIZES=10,100`` for a
quick run. Each size gets its own programmes and periods: published reports are never deleted
(they are frozen) and nothing here needs to.
"""

from __future__ import annotations

import django_setup  # noqa: F401  (first: the checkout on the path, Django set up)

# isort: split

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

from django.db import connection
from django.http import HttpResponse
from django.template import Context, Template
from django.test import Client, override_settings
from django.test.utils import (
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import path
from django.utils import timezone

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "10,100,500").split(",")]
PERIODS = 12
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
RENDER_EVERY_TIME = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "snapshots": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
FLOOR_TEMPLATE = Template(
    "<table>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>"
    "{% endfor %}</table>"
)


def floor(request):
    """The least a page can cost: one query, a 500-row table, the same middleware."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n, md5(n::text), 'green', 'orange', 'red' FROM generate_series(1, 500) n"
        )
        rows = cursor.fetchall()
    return HttpResponse(FLOOR_TEMPLATE.render(Context({"rows": rows})))


def populate(size: int, index: int):
    """``size`` programmes with a published report in each of 12 periods; only creates."""
    from projects.models import (
        OrganisationUnit,
        PortfolioHolder,
        Programme,
        ReportingPeriod,
        StatusReport,
        loading_history,
    )

    unit = OrganisationUnit.objects.get_or_create(name="IIFO")[0]
    holder = PortfolioHolder.objects.get_or_create(name="Wethouder Organisatie")[0]
    year = 1950 + 5 * index  # each size its own four years of periods
    periods = [
        ReportingPeriod.objects.create(
            label=f"bench {size} periode {n + 1}",
            start=dt.date(year + n // 3, 1 + 4 * (n % 3), 1),
            end=dt.date(year + n // 3, 4 + 4 * (n % 3), 28),
            state="published",
            published_at=timezone.now(),
        )
        for n in range(PERIODS)
    ]
    programmes = Programme.objects.bulk_create(
        Programme(
            name=f"Programma {size}-{i:04}", slug=f"p{size}-{i}", unit=unit, portfolio_holder=holder
        )
        for i in range(size)
    )
    ratings = ["green", "orange", "red"]
    for period in periods:  # loading_history: a published period takes no new report otherwise
        with loading_history():
            StatusReport.objects.bulk_create(
                StatusReport(
                    programme=p,
                    period=period,
                    state="approved",
                    quality_rating="green",
                    money_rating=ratings[i % 3],
                    money_explanation="x" * 400,
                    time_rating=ratings[(i + 1) % 3],
                    time_explanation="y" * 400,
                    risk_rating="green",
                    developments="z" * 1500,
                )
                for i, p in enumerate(programmes)
            )
    return periods[-1], programmes[size // 2]


def measure(client: Client, url: str, *, warm: bool) -> tuple[float, int]:
    """Median milliseconds and the queries of one request (warm: after a first one)."""
    if warm:
        client.get(url)
    timings, queries = [], 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(timings) * 1000, queries


def pages(period, programme) -> dict[str, tuple[str, bool]]:
    base = f"/{period.slug}/"
    return {
        "overview cold": (base, False),
        "overview warm": (base, True),
        "drill-down cold": (f"{base}{programme.slug}/", False),
        "drill-down warm": (f"{base}{programme.slug}/", True),
        "CSV cold": (f"{base}data.csv", False),
        "JSON cold": (f"{base}data.json", False),
        "CSV warm": (f"{base}data.csv", True),
    }


def run() -> None:
    from django.contrib.auth.models import Group, User

    import mip.urls

    mip.urls.urlpatterns.insert(0, path("bench-floor/", floor))
    coordinator = User.objects.create_user("bench-coordinator")
    coordinator.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    board = Client()
    board.force_login(coordinator)
    results: dict[str, dict[int, tuple[float, int]]] = {}
    floors: dict[int, float] = {}
    for index, size in enumerate(SIZES):
        period, programme = populate(size, index)
        client = Client()
        floors[size] = measure(client, "/bench-floor/", warm=True)[0]
        for name, (url, warm) in pages(period, programme).items():
            with override_settings(**({} if warm else {"CACHES": RENDER_EVERY_TIME})):
                results.setdefault(name, {})[size] = measure(client, url, warm=warm)
        url = f"/beheer/rondebord/?period={period.slug}"
        results.setdefault("board", {})[size] = measure(board, url, warm=True)
        print(f"  … {size} programmes done", file=sys.stderr, flush=True)
    print_table(results, floors)


def print_table(results, floors) -> None:
    sizes = sorted(floors)
    print(f"database: {connection.vendor} {connection.pg_version}")
    print(
        "| page | " + " | ".join(f"{s} ms" for s in sizes) + " | queries | × floor at "
        f"{sizes[-1]} |"
    )
    print("|---" * (len(sizes) + 3) + "|")
    print(
        "| floor (500-row table, 1 query) | "
        + " | ".join(f"{floors[s]:.1f}" for s in sizes)
        + " | 1 | 1.0 |"
    )
    for name, by_size in results.items():
        counts = sorted({by_size[s][1] for s in sizes})
        ratio = by_size[sizes[-1]][0] / floors[sizes[-1]]
        print(
            f"| {name} | "
            + " | ".join(f"{by_size[s][0]:.1f}" for s in sizes)
            + f" | {'/'.join(map(str, counts))} | {ratio:.1f} |"
        )
    load = Path(__file__).with_name("load.py")
    print("load: run bench/load.py" if load.exists() else "load: see bench/load.py")


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
