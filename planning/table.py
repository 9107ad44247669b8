"""What the plan page and the card show of the cost lines: per year, per municipality.

A cell sums the estimated lines and says whether PM-posts are there besides: "PM" alone when
nothing is estimated, "€ x + PM" when both are, never 0 for a cost not yet known.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.http import QueryDict

from .models import PRIORITY_ORDER, CostKind, CostLine, Initiative, Plan

SORTS = ("number", "score", "priority", "needed", "title")


@dataclass
class Cell:
    needed: Decimal | None = None
    covered: Decimal = Decimal(0)
    pm: bool = False

    def add(self, line: CostLine) -> None:
        if line.is_pm:
            self.pm = True
            return
        self.needed = (self.needed or Decimal(0)) + line.amount
        self.covered += line.covered

    @property
    def to_request(self) -> Decimal | None:
        return None if self.needed is None else self.needed - self.covered

    @property
    def empty(self) -> bool:
        return self.needed is None and not self.pm


def year_cells(lines, years: list[int]) -> list[Cell]:
    cells = {year: Cell() for year in years}
    for line in lines:
        if line.year in cells:
            cells[line.year].add(line)
    return [cells[year] for year in years]


def cost_grid(initiative: Initiative, years: list[int]) -> list[dict]:
    """Per kind, a row per municipality with a cell per year: the card's cost tables."""
    lines = list(initiative.cost_lines.select_related("municipality"))
    grid = []
    for kind in CostKind:
        own = [line for line in lines if line.kind == kind.value]
        municipalities = sorted(
            {line.municipality for line in own}, key=lambda m: (m.position, m.name)
        )
        rows = [
            (m, year_cells([line for line in own if line.municipality_id == m.pk], years))
            for m in municipalities
        ]
        grid.append({"kind": kind, "rows": rows})
    return grid


def _filtered(plan: Plan, params: QueryDict):
    initiatives = (
        Initiative.objects.filter(domain__plan=plan)
        .select_related("domain", "score")
        .prefetch_related("municipalities", Prefetch("cost_lines"))
    )
    chosen = {
        "domain": params.get("domain", ""),
        "priority": params.get("priority", ""),
        "municipality": params.get("municipality", ""),
    }
    if chosen["domain"].isdigit():
        initiatives = initiatives.filter(domain_id=int(chosen["domain"]))
    if chosen["priority"] in PRIORITY_ORDER:
        initiatives = initiatives.filter(priority=chosen["priority"])
    if chosen["municipality"]:
        initiatives = initiatives.filter(municipalities__code=chosen["municipality"])
    return initiatives.distinct(), chosen


def _sort_key(sort: str):
    keys = {
        "number": lambda row: row["initiative"].number,
        "score": lambda row: -(row["score"].value if row["score"] else Decimal(-1)),
        "priority": lambda row: PRIORITY_ORDER.index(row["initiative"].priority),
        "needed": lambda row: -row["needed"],
        "title": lambda row: row["initiative"].title.casefold(),
    }
    return keys[sort]


def plan_rows(plan: Plan, params: QueryDict) -> dict:
    """The plan page's table: domains with their initiatives, filtered and sorted."""
    initiatives, chosen = _filtered(plan, params)
    sort = params.get("sort") if params.get("sort") in SORTS else "number"
    years = plan.years
    domains: dict = {}
    for initiative in initiatives:
        lines = list(initiative.cost_lines.all())
        cells = year_cells(lines, years)
        domains.setdefault(initiative.domain, []).append(
            {
                "initiative": initiative,
                "score": initiative.score_or_none,
                "cells": cells,
                "needed": sum((c.needed or Decimal(0) for c in cells), Decimal(0)),
            }
        )
    groups = [
        {"domain": domain, "rows": sorted(rows, key=_sort_key(sort))}
        for domain, rows in sorted(domains.items(), key=lambda item: item[0].position)
    ]
    return {"groups": groups, "chosen": chosen, "sort": sort, "years": years}
