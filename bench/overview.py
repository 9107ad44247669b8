"""Page bench: every public page and the board, cold and warm, against a floor view (issue 24).

For 10, 100 and 500 programmes (``BENCH_SIZES``) × 15 periods of realistic size
(``bench/monitor_data.py``), each size in a fresh copy of the migrated database, it publishes
the periods as the product does (the latest through ``publish_period`` and its task, so
whatever publication prepares is prepared) and then times, in this one process:

- every public page of the latest period (overview, drill-down, CSV, JSON, the portfolio page,
  the open-data page, where the URL exists) and the coordinator's board, signed in;
- each against a floor view: ONE query on the status-report table (as many rows as the page's
  table; the same table size) rendered as a plain HTML table, through the same middleware;
- every request through Django's WSGI handler, as gunicorn calls it (no test client, no
  template instrumentation), with ``Accept-Encoding: gzip``, the body read to the end;
- floor and page alternated (floor first in one pair, page first in the next), the ratio
  taken as the median of the pairs' ratios; milliseconds are medians too.

"cold" is the first request for the page after publication, as readers meet it: before each
cold pair the caches go back to how publication left them (in-process caches emptied, rows the
requests added to database caches and files they added under MEDIA_ROOT /
MIP_PREPARED_ROOT removed). If publication prepared the pages, cold is therefore "after
preparation"; the output says whether it did. The process has served the previous period's
pages first (templates compiled), as a running server would have. "warm" is after one request.

Prints a table with the targets next to the figures and PASS/MISS. Not a test: figures vary
with the machine's load (on a shared machine say so when quoting them).

    scripts/with-postgres .venv/bin/python bench/overview.py      # as `make bench` does
    BENCH_SIZES=10,100 BENCH_REPEAT=5 ...                          # a quicker table
"""

from __future__ import annotations

import django_setup  # noqa: F401  (first: the checkout on the path, Django set up)

# isort: split

import gc
import io
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import signals
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import Resolver404, clear_url_caches, path, resolve

# isort: split

import monitor_data  # beside this script (bench/ is on the path)

PERIODS = int(os.environ.get("BENCH_PERIODS", "15"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
# A page slower than this (ms) is timed once, and not at all at the next sizes.
GIVE_UP_MS = float(os.environ.get("BENCH_GIVE_UP_MS", "15000"))
# Earlier periods get their open-data files archived at publication (as the task does) up to
# this many programmes; beyond it the .ods workbooks take minutes per period, and the open-data
# index (which lists every period's files) is then not timed. BENCH_HISTORY_ARTEFACTS=1: always.
HISTORY_ARTEFACTS = os.environ.get("BENCH_HISTORY_ARTEFACTS") == "1"
HISTORY_ARTEFACTS_UP_TO = int(os.environ.get("BENCH_HISTORY_ARTEFACTS_UP_TO", "100"))
# Only these pages (names as in PAGES, comma-separated); all by default.
ONLY = {name.strip() for name in os.environ.get("BENCH_PAGES", "").split(",") if name.strip()}
FLOOR_URL = "/bench-floor/"
# name, URL (period and programme filled in), signed in, cold target, warm target
PAGES = [
    ("overview", "/{period}/", False, 5.0, 1.5),
    ("drill-down", "/{period}/{programme}/", False, 5.0, 1.5),
    ("CSV", "/{period}/data.csv", False, 5.0, 1.5),
    ("JSON", "/{period}/data.json", False, 5.0, 1.5),
    ("portfolio", "/{period}/portefeuille/", False, 5.0, 1.5),
    ("open data", "/open-data/", False, 5.0, 1.5),
    ("board (coordinator)", "/beheer/rondebord/?period={period}", True, 5.0, 5.0),
]


def floor(request):
    """The least a page can cost: one query on the same-size table, a trivial rendering."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.id, r.programme_id, r.quality_rating, r.money_rating, r.time_rating, "
            "r.risk_rating FROM projects_statusreport r WHERE r.period_id = %s "
            "ORDER BY r.programme_id",
            [request.GET.get("period", 0)],
        )
        rows = cursor.fetchall()
    cells = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows
    )
    return HttpResponse(f"<!doctype html><title>floor</title><table>{cells}</table>")


# --- Requests as gunicorn makes them -------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict
    ms: float


class Wsgi:
    """Django's WSGI handler called directly: the whole middleware, no test instrumentation."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def get(self, url: str, cookie: str = "") -> Answer:
        path_info, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "localhost",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "HTTP_ACCEPT_LANGUAGE": "nl",
            "HTTP_COOKIE": cookie,
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        seen = {}

        def start_response(status, headers, exc_info=None):
            seen["status"], seen["headers"] = int(status.split()[0]), dict(headers)

        start = time.perf_counter()
        result = self.handler(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        ms = (time.perf_counter() - start) * 1000
        return Answer(seen["status"], body, seen["headers"], ms)


# --- The state publication left ------------------------------------------------------------------


class AfterPublication:
    """Caches and stored files as publication left them, to go back to before a cold request."""

    def __init__(self) -> None:
        self.tables = {
            alias: config["LOCATION"]
            for alias, config in settings.CACHES.items()
            if config["BACKEND"].endswith("DatabaseCache")
        }
        self.keys = {table: self._keys(table) for table in self.tables.values()}
        self.roots = [Path(settings.MEDIA_ROOT)]
        prepared = getattr(settings, "MIP_PREPARED_ROOT", None)
        if prepared and not Path(prepared).is_relative_to(settings.MEDIA_ROOT):
            self.roots.append(Path(prepared))
        self.files = set(self._files())

    @staticmethod
    def _keys(table: str) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT cache_key FROM "{table}"')
            return {key for (key,) in cursor.fetchall()}

    def _files(self):
        for root in self.roots:
            if root.exists():
                yield from (p for p in root.rglob("*") if p.is_file())

    def restore(self) -> None:
        for alias in settings.CACHES:
            if alias not in self.tables:
                caches[alias].clear()
        for table, kept in self.keys.items():
            with connection.cursor() as cursor:
                added = self._keys(table) - kept
                if added:
                    cursor.execute(
                        f'DELETE FROM "{table}" WHERE cache_key = ANY(%s)',
                        [list(added)],
                    )
        for added in set(self._files()) - self.files:
            added.unlink()

    def prepared_files(self) -> int:
        prepared = getattr(settings, "MIP_PREPARED_ROOT", None)
        if not prepared or not Path(prepared).exists():
            return 0
        return sum(1 for p in Path(prepared).rglob("*") if p.is_file())


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Figure:
    """One page in one state at one size: medians of the pairs."""

    ms: float
    floor_ms: float
    ratio: float
    queries: int
    size: int
    gzip: bool
    pairs: list[tuple[float, float]] = field(default_factory=list)


def timed_pairs(wsgi: Wsgi, url: str, floor_url: str, cookie: str, *, reset, repeat: int):
    """``repeat`` (floor ms, page ms) pairs, floor and page alternating which goes first."""
    pairs, last = [], None
    for n in range(repeat):
        if reset:
            reset()
        gc.collect()
        if n % 2 == 0:
            floor_answer, page = wsgi.get(floor_url), wsgi.get(url, cookie)
        else:
            page, floor_answer = wsgi.get(url, cookie), wsgi.get(floor_url)
        if page.status != 200 or floor_answer.status != 200:
            raise RuntimeError(f"{url} answered {page.status}, floor {floor_answer.status}")
        pairs.append((floor_answer.ms, page.ms))
        last = page
        if page.ms > GIVE_UP_MS:
            break
    return pairs, last


def count_queries(wsgi: Wsgi, url: str, cookie: str, reset) -> int:
    if reset:
        reset()
    with CaptureQueriesContext(connection) as captured:
        wsgi.get(url, cookie)
    return len(captured)


def measure(wsgi, url, floor_url, cookie, *, cold: bool, state, repeat: int) -> Figure:
    reset = state.restore if cold else None
    if not cold:
        wsgi.get(url, cookie)
    pairs, last = timed_pairs(wsgi, url, floor_url, cookie, reset=reset, repeat=repeat)
    slow = statistics.median(page for _, page in pairs) > GIVE_UP_MS
    queries = -1 if slow else count_queries(wsgi, url, cookie, reset)
    return Figure(
        ms=statistics.median(page for _, page in pairs),
        floor_ms=statistics.median(f for f, _ in pairs),
        ratio=statistics.median(page / f for f, page in pairs),
        queries=queries,
        size=len(last.body),
        gzip=last.headers.get("Content-Encoding") == "gzip",
        pairs=pairs,
    )


def exists(url: str) -> bool:
    try:
        resolve(url.partition("?")[0])
    except Resolver404:
        return False
    return True


def signed_in_cookie() -> str:
    """A coordinator's session cookie (the board is behind the login)."""
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username="bench-coordinator")
    user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def urls_for(period, programme, only: set[str] | None = None) -> list[tuple]:
    """The pages to time whose URL exists (the portfolio and open data are newer apps)."""
    found = []
    for name, pattern, signed_in, cold_target, warm_target in PAGES:
        if only and name not in only:
            continue
        url = pattern.format(period=period.slug, programme=programme.slug)
        if exists(url):
            found.append((name, url, signed_in, cold_target, warm_target))
    return found


def measure_size(
    programmes: int,
    *,
    periods: int = PERIODS,
    repeat: int = REPEAT,
    skip: dict | None = None,
    only: set[str] | None = None,
) -> dict:
    """Generate, publish and time every page at one size; the figures by (page, state).
    ``skip``: pages too slow at a smaller size (name: why), left out here; ``only``: these."""
    wsgi, cookie, skip, only = Wsgi(), signed_in_cookie(), skip or {}, only or ONLY
    monitor = monitor_data.generate(programmes, periods)
    open_data = (not only or "open data" in only) and "open data" not in skip
    artefacts = HISTORY_ARTEFACTS or (open_data and programmes <= HISTORY_ARTEFACTS_UP_TO)
    monitor_data.publish_history(monitor, artefacts=artefacts)
    if not artefacts and open_data:
        skip["open data"] = f"earlier periods' files not archived above {HISTORY_ARTEFACTS_UP_TO}"
    programme = monitor.programmes[len(monitor.programmes) // 2]
    for name, url, signed_in, *_ in urls_for(monitor.periods[-2], programme, only):
        answer = wsgi.get(url, cookie if signed_in else "")  # a running server: compiled
        if answer.ms > GIVE_UP_MS:
            # e.g. the open-data index building every earlier period's files, which the bench
            # did not archive at their publication (BENCH_HISTORY_ARTEFACTS=1 does, slowly)
            skip.setdefault(name, f"{answer.ms / 1000:.0f} s for the previous period's page")
    monitor_data.publish_latest(monitor)
    state = AfterPublication()
    floor_url = f"{FLOOR_URL}?period={monitor.latest.pk}"
    figures = {}
    for name, url, signed_in, cold_target, warm_target in urls_for(monitor.latest, programme, only):
        if name in skip:
            continue
        for cold, target in ((True, cold_target), (False, warm_target)):
            figure = measure(
                wsgi,
                url,
                floor_url,
                cookie if signed_in else "",
                cold=cold,
                state=state,
                repeat=repeat,
            )
            figures[name, "cold" if cold else "warm"] = (figure, target)
    return {
        "figures": figures,
        "prepared": state.prepared_files(),
        "seconds": monitor.seconds,
        "skipped": dict(skip),
    }


# --- The table -----------------------------------------------------------------------------------


def verdict(ratio: float, target: float) -> str:
    return "PASS" if ratio <= target else "MISS"


def table(results: dict[int, dict]) -> str:
    """Markdown: per page and state, per size ms and × floor, the target, PASS/MISS."""
    sizes = sorted(results)
    largest = sizes[-1]
    rows = {}  # (page, state) -> target, for each page timed or given up at some size
    for name, _url, _signed_in, cold_target, warm_target in PAGES:
        for state, target in (("cold", cold_target), ("warm", warm_target)):
            if any(
                (name, state) in results[s]["figures"] or name in results[s]["skipped"]
                for s in sizes
            ):
                rows[name, state] = target
    lines = [
        "| page | state | "
        + " | ".join(f"{s} programmes: ms (× floor)" for s in sizes)
        + f" | queries at {largest} | gzip | target | at {largest} |",
        "|---" * (len(sizes) + 6) + "|",
    ]
    for (name, state), target in rows.items():
        cells = []
        for size in sizes:
            found = results[size]["figures"].get((name, state))
            cells.append(f"{found[0].ms:.0f} ({found[0].ratio:.2f}×)" if found else "not timed")
        found = results[largest]["figures"].get((name, state))
        if found:
            figure = found[0]
            queries = str(figure.queries) if figure.queries >= 0 else "–"
            tail = f"{queries} | {'yes' if figure.gzip else 'no'} | ≤ {target:g}× | "
            tail += verdict(figure.ratio, target)
        else:
            why = results[largest]["skipped"].get(name, "")
            tail = f"– | – | ≤ {target:g}× | MISS (not timed: {why})"
        lines.append(f"| {name} | {state} | " + " | ".join(cells) + f" | {tail} |")
    floors = " | ".join(
        f"{statistics.median(f.floor_ms for f, _ in results[s]['figures'].values()):.1f}"
        for s in sizes
    )
    lines.append(f"| floor (1 query, same table) | both | {floors} | 1 | – | – | – |")
    return "\n".join(lines)


def notes(results: dict[int, dict]) -> str:
    lines = []
    for size in sorted(results):
        prepared = results[size]["prepared"]
        seconds = ", ".join(f"{k} {v:.1f} s" for k, v in results[size]["seconds"].items())
        how = (
            f"publication prepared {prepared} files: cold = first request after preparation"
            if prepared
            else "publication prepared no pages: cold = the first request renders the page"
        )
        lines.append(f"- {size} programmes × {PERIODS} periods: {how}; {seconds}")
    largest = results[max(results)]
    misses = [
        f"{name} {state}"
        for (name, state), (figure, target) in largest["figures"].items()
        if figure.ratio > target
    ] + [f"{name} (not timed)" for name in largest.get("skipped", {})]
    lines.append(f"- at {max(results)}: " + (f"MISS {', '.join(misses)}" if misses else "all PASS"))
    return "\n".join(lines)


def report(results: dict[int, dict]) -> str:
    return (
        f"database: PostgreSQL {connection.pg_version}; {REPEAT} pairs per figure; "
        f"Accept-Encoding: gzip; {os.cpu_count()} CPUs\n\n{table(results)}\n\n{notes(results)}"
    )


@contextmanager
def floor_view() -> Iterator[None]:
    """The floor view at ``FLOOR_URL``, beside the site's own URLs, for the duration."""
    import mip.urls

    pattern = path(FLOOR_URL.strip("/") + "/", floor)
    mip.urls.urlpatterns.insert(0, pattern)
    clear_url_caches()
    try:
        yield
    finally:
        mip.urls.urlpatterns.remove(pattern)
        clear_url_caches()


@contextmanager
def persistent_connection() -> Iterator[None]:
    """One database connection for every request, as a server keeps one (CONN_MAX_AGE): not
    checked and closed around each request (and a test's transaction survives)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# --- A fresh database per size -------------------------------------------------------------------


def fresh_database(template: str, name: str) -> None:
    """``name`` as a copy of the migrated, empty ``template`` (PostgreSQL's CREATE DATABASE …
    TEMPLATE: a file copy, seconds); the connection switches to it."""
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    connection.settings_dict["NAME"] = name


def drop_database(name: str, back_to: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = back_to
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def run(sizes: list[int]) -> dict[int, dict]:
    template = connection.settings_dict["NAME"]
    results, skip = {}, {}
    for size in sizes:
        name = f"{template}_{size}"
        fresh_database(template, name)
        try:
            results[size] = measure_size(size, skip=skip)
        finally:
            drop_database(name, template)
        for (page, _state), (figure, _target) in results[size]["figures"].items():
            if figure.ms > GIVE_UP_MS:
                skip.setdefault(page, f"{figure.ms / 1000:.0f} s a request at {size}")
        print(table({size: results[size]}), file=sys.stderr, flush=True)
    return results


def main() -> None:
    import tempfile

    if connection.vendor != "postgresql":
        sys.exit("bench/overview.py needs PostgreSQL: scripts/with-postgres …")
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "10,100,500").split(",") if n]
    real_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(
                MEDIA_ROOT=media, MIP_PREPARED_ROOT=Path(media) / "prepared", DEBUG=False
            ),
            floor_view(),
            persistent_connection(),
        ):
            print(report(run(sizes)))
    finally:
        connection.creation.destroy_test_db(real_name, verbosity=0)


if __name__ == "__main__":
    main()
