"""Test factories for a programme's frame: the budget/end date decision, a milestone, a risk.

One place for the setup that the figures tests share (in the manner of djangoproject.com's
``checklists/tests/factory.py``): each test says only what differs from the usual frame.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from projects.models import BaselineDecision, Milestone, Programme, Risk


@dataclass
class Frame:
    decision: BaselineDecision
    milestone: Milestone | None
    risk: Risk | None


def make_frame(
    programme: Programme,
    *,
    decided_on: dt.date = dt.date(2021, 3, 1),
    reference: str = "",
    budget: Decimal = Decimal("1000000"),
    end_date: dt.date = dt.date(2023, 12, 31),
    milestone: str | None = "Livegang",
    baseline_date: dt.date = dt.date(2023, 10, 1),
    forecast_date: dt.date | None = None,
    risk: str | None = "Uitval leverancier",
    likelihood: int = 2,
    impact: int = 4,
) -> Frame:
    """The council's original decision (€ 1 mln, end 2023), one milestone and one risk.

    ``milestone=None`` or ``risk=None`` leaves that one out.
    """
    decision = BaselineDecision.objects.create(
        programme=programme,
        kind="original",
        decided_on=decided_on,
        decided_by="Gemeenteraad",
        reference=reference,
        budget=budget,
        end_date=end_date,
    )
    if milestone is not None:
        milestone = Milestone.objects.create(
            programme=programme,
            name=milestone,
            baseline_date=baseline_date,
            forecast_date=forecast_date,
        )
    if risk is not None:
        risk = Risk.objects.create(
            programme=programme, title=risk, likelihood=likelihood, impact=impact
        )
    return Frame(decision, milestone, risk)
