"""Property: whatever file or table comes in, the import ends in an ImportResult or in
ImportFailed with RowErrors — never another exception — and a failure changes nothing.
"""

from __future__ import annotations

import io

import pandas as pd
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.imports import (
    REQUIRED_COLUMNS,
    ImportFailed,
    ImportResult,
    RowError,
    import_status_reports,
    read_table,
)
from tests.fingerprint import db_fingerprint

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COLUMNS = [*REQUIRED_COLUMNS, "developments", *(f"{c}_explanation" for c in REQUIRED_COLUMNS[1:])]
NASTY = st.sampled_from(
    [
        "",
        "groen",
        "rood",
        "oranje",
        "paars",
        "sorga",
        "adidas",
        "\x00",
        "\ud800",
        "\u202eRTL",
        "=1+1",
        "x" * (129 * 1024),
        "\r\n",
        ";",
        '"',
        "1e400",
        "NaN",
        "😀",
    ]
)
CELL = st.one_of(NASTY, st.text(max_size=40), st.integers(), st.floats(), st.none())


def attempt(period, run) -> None:
    """Run one import in a savepoint, rolled back afterwards, and check the contract."""
    with transaction.atomic():
        before = db_fingerprint()
        try:
            result = run()
        except ImportFailed as failure:
            assert failure.result.errors
            assert all(isinstance(error, RowError) for error in failure.result.errors)
            assert all(str(error) for error in failure.result.errors)
            assert db_fingerprint() == before, "a failed import changed the database"
        else:
            assert isinstance(result, ImportResult) and result.ok
        transaction.set_rollback(True)


@SETTINGS
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.builds(lambda tail: b"slug;quality;money;time;risk\n" + tail, st.binary(max_size=500)),
        st.builds(lambda tail: b"PK\x03\x04" + tail, st.binary(max_size=500)),
        st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    name=st.sampled_from(["ronde.csv", "ronde.xlsx", "ronde.txt", ""]),
)
def test_any_bytes_end_in_a_result_or_row_errors(round_, data, name):
    attempt(
        round_.period,
        lambda: import_status_reports(read_table(io.BytesIO(data), name), round_.period),
    )


tables = st.lists(
    st.fixed_dictionaries(
        {"slug": st.one_of(st.sampled_from(["sorga", "adidas"]), CELL)},
        optional={column: CELL for column in COLUMNS[1:]},
    ),
    max_size=4,
)


@SETTINGS
@given(rows=tables, drop=st.sets(st.sampled_from(COLUMNS), max_size=2))
def test_any_table_ends_in_a_result_or_row_errors(round_, rows, drop):
    frame = pd.DataFrame(rows).drop(columns=list(drop), errors="ignore")
    attempt(round_.period, lambda: import_status_reports(frame, round_.period))


@SETTINGS
@given(rows=tables, fmt=st.sampled_from(["csv", "xlsx"]))
def test_any_table_written_to_a_file_ends_in_a_result_or_row_errors(round_, rows, fmt):
    """The same tables through a real file, as Excel or a CSV export would hold them."""
    frame = pd.DataFrame(rows).map(
        lambda value: value.encode("utf-8", "replace").decode() if isinstance(value, str) else value
    )
    buffer = io.BytesIO()
    if fmt == "csv":
        buffer.write(frame.to_csv(index=False, sep=";").encode())
    else:
        # Excel cannot hold control characters or more than 32767 characters in a cell.
        frame = frame.map(
            lambda v: (
                "".join(c for c in v if c >= " " or c in "\t\n")[:32767]
                if isinstance(v, str)
                else v
            )
        )
        frame.to_excel(buffer, index=False)
    data = buffer.getvalue()
    attempt(
        round_.period,
        lambda: import_status_reports(read_table(io.BytesIO(data), f"ronde.{fmt}"), round_.period),
    )
