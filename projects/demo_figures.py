"""Demo figures for the Rotterdam programmes: frame decisions, milestones, risks, forecasts.

Read from ``fixtures/demo/figures.json`` (pure data, like ``demo_data``). Dates, events and
risks follow the texts in seed 000 (and the period 2022-3 texts written for the demo); for
example ADIDAS's Thomas DUP delivery moving six months to June 2024, Sorga's last product group
in April 2023 and its closing on 30 June 2023, and RDI's €1.5 million from the Anders Werken
business case. The seeds give no programme budgets (seed 001 only has the portfolio's ICT costs,
about €148 million a year), so the euro amounts are illustrative, sized so that each forecast
gives the colour the programme itself chose — except where the figures disagree with a light,
which is what the signals are for (Sorga's time: six months past the original end of 2022 while
the light is orange).

Per programme: ``decisions`` (the frame; loaded once their date has passed), ``milestones`` with
the forecast and actual date as reported in each period, ``risks`` with likelihood, impact and
state per period (a risk is in the register from the first period that lists it), and
``reports``: forecast at completion, spent to date and forecast end date per period.
"""

import json

from projects.demo_data import DEMO_FIXTURES

_DATA = json.loads((DEMO_FIXTURES / "figures.json").read_text(encoding="utf-8"))

# The seeds give no amounts per programme: the file says so ("illustrative": true) and its note
# is printed in the colophon and beside the figures (ReportingPeriod.figures_note).
assert _DATA["illustrative"] is True, "demo figures must be marked as illustrative"
ILLUSTRATIVE: bool = _DATA["illustrative"]  # every figure in the file: see its note
FIGURES_NOTE: str = _DATA["note"]
FIGURES: dict = _DATA["programmes"]
