"""Bench data in a running `make serve`'s database, for `make load` at scale (issue 24).

    DATABASE_URL=postgres://postgres@127.0.0.1:<port>/mip .venv/bin/python bench/serve_data.py 500

Writes ``bench/monitor_data.py``'s programmes (realistic texts, milestones, risks) and two
periods dated after the demo's, the latest published through ``publish_period`` with its task
run here (pages prepared into the server's ``MIP_PREPARED_ROOT``, open data archived). The PDFs
are one-page placeholders: a real 500-programme period PDF takes many minutes to lay out
(``bench/pdf_render.py`` measures that), and nginx sends PDF bytes without Python either way.
Run it from the checkout the server runs in, so media and prepared pages land where it reads.
"""

from __future__ import annotations

import sys
import time

import django_setup  # noqa: F401  (Django configured; TESTING=1 runs the task here, at once)
import monitor_data


def main(programmes: int, periods: int = 2) -> None:
    started = time.perf_counter()
    monitor = monitor_data.generate(programmes, periods, prefix="load", year=2030)
    monitor_data.publish_history(monitor)
    monitor_data.publish_latest(monitor)
    seconds = ", ".join(f"{name} {value:.0f} s" for name, value in monitor.seconds.items())
    print(f"{programmes} programmes × {periods} periods; latest /{monitor.latest.slug}/ public")
    print(f"{seconds}; {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
