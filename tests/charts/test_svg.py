"""The one chart module: accessible, deterministic SVG that the page and the PDF share."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charts import PALETTE, Series, bar_chart, line_chart, stacked_bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def drift_chart(values=(10.0, 12.5, None, 14.0)):
    return line_chart(
        chart_id="drift-1",
        title="Prognose per rapportage",
        summary="De prognose steeg met 40 %.",
        x_labels=["jan", "mei", "sep", "jan"],
        series=[
            Series("Prognose", list(values)),
            Series("Budget", [10.0, 10.0, 10.0, 10.0], colour=PALETTE["muted"], dashed=True),
        ],
        y_format=lambda v: f"€ {v:.1f} mln",
        first_column="Periode",
    )


def test_the_svg_parses_and_names_itself_for_screen_readers():
    chart = drift_chart()
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "drift-1-title drift-1-desc"
    assert root.find(f"{SVG}title").text == "Prognose per rapportage"
    assert root.find(f"{SVG}desc").text == "De prognose steeg met 40 %."
    assert "<?xml" not in chart.svg and "<metadata" not in chart.svg


def test_the_same_data_gives_the_same_bytes():
    assert drift_chart().svg == drift_chart().svg
    assert drift_chart().svg != drift_chart((10.0, 11.0, None, 14.0)).svg


def test_ids_are_prefixed_so_two_charts_share_a_page():
    chart = drift_chart()
    ids = [el.get("id") for el in ET.fromstring(chart.svg).iter() if el.get("id")]
    assert ids and all(i.startswith("drift-1-") for i in ids)


def test_the_data_table_shows_a_gap_as_a_dash_never_zero():
    chart = drift_chart()
    assert chart.columns == ["Periode", "Prognose", "Budget"]
    assert chart.rows[2] == ["sep", "–", "€ 10.0 mln"]
    assert chart.rows[3][1] == "€ 14.0 mln"


def test_text_stays_text_in_the_svg():
    chart = drift_chart()
    assert "Prognose" in "".join(ET.fromstring(chart.svg).itertext())


def test_bars_and_stacks_carry_their_numbers():
    bars = bar_chart(
        chart_id="cost",
        title="Kosten",
        summary="s",
        categories=["Intern", "Extern"],
        series=[Series("Raming", [1.0, 2.0]), Series("Besteed", [0.5, None])],
        value_format=lambda v: f"{v:g}",
    )
    assert bars.rows == [["Intern", "1", "0.5"], ["Extern", "2", "–"]]
    text = "".join(ET.fromstring(bars.svg).itertext())
    assert "0.5" in text and "Raming" in text
    stacked = stacked_bar_chart(
        chart_id="lights",
        title="Lichten",
        summary="s",
        categories=["2022", "2023"],
        series=[Series("groen", [3, 4], PALETTE["green"]), Series("rood", [1, 0], PALETTE["red"])],
    )
    assert stacked.rows == [["2022", "3", "1"], ["2023", "4", "0"]]
    assert "groen" in "".join(ET.fromstring(stacked.svg).itertext())


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(-1e9, 1e9)), min_size=0, max_size=8))
def test_any_sequence_of_values_draws(values):
    chart = line_chart(
        chart_id="p",
        title="t",
        summary="s",
        x_labels=[str(i) for i in range(len(values))],
        series=[Series("x", values)],
    )
    ET.fromstring(chart.svg)
    assert len(chart.rows) == len(values)


@pytest.mark.parametrize("bad", ["<script>", "a & b"])
def test_titles_are_escaped(bad):
    chart = drift_chart()
    chart = line_chart(
        chart_id="e", title=bad, summary=bad, x_labels=["a"], series=[Series("x", [1.0])]
    )
    assert ET.fromstring(chart.svg).find(f"{SVG}title").text == bad


def test_no_inline_style_that_the_pages_csp_would_block():
    """style-src has no 'unsafe-inline': a style attribute or element left every bar black on
    the page (and WeasyPrint ignored them); colours are presentation attributes instead."""
    chart = stacked_bar_chart(
        chart_id="lights",
        title="Lichten",
        summary="Twee periodes.",
        categories=["okt 2022", "feb 2023"],
        series=[Series("Groen", [3, 4], PALETTE["green"]), Series("Rood", [1, 0], PALETTE["red"])],
    )
    assert "style=" not in chart.svg and "<style" not in chart.svg
    assert f'fill="{PALETTE["green"]}"' in chart.svg and f'fill="{PALETTE["red"]}"' in chart.svg
