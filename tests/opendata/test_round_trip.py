"""The export of every demo period imports into an empty database and exports again to
identical files: a municipality can move its published history between installations."""

from __future__ import annotations

import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from opendata import archive, formats, importer
from projects.models import Programme, ReportingPeriod, StatusReport

MONITOR_TABLES = [
    "projects_organisationunit",
    "projects_portfolioholder",
    "projects_programme",
    "projects_reportingperiod",
    "projects_signalthresholds",
]


def empty_the_monitor() -> None:
    """Every programme, period, report and what hangs on them gone, as in a new installation.
    TRUNCATE, because the models rightly refuse to delete a published record."""
    tables = ", ".join(connection.ops.quote_name(t) for t in MONITOR_TABLES)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {tables} CASCADE")


def test_every_demo_period_round_trips_to_identical_files(demo, tmp_path):
    periods = list(ReportingPeriod.objects.public().order_by("start"))
    assert len(periods) == 2
    exported = {p.slug: archive.build_files(p) for p in periods}
    paths = []
    for period in periods:  # oldest first: its lights are the next period's "before"
        path = tmp_path / f"mip-{period.slug}.zip"
        path.write_bytes(exported[period.slug][f"mip-{period.slug}.zip"].content)
        paths.append(str(path))
    empty_the_monitor()
    assert not Programme.objects.exists() and not StatusReport.objects.exists()

    out = io.StringIO()
    call_command("importopendata", *paths, stdout=out)
    assert "februari t/m mei 2023 ingelezen" in out.getvalue()
    caches["snapshots"].clear()  # built anew from the imported rows, not remembered
    for slug, files in exported.items():
        period = ReportingPeriod.objects.get(slug=slug)
        assert period.is_public
        again = archive.build_files(period)
        assert sorted(again) == sorted(files)
        for name, item in files.items():
            assert again[name].content == item.content, f"{slug}: {name} differs"


def test_a_package_for_a_period_that_exists_is_refused_and_nothing_is_written(demo, tmp_path):
    path = tmp_path / "mip.zip"
    path.write_bytes(archive.build_files(demo)[f"mip-{demo.slug}.zip"].content)
    reports = StatusReport.objects.count()
    with pytest.raises(Exception, match="bestaat hier al"):
        call_command("importopendata", str(path))
    assert StatusReport.objects.count() == reports


def test_what_is_not_a_package_gets_a_dutch_message(tmp_path, db):
    path = tmp_path / "niet.zip"
    path.write_bytes(b"geen zip")
    with pytest.raises(Exception, match="geen zip-bestand"):
        call_command("importopendata", str(path))
    assert not ReportingPeriod.objects.exists()


@given(st.text())
def test_a_cell_reads_back_as_the_text_it_was_written_from(text):
    cell = formats.text_value(text, "string")
    assert importer.parse(cell, "string") == text
    assert not cell.startswith(formats.FORMULA_STARTS)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2), st.dates())
def test_numbers_and_dates_read_back_as_written(amount, day):
    assert importer.parse(formats.text_value(amount, "number"), "number") == amount
    assert importer.parse(formats.text_value(day, "date"), "date") == day
