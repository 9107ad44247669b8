"""A crafted spreadsheet cannot make the import grow with what it claims (issue 19, finding 1).

A 1.5 KB workbook with one cell at XFD1048576 made ``pd.read_excel`` allocate 22 GB. Each
crafted file here is read in a child process whose address space is capped
(``RLIMIT_AS``): it must end in a Dutch "too large" reason, within the cap.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects import imports

# Django, pandas and the reader need about 250 MB of address space; the old reader needed
# gigabytes for a far cell. The cap sits well above the first and far below the second.
MEMORY_CAP = 1024 * 2**20

CHILD = textwrap.dedent(
    """
    import json, os, resource, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mip.settings")
    import django
    django.setup()
    from django.utils import translation
    from projects.imports import ImportFailed, read_table
    cap = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    data = open(sys.argv[1], "rb").read()
    with translation.override("nl"):
        try:
            frame = read_table(data, sys.argv[1])
            outcome = {"rows": len(frame), "columns": len(frame.columns)}
        except ImportFailed as failure:
            outcome = {"refused": str(failure)}
        except MemoryError:
            outcome = {"memory": True}
    # VmHWM: this process's own peak (ru_maxrss keeps the parent's across exec).
    status = open("/proc/self/status").read()
    outcome["maxrss_kb"] = int(status.split("VmHWM:")[1].split()[0])
    print(json.dumps(outcome))
    """
)


def read_in_child(tmp_path, data: bytes, name: str = "ronde.xlsx") -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(MEMORY_CAP)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert "memory" not in outcome, "the reader ran out of its memory cap"
    return outcome


def workbook(cells: dict[str, str]) -> bytes:
    book = openpyxl.Workbook()
    for reference, value in cells.items():
        book.active[reference] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(sheet_data: str, dimension: str = "A1") -> bytes:
    """A valid workbook whose first sheet is replaced by the given rows, as an attacker would."""
    source, target = zipfile.ZipFile(io.BytesIO(workbook({"A1": "slug"}))), io.BytesIO()
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            is_sheet = item.filename == "xl/worksheets/sheet1.xml"
            out.writestr(item, sheet.encode() if is_sheet else source.read(item))
    return target.getvalue()


def inline(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_one_far_cell_is_refused_with_a_reason_in_bounded_memory(tmp_path):
    data = workbook({"A1": "slug", "XFD1048576": "x"})
    assert len(data) < 10_000
    outcome = read_in_child(tmp_path, data)
    assert "1048576 rijen" in outcome["refused"], outcome
    assert outcome["maxrss_kb"] * 1024 < MEMORY_CAP


def test_a_far_cell_behind_a_small_dimension_is_refused(tmp_path):
    """read-only openpyxl trusts <dimension>; the reader checks every cell as well."""
    data = with_sheet(f'<row r="1">{inline("A1", "slug")}{inline("XFD1", "x")}</row>', "A1:A1")
    outcome = read_in_child(tmp_path, data)
    assert "kolom 16384" in outcome["refused"], outcome


def test_empty_cells_and_rows_beyond_the_limits_are_skipped(tmp_path):
    empty_cells = "".join(f'<c r="{openpyxl.utils.get_column_letter(c)}1"/>' for c in range(2, 500))
    rows = f'<row r="1">{inline("A1", "slug")}{empty_cells}</row>'
    rows += f'<row r="2">{inline("A2", "sorga")}</row>'
    rows += "".join(f'<row r="{r}"/>' for r in range(3, 5000))
    outcome = read_in_child(tmp_path, with_sheet(rows))
    assert (outcome["rows"], outcome["columns"]) == (1, 1), outcome


def test_a_csv_with_too_many_columns_is_refused(tmp_path):
    data = b"slug" + b";x" * 200 + b"\nsorga\n"
    outcome = read_in_child(tmp_path, data, "ronde.csv")
    assert "kolom 201" in outcome["refused"], outcome


def test_a_table_within_the_limits_is_read_whole(tmp_path):
    last = openpyxl.utils.get_column_letter(imports.MAX_COLUMNS)
    data = workbook({"A1": "slug", f"{last}1": "extra", f"A{imports.MAX_ROWS}": "sorga"})
    outcome = read_in_child(tmp_path, data)
    assert (outcome["rows"], outcome["columns"]) == (1, imports.MAX_COLUMNS), outcome


# Hypothesis: crafted sheets of every shape; each read ends in a table or a Dutch reason.
shapes = st.fixed_dictionaries(
    {
        "dimension_row": st.integers(1, 1_048_576),
        "dimension_column": st.integers(1, 16_384),
        "far_row": st.integers(1, 1_048_576),
        "far_column": st.integers(1, 16_384),
        "empty_rows": st.integers(0, 3000),
        "empty_cells": st.integers(0, 3000),
    }
)


def crafted(shape: dict) -> bytes:
    letter = openpyxl.utils.get_column_letter
    dimension = f"A1:{letter(shape['dimension_column'])}{shape['dimension_row']}"
    empties = "".join("<c/>" for _ in range(shape["empty_cells"]))
    rows = f'<row r="1">{inline("A1", "slug")}{empties}</row>'
    rows += "".join("<row/>" for _ in range(shape["empty_rows"]))
    far_row = max(shape["far_row"], 2 + shape["empty_rows"])
    rows += f'<row r="{far_row}">{inline(f"{letter(shape['far_column'])}{far_row}", "x")}</row>'
    return with_sheet(rows, dimension)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))  # a child each
@given(shapes)
def test_crafted_workbooks_end_in_a_table_or_a_reason_within_the_memory_cap(tmp_path, shape):
    outcome = read_in_child(tmp_path, crafted(shape))
    too_large = (
        shape["dimension_row"] > imports.MAX_ROWS
        or shape["dimension_column"] > imports.MAX_COLUMNS
        or max(shape["far_row"], 2 + shape["empty_rows"]) > imports.MAX_ROWS
        or shape["far_column"] > imports.MAX_COLUMNS
    )
    if too_large:
        assert "Het werkblad" in outcome.get("refused", ""), (shape, outcome)
    else:
        assert "refused" in outcome or outcome["rows"] == 1, (shape, outcome)
    assert outcome["maxrss_kb"] * 1024 < MEMORY_CAP


def test_a_csv_counts_records_not_lines(tmp_path):
    """Explanations over several lines (quoted) do not count as rows against the limit."""
    rows = "".join(f'p{n};"regel 1\nregel 2\nregel 3"\n' for n in range(imports.MAX_ROWS - 1))
    outcome = read_in_child(tmp_path, f"slug;developments\n{rows}".encode(), "ronde.csv")
    assert outcome.get("rows") == imports.MAX_ROWS - 1, outcome


def test_a_csv_value_below_the_last_row_is_refused(tmp_path):
    data = b"slug;quality\n" + b";\n" * imports.MAX_ROWS + b";groen\n"
    outcome = read_in_child(tmp_path, data, "ronde.csv")
    assert f"rij {imports.MAX_ROWS + 2}, kolom 2" in outcome["refused"], outcome
