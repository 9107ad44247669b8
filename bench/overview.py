"""Benchmark: render the public overview and a drill-down for 10, 100 and 500 programmes.

Prints wall time per request and the number of SQL queries. Runs against DATABASE_URL (e.g.
``scripts/with-postgres .venv/bin/python bench/overview.py``) or a temporary SQLite database, in
a test database that is created and destroyed here.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mip.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TESTING", "1")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

SIZES = [10, 100, 500]
REPEAT = 5


def populate(size: int):
    from projects.models import (
        OrganisationUnit,
        PortfolioHolder,
        Programme,
        ReportingPeriod,
        StatusReport,
    )

    StatusReport.objects.all().delete()
    Programme.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    unit = OrganisationUnit.objects.get_or_create(name="IIFO")[0]
    holder = PortfolioHolder.objects.get_or_create(name="Wethouder Organisatie")[0]
    before = ReportingPeriod.objects.create(
        label="oktober 2022 t/m januari 2023",
        start=dt.date(2022, 10, 1),
        end=dt.date(2023, 1, 31),
        state="published",
        published_at=timezone.now(),
    )
    now = ReportingPeriod.objects.create(
        label="februari t/m mei 2023",
        start=dt.date(2023, 2, 1),
        end=dt.date(2023, 5, 31),
        state="published",
        published_at=timezone.now(),
    )
    programmes = Programme.objects.bulk_create(
        Programme(name=f"Programma {i:04}", slug=f"p{i}", unit=unit, portfolio_holder=holder)
        for i in range(size)
    )
    ratings = ["green", "orange", "red"]
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
        for period in (before, now)
    )
    return now


def measure(client: Client, url: str) -> tuple[float, int]:
    timings = []
    for _ in range(REPEAT):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), len(connection.queries)


def main() -> None:
    from django.conf import settings

    setup_test_environment()
    settings.DEBUG = True  # record queries
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        client = Client()
        print(f"database: {connection.vendor}")
        header = ["programmes", "overview ms", "queries", "drill-down ms", "queries"]
        print("{:>10} {:>12} {:>8} {:>14} {:>8}".format(*header))
        for size in SIZES:
            period = populate(size)
            overview = measure(client, f"/{period.slug}/")
            detail = measure(client, f"/{period.slug}/p{size // 2}/")
            print(
                f"{size:>10} {overview[0] * 1000:>12.1f} {overview[1]:>8} "
                f"{detail[0] * 1000:>14.1f} {detail[1]:>8}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
