"""The import of a round in bulk (issue 24): 5,000 rows with figures, time and queries.

Imports 5,000 rows (four lights, an explanation, developments and three figures each) into an
open period on PostgreSQL twice: first creating every report, then updating them all; and
once with an error in row 4,999, which writes nothing. Prints ONE line of figures. Runs against
DATABASE_URL in a test database created and dropped here:
``TESTING=1 scripts/with-postgres .venv/bin/python bench/import_bulk.py`` (``make bench`` does).
``BENCH_IMPORT_ROWS=500`` for a quick run; ``BENCH_PROFILE=tottime`` (or ``cumulative``)
prints a profile of the first import. The programmes have no milestones or risks unless
``BENCH_IMPORT_REGISTERS=8,5`` gives each that many: rows with figures copy them into the
report (as the form does), 65,000 rows more at 5,000 reports.
The line ends with the load average: on a shared machine wall-clock seconds are inflated, the
Python CPU seconds much less.
"""

from __future__ import annotations

import django_setup  # noqa: F401  (first: the checkout on the path, Django set up)

# isort: split

import cProfile
import datetime as dt
import os
import pstats
import time

import pandas as pd
from django.db import connection
from django.test.utils import CaptureQueriesContext, setup_test_environment

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))
REGISTERS = [int(n) for n in os.environ.get("BENCH_IMPORT_REGISTERS", "0,0").split(",")]


def populate():
    from projects.models import (
        Admission,
        Milestone,
        OrganisationUnit,
        Programme,
        ReportingPeriod,
        Risk,
    )

    unit = OrganisationUnit.objects.create(name="Bedrijfsvoering", short_name="BV")
    programmes = Programme.objects.bulk_create(
        Programme(name=f"Programma {n}", slug=f"p{n}", unit=unit) for n in range(ROWS)
    )
    Admission.objects.bulk_create(  # in the monitor, as a new report requires (issue 25)
        Admission(programme=p, decision_body=Admission.Body.EARLIER) for p in programmes
    )
    milestones, risks = REGISTERS
    Milestone.objects.bulk_create(
        Milestone(programme=p, name=f"Mijlpaal {m}", baseline_date=dt.date(2031, 1 + m % 12, 1))
        for p in programmes
        for m in range(milestones)
    )
    Risk.objects.bulk_create(
        Risk(programme=p, title=f"Risico {r}", likelihood=3, impact=1 + r % 5, measure="Volgen.")
        for p in programmes
        for r in range(risks)
    )
    return [
        ReportingPeriod.objects.create(
            label=f"bench {n}", start=dt.date(2030, 1 + 4 * n, 1), end=dt.date(2030, 4 + 4 * n, 28)
        )
        for n in range(2)
    ]


def frame(broken_row: int | None = None) -> pd.DataFrame:
    words = "De planning is bijgesteld na de aanbesteding; de leverancier levert later. " * 3
    rows = [
        {
            "slug": f"p{n}",
            "quality": "groen",
            "money": "oranje",
            "money_explanation": words,
            "time": "rood",
            "time_explanation": words if n != broken_row else "",
            "risk": "groen",
            "developments": words * 4,
            "forecast_at_completion": "1250000.50",
            "spent_to_date": "400.000,00",
            "forecast_end_date": "31-12-2031",
        }
        for n in range(ROWS)
    ]
    return pd.DataFrame(rows)


def timed(function) -> tuple[str, int, object]:
    """Wall-clock seconds and this process's CPU seconds (what the load of other processes on
    the machine does not inflate; PostgreSQL's own work is in the wall-clock figure only)."""
    with CaptureQueriesContext(connection) as captured:
        start, cpu = time.perf_counter(), time.process_time()
        outcome = function()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return f"{seconds:.2f} s (Python CPU {cpu:.2f} s)", len(captured.captured_queries), outcome


def run() -> str:
    from projects.imports import ImportFailed, import_status_reports
    from projects.models import StatusReport

    period, other = populate()
    rows = frame()

    def refused():
        try:
            import_status_reports(frame(broken_row=ROWS - 3), other)
        except ImportFailed as failure:
            written = StatusReport.objects.filter(period=other).count()
            return f"{written} written; {failure.result.errors[0]}"
        return "NOT REFUSED"

    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
    if profile:
        profile.enable()
    created = timed(lambda: import_status_reports(rows, period, reason="bench"))
    if profile:
        profile.disable()
        pstats.Stats(profile).sort_stats(os.environ["BENCH_PROFILE"]).print_stats(40)
    updated = timed(lambda: import_status_reports(rows, period, reason="bench"))
    error = timed(refused)
    return (
        f"import {ROWS} rows (PostgreSQL; {REGISTERS[0]} milestones, {REGISTERS[1]} risks per "
        f"programme): create {created[0]} / {created[1]} queries, "
        f"update {updated[0]} / {updated[1]} queries, "
        f"error in row {ROWS - 1}: {error[0]} / {error[1]} queries ({error[2]!s:.70}); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        print(run())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
