"""The plan's totals as the seed's *Tabel 1* lays them out, computed with pandas pivot tables.

Per municipality: incidental and structural, per domain and per priority, needed and still to
request, per year; and one summary table per kind with a row per municipality. A PM-post has no
amount: it is left out of every sum and counted in its own column ("PM-posten"), so a total
never reads lower than it is without saying so.

Amounts are summed in whole cents (integers), exact, and handed out as euros (``Decimal``).
One computation feeds the HTML page, the .xlsx download and the PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.utils.translation import gettext as _

from .models import PRIORITY_ORDER, CostKind, CostLine, Plan

NEEDED, TO_REQUEST, PM = "needed", "to_request", "pm"


@dataclass
class TotalsRow:
    label: str
    needed: list[Decimal]
    to_request: list[Decimal]
    pm: int
    is_total: bool = False


@dataclass
class TotalsTable:
    """One table of the page: rows (a domain, a priority, a municipality) and a total row."""

    key: str
    title: str
    row_heading: str
    years: list[int]
    rows: list[TotalsRow] = field(default_factory=list)

    @property
    def total(self) -> TotalsRow:
        return self.rows[-1]

    def frame(self) -> pd.DataFrame:
        """As a flat table for the spreadsheet: one column per measure and year."""
        records = []
        for row in self.rows:
            record = {self.row_heading: row.label}
            for year, amount in zip(self.years, row.needed, strict=True):
                record[f"{_('Needed')} {year}"] = float(amount)
            for year, amount in zip(self.years, row.to_request, strict=True):
                record[f"{_('To request')} {year}"] = float(amount)
            record[_("PM items")] = row.pm
            records.append(record)
        return pd.DataFrame.from_records(records)


def cost_frame(plan: Plan) -> pd.DataFrame:
    """Every cost line of the plan as a row, amounts in cents; PM lines have no amount."""
    lines = CostLine.objects.filter(initiative__domain__plan=plan).values_list(
        "initiative__domain__name",
        "initiative__priority",
        "municipality__code",
        "year",
        "kind",
        "is_pm",
        "amount",
        "covered",
    )
    columns = ["domain", "priority", "municipality", "year", "kind", "is_pm", "amount", "covered"]
    frame = pd.DataFrame(list(lines), columns=columns)
    cents = frame["amount"].map(lambda a: 0 if a is None else int(a * 100))
    frame[NEEDED] = cents.astype("int64")
    frame[TO_REQUEST] = (cents - frame["covered"].map(lambda c: int(c * 100))).astype("int64")
    return frame


def pivot(frame: pd.DataFrame, by: str, order: list[str], years: list[int]) -> pd.DataFrame:
    """Sum needed and to-request per ``by`` and year over the estimated lines; count PM lines."""
    estimated = frame[~frame["is_pm"].astype(bool)]
    if estimated.empty:  # pivot_table needs at least one row
        table = pd.DataFrame(index=pd.Index([], name=by))
    else:
        table = estimated.pivot_table(
            index=by, columns="year", values=[NEEDED, TO_REQUEST], aggfunc="sum", fill_value=0
        )
    table = table.reindex(
        index=order,
        columns=pd.MultiIndex.from_product([[NEEDED, TO_REQUEST], years]),
        fill_value=0,
    ).fillna(0)
    pm_counts = frame[frame["is_pm"].astype(bool)].groupby(by).size()
    table[(PM, 0)] = pm_counts.reindex(order, fill_value=0)
    return table.astype("int64")


def to_table(pivoted: pd.DataFrame, key: str, title: str, heading: str, years, labels=None):
    table = TotalsTable(key=key, title=title, row_heading=heading, years=list(years))
    for label, values in pivoted.iterrows():
        table.rows.append(_row(str((labels or {}).get(label, label)), values, years))
    table.rows.append(_row(_("Total"), pivoted.sum(), years, is_total=True))
    return table


def _row(label: str, values: pd.Series, years, is_total: bool = False) -> TotalsRow:
    def euros(measure):
        return [Decimal(int(values[(measure, year)])) / 100 for year in years]

    return TotalsRow(label, euros(NEEDED), euros(TO_REQUEST), int(values[(PM, 0)]), is_total)


def plan_totals(plan: Plan) -> list[dict]:
    """Per municipality: its four tables (kind × domain/priority), as *Tabel 1* shows them."""
    frame, years = cost_frame(plan), plan.years
    domains = list(plan.domains.values_list("name", flat=True))
    sections = []
    for municipality in plan.municipalities.all():
        own = frame[frame["municipality"] == municipality.code]
        tables = []
        for kind in CostKind:
            rows = own[own["kind"] == kind.value]
            for by, order, heading in (
                ("domain", domains, _("Domain")),
                ("priority", PRIORITY_ORDER, _("Priority")),
            ):
                title = _("%(municipality)s – total %(kind)s per %(by)s") % {
                    "municipality": municipality.name,
                    "kind": kind.label,
                    "by": heading.lower(),
                }
                key = f"{municipality.code}-{kind.value}-{by}"
                tables.append(to_table(pivot(rows, by, order, years), key, title, heading, years))
        sections.append({"municipality": municipality, "tables": tables})
    return sections


def municipality_totals(plan: Plan) -> list[TotalsTable]:
    """The whole plan per municipality, one table per kind."""
    frame, years = cost_frame(plan), plan.years
    names = {m.code: m.name for m in plan.municipalities.all()}
    tables = []
    for kind in CostKind:
        rows = frame[frame["kind"] == kind.value]
        title = _("All municipalities – total %(kind)s") % {"kind": kind.label}
        pivoted = pivot(rows, "municipality", list(names), years)
        tables.append(
            to_table(pivoted, f"all-{kind.value}", title, _("Municipality"), years, names)
        )
    return tables


def all_tables(plan: Plan) -> list[TotalsTable]:
    tables = municipality_totals(plan)
    for section in plan_totals(plan):
        tables.extend(section["tables"])
    return tables


def workbook(plan: Plan) -> bytes:
    """Every totals table on a sheet of its own, named by its key (≤ 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for table in all_tables(plan):
            table.frame().to_excel(writer, sheet_name=table.key[:31], index=False)
    return buffer.getvalue()
