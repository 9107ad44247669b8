"""An OpenDocument spreadsheet (.ods) is read as a workbook is (issue 21): streamed, within the
same bounds, formulas and entity tricks refused, in bounded memory whatever it claims."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects import imports
from projects.imports import ImportFailed, read_table
from tests.projects.test_import_memory import MEMORY_CAP, read_in_child

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, engine="odf", index=False)
    return buffer.getvalue()


def crafted(rows: str, doctype: str = "") -> bytes:
    """An .ods whose first sheet holds the given rows, written by hand as an attacker would."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<office:document-content {NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="a">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", imports.ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def cell(text: str, **attributes: str) -> str:
    extra = "".join(f' table:{name.replace("_", "-")}="{v}"' for name, v in attributes.items())
    return f"<table:table-cell{extra}><text:p>{text}</text:p></table:table-cell>"


TEXT = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=30
).filter(lambda text: text.strip() == text)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(TEXT.filter(bool), TEXT, TEXT),
        min_size=1,
        max_size=8,
    )
)
def test_any_table_written_as_ods_reads_back_as_written(rows):
    frame = pd.DataFrame(rows, columns=["slug", "quality", "developments"])
    table = read_table(ods(frame), "ronde.ods")
    assert table.to_dict("records") == frame.to_dict("records")
    assert list(table.index) == list(range(len(rows)))  # row n of the sheet is index n - 2


def test_numbers_dates_and_line_breaks_are_read_as_written():
    rows = (
        f"<table:table-row>{cell('slug')}{cell('forecast_end_date')}{cell('spent_to_date')}"
        f"{cell('developments')}</table:table-row><table:table-row>{cell('sorga')}"
        '<table:table-cell office:value-type="date" office:date-value="2026-12-31">'
        "<text:p>31-12-2026</text:p></table:table-cell>"
        '<table:table-cell office:value-type="float" office:value="400000.5">'
        "<text:p>€ 400.000,50</text:p></table:table-cell>"
        '<table:table-cell><text:p>Een<text:s text:c="2"/>twee<text:line-break/>drie</text:p>'
        "</table:table-cell></table:table-row>"
    )
    [record] = read_table(crafted(rows), "r.ods").to_dict("records")
    assert record == {
        "slug": "sorga",
        "forecast_end_date": "2026-12-31",
        "spent_to_date": "400000.5",
        "developments": "Een  twee\ndrie",
    }


def test_a_formula_cell_is_refused_with_its_place():
    rows = (
        f"<table:table-row>{cell('slug')}{cell('time')}</table:table-row>"
        f"<table:table-row>{cell('sorga')}{cell('rood', formula='of:=1')}</table:table-row>"
    )
    with translation.override("nl"), pytest.raises(ImportFailed, match="Cel B2 bevat een formule"):
        read_table(crafted(rows), "r.ods")


def test_an_entity_declaration_is_refused():
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
    rows = f"<table:table-row>{cell('&b;')}</table:table-row>"
    with translation.override("nl"), pytest.raises(ImportFailed, match="entiteit"):
        read_table(crafted(rows, doctype), "r.ods")


def test_a_file_called_ods_that_is_not_one_is_refused():
    with translation.override("nl"), pytest.raises(ImportFailed, match="OpenDocument"):
        read_table(b"slug;quality\nsorga;groen\n\xff", "ronde.ods")


CRAFTED = {
    # LibreOffice ends a sheet with a million empty rows: counted, never filled in.
    "million-empty-rows": (
        f"<table:table-row>{cell('slug')}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="1048000">{cell("")}</table:table-row>',
        None,
    ),
    "cell-repeated-16384-times": (
        f"<table:table-row>{cell('slug')}</table:table-row>"
        f"<table:table-row>{cell('x', number_columns_repeated='16384')}</table:table-row>",
        "Het werkblad",
    ),
    "row-repeated-a-million-times": (
        f"<table:table-row>{cell('slug')}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="1000000">{cell("x")}</table:table-row>',
        "Het werkblad",
    ),
    "value-below-a-million-empty-rows": (
        f"<table:table-row>{cell('slug')}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="1000000">{cell("")}</table:table-row>'
        f"<table:table-row>{cell('x')}</table:table-row>",
        "Het werkblad",
    ),
    "million-spaces": (
        f"<table:table-row>{cell('slug')}</table:table-row>"
        f"<table:table-row>{cell('<text:s text:c="999999999"/>x')}</table:table-row>",
        None,
    ),
}


@pytest.mark.parametrize(("rows", "refused"), CRAFTED.values(), ids=CRAFTED.keys())
def test_crafted_ods_ends_in_a_table_or_a_reason_within_the_memory_cap(tmp_path, rows, refused):
    outcome = read_in_child(tmp_path, crafted(rows), "ronde.ods")
    if refused:
        assert refused in outcome.get("refused", ""), outcome
    else:
        assert "rows" in outcome or "refused" in outcome, outcome
    assert outcome["maxrss_kb"] * 1024 < MEMORY_CAP
