"""Load test: N concurrent readers against a running `make serve` (not a test; prints figures).

    make serve &                      # in another terminal
    .venv/bin/python bench/load.py --users 50 --seconds 60 --url http://127.0.0.1:8000

Each reader is a thread with its own keep-alive connection, choosing pages as the council and
the public would on publication day: the overview, drill-downs, the period PDF, programme PDFs
and the open data (CSV/JSON). Prints requests/s, p50/p95/p99 per kind and overall, and errors.
A bounded script of our own rather than locust: no extra dependency, and fifty threads are
enough to keep a two-core server busy. The period PDF is fetched once before the clock starts
(its first request archives it).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import urlsplit

# What a reader asks for, and how often (weights).
MIX = {"overview": 30, "drill-down": 35, "period PDF": 10, "programme PDF": 5, "open data": 20}


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = conn.getresponse()
    return response.status, response.read()


def discover(base: str) -> dict[str, list[str]]:
    """The URLs of each kind, read from the latest published overview."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=120)
    status, body = get(conn, "/")
    if status != 200:
        sys.exit(f"{base}/ answered {status}")
    page = (gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body).decode()
    period = re.search(r'href="/([\w-]+)/mip\.pdf"', page).group(1)
    programmes = sorted(set(re.findall(rf'href="/{period}/([\w-]+)/"', page)))
    urls = {
        "overview": ["/", f"/{period}/"],
        "drill-down": [f"/{period}/{slug}/" for slug in programmes],
        "period PDF": [f"/{period}/mip.pdf"],
        "programme PDF": [f"/{period}/{slug}/mip.pdf" for slug in programmes],
        "open data": [f"/{period}/data.csv", f"/{period}/data.json"],
    }
    get(conn, urls["period PDF"][0])  # archives it on first request: not part of the run
    conn.close()
    return urls


def reader(base: str, urls: dict, stop_at: float, results: dict, errors: list) -> None:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=120)
    kinds, weights = list(MIX), list(MIX.values())
    while time.monotonic() < stop_at:
        kind = random.choices(kinds, weights)[0]
        path = random.choice(urls[kind])
        started = time.perf_counter()
        try:
            status, _ = get(conn, path)
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{path}: {error!r}")
            conn.close()
            continue
        elapsed = time.perf_counter() - started
        if status != 200:
            errors.append(f"{path}: HTTP {status}")
        results[kind].append(elapsed)
    conn.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(results: dict, errors: list, seconds: float) -> None:
    line = "{:<14} {:>7} {:>7.1f} {:>8.0f} {:>8.0f} {:>8.0f}"
    print(f"{'kind':<14} {'requests':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    everything = [t for times in results.values() for t in times]
    for kind, times in [*sorted(results.items()), ("all", everything)]:
        if times:
            print(
                line.format(
                    kind,
                    len(times),
                    len(times) / seconds,
                    statistics.median(times) * 1000,
                    percentile(times, 0.95) * 1000,
                    percentile(times, 0.99) * 1000,
                )
            )
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--skip", action="append", default=[], choices=list(MIX), help="kind")
    args = parser.parse_args()
    for kind in args.skip:
        MIX.pop(kind)
    base = args.url.rstrip("/")
    urls = discover(base)
    results: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    started = time.monotonic()
    stop_at = started + args.seconds
    threads = [
        threading.Thread(target=reader, args=(base, urls, stop_at, results, errors))
        for _ in range(args.users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"{args.users} readers for {args.seconds:.0f} s against {base}")
    report(results, errors, time.monotonic() - started)


if __name__ == "__main__":
    main()
