"""Reading spreadsheets for the import: time and peak memory per file (issue 19, finding 1).

Each file is read by ``projects.imports.read_table`` in a fresh child process, so its peak
resident size (ru_maxrss) is that read's alone: a normal round of 200 programmes as .xlsx and
CSV, the largest table the limits allow, and the crafted files that are refused (one cell at
XFD1048576, 100 000 empty rows). Run: ``.venv/bin/python bench/import_read.py``.
"""

from __future__ import annotations

import django_setup  # noqa: F401  (first: the checkout on the path, Django set up)

# isort: split

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from projects import imports

CHILD = """
import json, resource, sys, time
sys.path.insert(0, "bench")
import django_setup
from projects.imports import ImportFailed, read_table
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    outcome = f"{len(read_table(data, sys.argv[1]))} rows"
except ImportFailed as failure:
    outcome = "refused"
seconds = time.perf_counter() - start
print(json.dumps([outcome, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))
"""
HEADER = ["slug", "quality", "money", "time", "risk", "developments"]


def xlsx(rows: list[list[str]], far: str = "") -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if far:
        book.active[far] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def files() -> dict[str, tuple[str, bytes]]:
    round_ = [HEADER] + [
        [f"p{n}", "groen", "oranje", "rood", "groen", "tekst " * 50] for n in range(200)
    ]
    largest = [[f"c{c}" for c in range(imports.MAX_COLUMNS)]] + [
        ["x"] * imports.MAX_COLUMNS for _ in range(imports.MAX_ROWS - 1)
    ]
    return {
        "round of 200 (.xlsx)": ("a.xlsx", xlsx(round_)),
        "round of 200 (.csv)": ("a.csv", "\n".join(";".join(r) for r in round_).encode()),
        "largest allowed (.xlsx)": ("b.xlsx", xlsx(largest)),
        "far cell XFD1048576": ("c.xlsx", xlsx([HEADER], far="XFD1048576")),
        "100 000 empty rows (.csv)": ("d.csv", ";".join(HEADER).encode() + b"\n" * 100_000),
    }


def main() -> None:
    print(f"{'file':28} {'size':>9} {'outcome':>10} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, data) in files().items():
            path = Path(folder) / name
            path.write_bytes(data)
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
            )
            outcome, seconds, peak = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"{label:28} {len(data):>9} {outcome:>10} {seconds:>8.2f} {peak / 1024:>8.0f}")


if __name__ == "__main__":
    main()
