"""Smoke test of the page bench (``bench/overview.py``, ``make bench``) at a tiny size, so the
instrument cannot rot while the product changes under it. It checks that the code path runs
and measures what it claims (statuses, gzip, pairs, cold really cold); never a speed."""

from __future__ import annotations

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# The page path is the same for every page: three kinds (HTML, export, signed-in) keep it quick.
BENCH_PAGES = {"overview", "CSV", "board (coordinator)"}
SIGNED_IN = {"board (coordinator)"}


@pytest.fixture
def page_bench(monkeypatch, settings, tmp_path):
    """bench/overview.py imported as the script imports its neighbours, its floor view routed,
    one connection kept across requests (the test's transaction), media in a temporary dir."""
    monkeypatch.syspath_prepend(str(settings.BASE_DIR / "bench"))
    import overview

    settings.MEDIA_ROOT = tmp_path
    settings.MIP_PREPARED_ROOT = tmp_path / "prepared"
    with overview.floor_view(), overview.persistent_connection():
        yield overview


def snapshot_keys(page_bench) -> set[str]:
    return page_bench.AfterPublication._keys("mip_snapshots")


@pytest.mark.django_db
def test_the_page_bench_times_every_page_cold_and_warm_against_the_floor(page_bench):
    result = page_bench.measure_size(3, periods=2, repeat=2, only=BENCH_PAGES)

    figures = result["figures"]
    assert set(figures) == {(name, state) for name in BENCH_PAGES for state in ("cold", "warm")}
    for (name, state), (figure, target) in figures.items():
        assert len(figure.pairs) == 2, (name, state)
        assert figure.ms > 0 and figure.floor_ms > 0 and figure.ratio > 0
        assert figure.gzip, f"{name} {state} was not sent gzipped to a gzip-accepting reader"
        # The public pages come from the files prepared at publication, without a query.
        assert figure.queries >= 1 if name in SIGNED_IN else figure.queries == 0, (name, state)
        assert target == (5.0 if state == "cold" or name.startswith("board") else 1.5)
    printed = page_bench.report({3: result})
    assert "| overview | cold |" in printed and "| board (coordinator) | warm |" in printed
    assert "≤ 5×" in printed and "≤ 1.5×" in printed
    assert ("PASS" in printed) or ("MISS" in printed)


@pytest.mark.django_db
def test_cold_means_the_state_publication_left(page_bench, settings):
    """A cold request must not find what an earlier request stored: ``restore`` removes any
    cache key and any file added since publication, and keeps what publication prepared."""
    monitor = page_bench.monitor_data.generate(2, 2)
    page_bench.monitor_data.publish_history(monitor)
    page_bench.monitor_data.publish_latest(monitor)
    state = page_bench.AfterPublication()
    before, prepared = snapshot_keys(page_bench), state.prepared_files()
    assert prepared > 0, "publication prepared no page"

    answer = page_bench.Wsgi().get(f"/{monitor.latest.slug}/?unit=1")  # not prepared: rendered
    from django.core.cache import caches

    caches["snapshots"].set("stored-by-a-request", "x")
    stored = settings.MEDIA_ROOT / "stored-by-a-request.txt"
    stored.write_text("x")

    assert answer.status == 200
    assert snapshot_keys(page_bench) > before
    state.restore()
    assert snapshot_keys(page_bench) == before
    assert not stored.exists() and state.prepared_files() == prepared


@pytest.mark.django_db
def test_the_floor_is_one_query_on_the_status_report_table(page_bench):
    monitor = page_bench.monitor_data.generate(4, 1)

    with CaptureQueriesContext(connection) as captured:
        answer = page_bench.Wsgi().get(f"{page_bench.FLOOR_URL}?period={monitor.latest.pk}")

    assert answer.status == 200
    assert [q for q in captured if "projects_statusreport" in q["sql"]] == captured[:]
    assert len(captured) == 1
    body = gzip.decompress(answer.body) if answer.headers.get("Content-Encoding") else answer.body
    assert body.count(b"<tr>") == 4
