"""The period PDF at 50 and 500 programmes, and the import of 5,000 rows: time and memory.

Run against the server in DATABASE_URL (e.g. ``scripts/with-postgres .venv/bin/python
bench/pdf_render.py``, as ``make bench`` does) or, without DATABASE_URL, against SQLite. Like the
test runner it creates a separate test database (``test_<name>``; in memory for SQLite), fills it
with generated programmes and drops it at the end; nothing is written to media storage.

Prints, per size (``BENCH_PDF_SIZES``, default ``50``; the issue's table wants ``50,500``, and
500 took 2 minutes on a 2-core machine on 5 Dec 2026): pages, seconds for the period PDF as
publication renders it (``reports.pdf.write_period_pdf``: queries, templates, WeasyPrint per
part, the join), seconds spent in WeasyPrint itself on those parts' HTML (measured around each
written part, in the same run), their ratio, and the peak resident memory of the process during
the run (sampled every 20 ms); the layout and the join run in child processes (issue 24), whose
peaks are printed beside it, with the joined file's size against its parts'. Up to 100
programmes the whole-document rendering (one WeasyPrint document, as before parts) is measured
too, for comparison. ``BENCH_JOIN_PAGES`` (default ``1000,2000,4500``): the last size's parts
joined again, the programme parts repeated up to that many pages, each join in a fresh child:
its peak memory must not grow with the pages. With ``BENCH_IMPORT_ROWS`` (at most 2,000, what
``read_table`` reads), the import of that many rows from a CSV file: seconds and peak memory;
``bench/import_bulk.py`` measures the 5,000-row import.
"""

from __future__ import annotations

import django_setup  # noqa: F401  (first: the checkout on the path, Django set up)

# isort: split

import csv
import ctypes
import dataclasses
import datetime as dt
import gc
import io
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pikepdf
import pypdf
from django.db import connection, transaction
from django.utils import timezone

from projects.imports import import_status_reports, read_table
from projects.models import (
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ReportingPeriod,
    StatusReport,
    loading_history,
)
from reports import pdf

PARAGRAPH = (
    "De afgelopen periode heeft de focus gelegen op het vergroten van de voorspelbaarheid van "
    "de softwareontwikkeling. We hebben geïnvesteerd in het team en de rollen en de werkwijze "
    "zijn verduidelijkt, waardoor het ontwikkeltempo omhoog is gegaan. "
)


def generate(size: int) -> ReportingPeriod:
    """A previous and a current period with `size` programmes, texts about the seed's length."""
    unit = OrganisationUnit.objects.create(name=f"Bench cluster {size}", short_name="BENCH")
    holder = PortfolioHolder.objects.create(name=f"Bench wethouder {size}")
    previous = ReportingPeriod.objects.create(
        label=f"bench vorige {size}",
        start=dt.date(1990, 1, 1),
        end=dt.date(1990, 4, 30),
        state="published",
        published_at=timezone.now(),
    )
    current = ReportingPeriod.objects.create(
        label=f"bench {size}",
        start=dt.date(1990, 5, 1),
        end=dt.date(1990, 8, 31),
        state="published",
        published_at=timezone.now(),
        introduction=PARAGRAPH * 2,
        responsibility=PARAGRAPH,
        inclusion_criteria=PARAGRAPH,
    )
    ratings = ["green", "orange", "red"]
    for i in range(size):
        programme = Programme.objects.create(
            name=f"Benchprogramma {i:03}",
            slug=f"bench-{size}-{i:03}",
            unit=unit,
            portfolio_holder=holder,
            goal=(PARAGRAPH * 3 + "\n\n") * 2,
        )
        for period, shift in ((previous, 1), (current, 0)):
            fields = {}
            for n, aspect in enumerate(("quality", "money", "time", "risk")):
                rating = ratings[(i + n + shift) % 3]
                fields[f"{aspect}_rating"] = rating
                fields[f"{aspect}_explanation"] = "" if rating == "green" else PARAGRAPH * 2
            with loading_history():
                StatusReport.objects.create(
                    programme=programme,
                    period=period,
                    state="approved",
                    developments=(PARAGRAPH * 3 + "\n\n") * 2,
                    **fields,
                )
    return current


def rss() -> int:
    """Resident memory of this process now, in bytes."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakMemory:
    """The highest resident memory while the block runs, sampled in a thread every 20 ms.

    Freed memory is handed back to the system first (``malloc_trim``), so an earlier run's
    high-water mark does not count for the next one."""

    def __enter__(self) -> PeakMemory:
        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        self.start = self.peak = rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss())


def mb(size: int) -> str:
    return f"{size / 2**20:,.0f}"


def measure_parts(period: ReportingPeriod, keep: Path) -> dict:
    """The period PDF as publication writes it, with the time WeasyPrint spends on each part
    (in its child, timed from here), each child's peak memory, the caller's memory growth and
    the size of the parts beside the joined file's."""
    weasy, part_bytes, kept = [], [], {}
    render = pdf.PartRenderer.render

    def timed_part(self, html, path, **options):
        start = time.perf_counter()
        part = render(self, html, path, **options)
        if path is not None:  # the layout-only pass that counts the front's pages is overhead
            weasy.append(time.perf_counter() - start)
            part_bytes.append((path.name, path.stat().st_size))
            kept[path.name] = dataclasses.replace(part, path=Path(shutil.copy(path, keep)))
        return part

    pdf.PartRenderer.render = timed_part
    children: dict = {}
    try:
        with tempfile.TemporaryDirectory() as folder, PeakMemory() as memory:
            start = time.perf_counter()
            pages = pdf.write_period_pdf(period, Path(folder) / "mip.pdf", memory=children)
            seconds = time.perf_counter() - start
            size = (Path(folder) / "mip.pdf").stat().st_size
            with pikepdf.open(Path(folder) / "mip.pdf") as joined:
                object_streams = sum(o.get("/Type") == "/ObjStm" for o in joined.objects)
    finally:
        pdf.PartRenderer.render = render
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    return {
        "pages": pages,
        "s": seconds,
        "weasy": sum(weasy),
        "peak": memory.peak,
        "kept": rss() - memory.start,
        "render_peak": children["render"],
        "join_peak": children["join"],
        "size": size,
        "parts_size": sum(dict(part_bytes).values()),  # the last rendering of each part
        "object_streams": object_streams,
        "parts": [
            kept["contents.pdf"],
            *(kept[name] for name in sorted(kept) if name != "contents.pdf"),
        ],
    }


def measure_joins(parts: list, folder: Path) -> None:
    """The join alone, in a fresh child, of more and more pages: the parts after the front
    repeated (the same programmes again; the first anchor of a name wins)."""
    head, body = parts[:2], parts[2:]
    for target in sizes("BENCH_JOIN_PAGES", "1000,2000,4500"):
        joined, pages = list(head), sum(part.pages for part in head)
        while pages < target:
            joined.append(body[len(joined) % len(body)])
            pages += joined[-1].pages
        path = folder / "joined.pdf"
        start = time.perf_counter()
        peak = pdf.PartRenderer.join(joined, path)
        seconds = time.perf_counter() - start
        with pikepdf.open(path) as result:
            assert len(result.pages) == pages
        ratio = path.stat().st_size / sum(part.path.stat().st_size for part in joined)
        print(
            f"{'':>10} join of {len(joined)} parts, {pages:>5} pages: {seconds:5.1f} s, "
            f"peak {mb(peak)} MB in its child, file/parts {ratio:.2f}",
            flush=True,
        )


def measure_whole(period: ReportingPeriod) -> dict:
    """One WeasyPrint document for the whole monitor: how the PDF was rendered before parts."""
    with PeakMemory() as memory:
        start = time.perf_counter()
        content = pdf.html_to_pdf(pdf.period_html(period))
        seconds = time.perf_counter() - start
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    return {"pages": pages, "s": seconds, "peak": memory.peak, "size": len(content)}


def measure_import(rows: int) -> tuple[float, int, int]:
    """Import ``rows`` reports (one per programme) from a CSV file into an open period."""
    with transaction.atomic():
        unit = OrganisationUnit.objects.create(name="Bench import", short_name="IMP")
        Programme.objects.bulk_create(
            Programme(name=f"Importprogramma {i:05}", slug=f"import-{i:05}", unit=unit)
            for i in range(rows)
        )
        period = ReportingPeriod.objects.create(
            label="bench import", start=dt.date(1991, 1, 1), end=dt.date(1991, 4, 30)
        )
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["slug", "quality", "money", "time", "risk", "money_explanation", "developments"]
        )
        for i in range(rows):
            writer.writerow(
                [f"import-{i:05}", "groen", "oranje", "groen", "rood", PARAGRAPH, PARAGRAPH * 2]
            )
        data = out.getvalue().encode("utf-8")
        with PeakMemory() as memory:
            start = time.perf_counter()
            result = import_status_reports(read_table(data, "import.csv"), period)
            seconds = time.perf_counter() - start
        assert result.created == rows, result
        transaction.set_rollback(True)
    return seconds, memory.peak, len(data)


def warm_up() -> None:
    """The first WeasyPrint rendering in a process loads fonts and libraries (seconds): not
    charged to whichever path is measured first (the children start from a forkserver that
    loaded them once)."""
    html = "<html lang=nl><head><title>x</title></head><body><h1>Kop</h1><p>Tekst</p></body></html>"
    with tempfile.TemporaryDirectory() as folder, pdf.PartRenderer() as renderer:
        renderer.render(html, Path(folder) / "warm.pdf")
    pdf.html_to_pdf(html)


def sizes(name: str, default: str) -> list[int]:
    return [int(size) for size in os.environ.get(name, default).split(",") if size.strip()]


def report_parts(size: int, run: dict) -> None:
    print(
        f"{size:>10} {'parts':>6} {run['pages']:>6} {run['s']:>8.1f} "
        f"{run['weasy']:>8.1f} {run['s'] / run['weasy']:>6.2f} {mb(run['peak']):>8} "
        f"{mb(run['size']):>8}",
        flush=True,
    )
    print(
        f"{'':>10} children: WeasyPrint peak {mb(run['render_peak'])} MB, join peak "
        f"{mb(run['join_peak'])} MB; "
        f"caller kept {mb(run['kept'])} MB; file/parts {run['size'] / run['parts_size']:.2f} "
        f"({mb(run['parts_size'])} MB of parts), {run['object_streams']} object streams",
        flush=True,
    )


def main() -> None:
    print(
        f"Database: {connection.vendor}; PDF variant {pdf.PDF_VARIANT}; "
        f"{pdf.PART_SIZE} programmes per part; {os.cpu_count()} CPUs"
    )
    header = ("programmes", "how", "pages", "s", "weasy s", "ratio", "peak MB", "file MB")
    print("{:>10} {:>6} {:>6} {:>8} {:>8} {:>6} {:>8} {:>8}".format(*header))
    warm_up()
    for size in sizes("BENCH_PDF_SIZES", "50"):
        with transaction.atomic():
            period = generate(size)
            with tempfile.TemporaryDirectory() as keep:
                run = measure_parts(period, Path(keep))
                report_parts(size, run)
                if size == sizes("BENCH_PDF_SIZES", "50")[-1]:
                    measure_joins(run["parts"], Path(keep))
            if size <= 100:
                whole = measure_whole(period)
                print(
                    f"{size:>10} {'whole':>6} {whole['pages']:>6} {whole['s']:>8.1f} "
                    f"{'':>8} {'':>6} {mb(whole['peak']):>8} {mb(whole['size']):>8}"
                    f"   joined/whole size {run['size'] / whole['size']:.2f}",
                    flush=True,
                )
            transaction.set_rollback(True)
    print(
        "parts: reports.pdf.write_period_pdf (as publication); weasy s: WeasyPrint on those "
        "parts' HTML, in its child; ratio = s / weasy s; peak = this process's RSS high-water "
        "during the run (the caller: queries, templates); children: ru_maxrss of the child "
        "that laid out the parts and of the one that joined them; kept = caller's RSS after "
        "the run minus before"
    )
    # The import is bench/import_bulk.py's (its bulk path reads files of any length); this older
    # measure goes through read_table, which reads at most 2,000 rows: only when asked for.
    for rows in sizes("BENCH_IMPORT_ROWS", ""):
        seconds, peak, size = measure_import(rows)
        print(
            f"import of {rows:,} rows ({mb(size)} MB CSV): {seconds:.1f} s, peak {mb(peak)} MB RSS",
            flush=True,
        )


if __name__ == "__main__":
    # A separate test database (test_<name>; in memory for SQLite), created, migrated and
    # dropped here: the benchmark never touches the data in DATABASE_URL.
    real_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        main()
    finally:
        connection.creation.destroy_test_db(real_name, verbosity=0)
