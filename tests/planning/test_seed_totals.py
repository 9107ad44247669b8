"""The totals page against seed 004's *Tabel 1* (Deventer, x € 1.000), cell by cell.

The cards do not add up to the tables. Each cause is listed in docs/planning.md and below as a
correction in euros; the page shows the computed figure. The first test proves that the cards
plus exactly these corrections give every printed cell; the second that each correction is
needed, so the list holds no difference that is not there.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from planning.models import PRIORITY_ORDER
from planning.totals import NEEDED, TO_REQUEST, cost_frame, pivot
from tests.planning.seed_tables import DEVENTER, DOMAIN_NAMES

BV, DV = "Bedrijfsvoering", "Dienstverlening en participatie"
FYS, SOC = "Fysiek, economie en openbare orde en veiligheid", "Sociaal"
INC, STR = "incidental", "structural"


def swap(domain, priority, year, incidental: int, structural: int, covered_structural: int = 0):
    """The tables book a card's incidental figure as structural and the other way round."""
    return [
        (domain, priority, INC, year, structural - incidental, structural - covered_structural
         - incidental),
        (domain, priority, STR, year, incidental - structural, incidental - structural
         + covered_structural),
    ]  # fmt: skip


# (domain, priority, kind, year, needed, to request): what the tables hold beyond the cards.
CORRECTIONS = {
    "datagedreven werken 2023-2025, not on the card": [
        *[(BV, "1a", INC, year, 65_000, 0) for year in (2023, 2024, 2025)],
        *[(BV, "1a", STR, year, 364_100, 0) for year in (2023, 2024, 2025)],
    ],
    "fysiek AO 2022, covered, on no card": [(FYS, "AO", INC, 2022, 64_500, 0)],
    "KISS structural Deventer, not requested yet": [
        (DV, "1a", STR, year, 0, -21_578) for year in (2022, 2023, 2024, 2025)
    ],
    "BAD incidental and structural swapped": [
        *[row for year in (2022, 2023, 2024) for row in swap(SOC, "2", year, 11_000, 5_000)],
        *swap(SOC, "2", 2025, 191_000, 72_000, covered_structural=67_000),
    ],
    "contract management incidental and structural swapped": [
        *swap(SOC, "2", 2023, 46_000, 8_000),
        *[row for year in (2024, 2025) for row in swap(SOC, "2", year, 0, 8_000)],
    ],
}


def deventer_frame(plan, leave_out: str | None = None) -> pd.DataFrame:
    frame = cost_frame(plan)
    frame = frame[frame["municipality"] == "D"]
    rows = [
        {"domain": d, "priority": p, "kind": k, "year": y, "is_pm": False,
         NEEDED: needed * 100, TO_REQUEST: request * 100}
        for name, corrections in CORRECTIONS.items() if name != leave_out
        for d, p, k, y, needed, request in corrections
    ]  # fmt: skip
    return pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)


def thousands(cents) -> int:
    return int((Decimal(int(cents)) / 100_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def differences(plan, frame: pd.DataFrame) -> list[str]:
    found = []
    domains = list(plan.domains.values_list("name", flat=True))
    for (kind, by), printed_rows in DEVENTER.items():
        order = domains if by == "domain" else PRIORITY_ORDER
        table = pivot(frame[frame["kind"] == kind], by, order, plan.years)
        for label, printed in printed_rows.items():
            values = table.sum() if label == "Totaal" else table.loc[DOMAIN_NAMES.get(label, label)]
            for measure, figures in zip((NEEDED, TO_REQUEST), printed, strict=True):
                for year, figure in zip(plan.years, figures, strict=True):
                    if thousands(values[(measure, year)]) != figure:
                        found.append(f"{kind} {by} {label} {measure} {year}: seed {figure}")
    return found


def test_the_cards_and_the_listed_corrections_give_every_cell_of_tabel_1(plan):
    assert differences(plan, deventer_frame(plan)) == []


@pytest.mark.parametrize("correction", CORRECTIONS)
def test_every_listed_correction_is_needed(plan, correction):
    assert differences(plan, deventer_frame(plan, leave_out=correction))


def test_the_cards_alone_differ_from_the_seed(plan):
    """The page shows the computed figures, so it differs from the seed where the cards do."""
    frame = cost_frame(plan)
    assert differences(plan, frame[frame["municipality"] == "D"])
