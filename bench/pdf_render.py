"""How long the period PDF takes for 10 and 50 programmes, and how much of that is WeasyPrint.

Run against the server in DATABASE_URL (e.g. ``scripts/with-postgres .venv/bin/python
bench/pdf_render.py``, as ``make bench`` does) or, without DATABASE_URL, against SQLite. Like the
test runner it creates a separate test database (``test_<name>``; in memory for SQLite), fills it
with generated programmes and drops it at the end; nothing is written to media storage.

Prints, per size: pages, seconds for the full path (query + templates + WeasyPrint), seconds for
WeasyPrint alone rendering the same saved HTML, seconds per page and the ratio of the two.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mip.settings")
os.environ.setdefault("TESTING", "1")

import django  # noqa: E402

django.setup()

import pypdf  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from projects.models import (  # noqa: E402
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ReportingPeriod,
    StatusReport,
)
from reports import pdf  # noqa: E402

SIZES = (10, 50)
REPEAT = 3
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
            StatusReport.objects.create(
                programme=programme,
                period=period,
                state="approved",
                developments=(PARAGRAPH * 3 + "\n\n") * 2,
                **fields,
            )
    return current


def timed(function) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def measure(size: int) -> tuple[int, float, float]:
    """Best of REPEAT runs each; the two paths alternate so neither gets a warmer process."""
    with transaction.atomic():
        period = generate(size)
        with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as saved:
            saved.write(pdf.period_html(period))
            saved.flush()
            saved_html = Path(saved.name).read_text(encoding="utf-8")
        full_times, weasy_times = [], []
        for _ in range(REPEAT):
            seconds, content = timed(lambda: pdf.render_period_pdf(period))
            full_times.append(seconds)
            weasy_times.append(timed(lambda: pdf.html_to_pdf(saved_html))[0])
        pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
        transaction.set_rollback(True)
    return pages, min(full_times), min(weasy_times)


def main() -> None:
    print(f"Database: {connection.vendor}; best of {REPEAT} runs; PDF variant {pdf.PDF_VARIANT}")
    header = ("programmes", "pages", "full s", "weasy s", "s/page", "ratio")
    print("{:>10} {:>6} {:>8} {:>8} {:>7} {:>6}".format(*header))
    for size in SIZES:
        pages, full, weasy = measure(size)
        print(
            f"{size:>10} {pages:>6} {full:>8.2f} {weasy:>8.2f} {full / pages:>7.3f} "
            f"{full / weasy:>6.2f}"
        )
    print("ratio = full path (database + templates + WeasyPrint) / WeasyPrint alone on the HTML")


if __name__ == "__main__":
    # A separate test database (test_<name>; in memory for SQLite), created, migrated and
    # dropped here: the benchmark never touches the data in DATABASE_URL.
    real_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        main()
    finally:
        connection.creation.destroy_test_db(real_name, verbosity=0)
