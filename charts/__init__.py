"""One chart module for every chart in MIP: drawn on the server as SVG by matplotlib.

Why on the server: the same SVG file goes into the web page and into the archived PDF
(WeasyPrint renders inline SVG), no JavaScript is needed, and the output is deterministic
(fixed font, fixed hash salt, no date in the metadata), so an archived PDF's checksum can be
reproduced from the same data. Every chart carries a ``<title>`` and ``<desc>`` for screen
readers, a one-sentence summary and its data as a table (``templates/components/chart.html``),
and never relies on colour alone: series differ by marker shape, line style or hatching and
are labelled directly.

This package imports no app of the project: callers hand it plain numbers and labels.
"""

from charts.svg import (
    PALETTE,
    Chart,
    Series,
    bar_chart,
    line_chart,
    stacked_bar_chart,
)

__all__ = ["PALETTE", "Chart", "Series", "bar_chart", "line_chart", "stacked_bar_chart"]
