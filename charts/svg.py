"""SVG charts with matplotlib: line (forecast drift), grouped bars (cost picture), stacked bars
(lights per period). See the package docstring for the conventions every chart keeps."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

# The monitor's palette (static/css/mip.css): each contrasts at least 4.5:1 on white.
PALETTE: dict[str, str] = {
    "green": "#1e7a34",
    "orange": "#b45309",
    "red": "#b91c1c",
    "brand": "#01689b",
    "ink": "#1b1f24",
    "muted": "#4a5360",
    "line": "#c9cfd6",
}
# Shapes and patterns that tell series apart without colour.
MARKERS = ("o", "s", "^", "D", "v", "P")
LINESTYLES = ("-", "--", ":", "-.")
# Lines, not dots: a dotted hatch ("...") is hundreds of little circles per bar, which took the
# demo's period PDF from 0.9 to 1.9 MB and a quarter of its rendering time.
HATCHES = ("", "///", "--", "xx", "\\\\", "++")

_RC = {
    "svg.hashsalt": "mip",  # stable ids for clip paths and glyphs
    "svg.fonttype": "none",  # text stays text: searchable, selectable, read by screen readers
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": PALETTE["muted"],
    "axes.labelcolor": PALETTE["ink"],
    "xtick.color": PALETTE["ink"],
    "ytick.color": PALETTE["ink"],
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Series:
    """One named series of values; ``None`` is a gap (nothing reported), never zero."""

    label: str
    values: Sequence[float | None]
    colour: str = PALETTE["brand"]
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    """What a page or PDF needs to show one chart accessibly."""

    chart_id: str
    title: str
    summary: str
    columns: list[str]
    rows: list[list[str]]
    svg: str = field(repr=False)


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=72)
    FigureCanvasSVG(fig)
    return fig


def _to_svg(fig: Figure, chart_id: str, title: str, summary: str) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(
            buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight"
        )
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and DOCTYPE for inline use
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's ids (clip paths, glyphs) are unique within one file only: prefix them so
    # several charts can share a page.
    svg = re.sub(r'id="([^"]+)"', rf'id="{chart_id}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{chart_id}-\1"', svg)
    opening = (
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart__svg"'
    )
    head = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>'
    )
    svg = svg.replace("<svg", opening, 1)
    svg = _presentation_attributes(svg)
    return re.sub(r"(<svg[^>]*>)", rf"\1{head}", svg, count=1)


_STYLE = re.compile(r'\sstyle="([^"]*)"')


def _as_attributes(match: re.Match) -> str:
    pairs = [item.split(":", 1) for item in match.group(1).split(";") if ":" in item]
    return "".join(f' {name.strip()}="{value.strip().strip(chr(39))}"' for name, value in pairs)


def _presentation_attributes(svg: str) -> str:
    """matplotlib's ``style="fill: …"`` as SVG presentation attributes (``fill="…"``).

    The site's Content-Security-Policy allows no inline style (``style-src 'self' nonce``), so a
    browser ignores every ``style`` attribute and ``<style>`` element of an inline SVG and
    paints it black; attributes are not styles and are kept. The ``<style>`` element's one rule
    (round joins, butt caps) goes onto the root element, whence it inherits.
    """
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = svg.replace("<svg", '<svg stroke-linejoin="round" stroke-linecap="butt"', 1)
    svg = _STYLE.sub(_as_attributes, svg)
    # The PDF embeds the shipped DejaVu Sans as "MIP Sans" (print.css @font-face), never a
    # system copy; a browser without it falls back to DejaVu Sans, then any sans-serif.
    return svg.replace(
        'font-family="DejaVu Sans"', 'font-family="MIP Sans, DejaVu Sans, sans-serif"'
    )


def _apply(ax, y_label: str, y_format: Callable[[float], str] | None) -> None:
    ax.set_ylabel(y_label)
    ax.grid(axis="y", color=PALETTE["line"], linewidth=0.6)
    ax.set_axisbelow(True)
    if y_format:
        ax.yaxis.set_major_formatter(lambda value, _pos: y_format(value))


def _cell(value: float | None, fmt: Callable[[float], str]) -> str:
    return "–" if value is None else fmt(value)


def _draw_line(ax, index: int, item: Series, positions: list[int]) -> None:
    points = [(x, y) for x, y in zip(positions, item.values, strict=True) if y is not None]
    if not points:
        return
    xs, ys = zip(*points, strict=True)
    style = "--" if item.dashed else LINESTYLES[index % len(LINESTYLES)]
    marker = MARKERS[index % len(MARKERS)]
    ax.plot(xs, ys, marker=marker, linestyle=style, color=item.colour, label=item.label)
    # The label at the line's end: the series is named where it is, not only by colour.
    ax.annotate(
        item.label,
        (xs[-1], ys[-1]),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        color=item.colour,
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    summary: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    y_label: str = "",
    y_format: Callable[[float], str] = str,
    first_column: str = "",
    y_min_span: float = 0,
) -> Chart:
    """Lines over periods; each series has its own marker and line style and a label at its end.

    ``y_min_span``: the least range the y axis shows, centred on the data, so that flat lines
    far from zero (dates as day numbers) do not get an axis of a century.
    """
    with matplotlib.rc_context(_RC):
        fig = _figure(6.4, 2.8)
        ax = fig.add_subplot()
        positions = list(range(len(x_labels)))
        for index, item in enumerate(series):
            _draw_line(ax, index, item, positions)
        ax.set_xticks(positions, list(x_labels), rotation=0)
        ax.margins(x=0.25 if len(positions) > 1 else 1)
        _widen(ax, series, y_min_span)
        _apply(ax, y_label, y_format)
        if len(series) > 1:
            ax.legend(loc="upper left", frameon=False, fontsize=8)
        svg = _to_svg(fig, chart_id, title, summary)
    rows = [
        [label, *(_cell(item.values[i], y_format) for item in series)]
        for i, label in enumerate(x_labels)
    ]
    return Chart(
        chart_id, title, summary, [first_column, *(item.label for item in series)], rows, svg
    )


def _widen(ax, series: Sequence[Series], span: float) -> None:
    values = [v for item in series for v in item.values if v is not None]
    if not span or not values or max(values) - min(values) >= span:
        return
    middle = (max(values) + min(values)) / 2
    ax.set_ylim(middle - span / 2, middle + span / 2)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    summary: str,
    categories: Sequence[str],
    series: Sequence[Series],
    x_label: str = "",
    value_format: Callable[[float], str] = str,
    first_column: str = "",
) -> Chart:
    """Horizontal grouped bars, one group per category; hatching tells the series apart and
    every bar carries its number."""
    with matplotlib.rc_context(_RC):
        height = 0.6 + 0.32 * len(categories) * max(len(series), 1)
        fig = _figure(6.4, height)
        ax = fig.add_subplot()
        bar = 0.8 / max(len(series), 1)
        for index, item in enumerate(series):
            ys = [i + index * bar for i in range(len(categories))]
            values = [v or 0 for v in item.values]
            bars = ax.barh(
                ys,
                values,
                height=bar,
                color=item.colour,
                hatch=HATCHES[index % len(HATCHES)],
                edgecolor="white",
                label=item.label,
            )
            labels = [_cell(v, value_format) if v is not None else "–" for v in item.values]
            ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
        ax.set_yticks(
            [i + bar * (len(series) - 1) / 2 for i in range(len(categories))], list(categories)
        )
        ax.invert_yaxis()
        ax.set_xlabel(x_label)
        ax.xaxis.set_major_formatter(lambda value, _pos: value_format(value))
        ax.margins(x=0.3)
        if len(series) > 1:
            ax.legend(loc="lower right", frameon=False, fontsize=8)
        svg = _to_svg(fig, chart_id, title, summary)
    rows = [
        [name, *(_cell(item.values[i], value_format) for item in series)]
        for i, name in enumerate(categories)
    ]
    return Chart(
        chart_id, title, summary, [first_column, *(item.label for item in series)], rows, svg
    )


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    summary: str,
    categories: Sequence[str],
    series: Sequence[Series],
    y_label: str = "",
    first_column: str = "",
) -> Chart:
    """Vertical stacked bars (e.g. green / orange / red lights per period); each segment is
    hatched differently and labelled with its count when it is not empty."""
    with matplotlib.rc_context(_RC):
        fig = _figure(6.4, 3.0)
        ax = fig.add_subplot()
        bottoms = [0.0] * len(categories)
        for index, item in enumerate(series):
            values = [v or 0 for v in item.values]
            bars = ax.bar(
                range(len(categories)),
                values,
                bottom=bottoms,
                color=item.colour,
                hatch=HATCHES[index % len(HATCHES)],
                edgecolor="white",
                label=item.label,
            )
            ax.bar_label(
                bars,
                labels=[f"{v:g}" if v else "" for v in values],
                label_type="center",
                color="white",
                fontsize=8,
                fontweight="bold",
            )
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        ax.set_xticks(range(len(categories)), list(categories))
        _apply(ax, y_label, None)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        svg = _to_svg(fig, chart_id, title, summary)
    rows = [
        [name, *(_cell(item.values[i], lambda v: f"{v:g}") for item in series)]
        for i, name in enumerate(categories)
    ]
    return Chart(
        chart_id, title, summary, [first_column, *(item.label for item in series)], rows, svg
    )
