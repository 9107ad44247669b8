"""Cost lines: to request is derived, PM is a state of its own, bad figures are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from planning.models import CostLine, Initiative, Municipality
from planning.table import plan_rows
from planning.templatetags.plan import cost_cell
from planning.totals import municipality_totals, plan_totals


def test_to_request_is_not_stored_but_derived(plan):
    assert "to_request" not in {f.name for f in CostLine._meta.get_fields()}
    line = CostLine.objects.get(
        initiative__title="Datagedreven werken", municipality__code="D", year=2022
    )
    assert (line.amount, line.covered, line.to_request) == (200_000, 50_000, 150_000)
    line.covered = Decimal(80_000)
    assert line.to_request == 120_000
    annotated = CostLine.objects.with_to_request().estimated()
    assert all(row.to_request_db == row.to_request for row in annotated)
    assert all(row.to_request_db is None for row in CostLine.objects.with_to_request().pm())


def test_a_pm_line_has_no_amount_and_shows_pm_never_zero(plan):
    website = Initiative.objects.get(domain__plan=plan, title="Website")
    lines = website.cost_lines.all()
    assert lines and all(line.is_pm and line.amount is None for line in lines)
    assert all(line.to_request is None for line in lines)
    row = next(
        r for g in plan_rows(plan, {})["groups"] for r in g["rows"] if r["initiative"] == website
    )
    assert [cost_cell(cell) for cell in row["cells"]] == ["PM", "", "", ""]


def test_pm_lines_are_left_out_of_the_sums_and_counted(plan):
    summary = {table.key: table for table in municipality_totals(plan)}
    pm_lines = CostLine.objects.filter(initiative__domain__plan=plan, is_pm=True)
    for kind in ("incidental", "structural"):
        total = summary[f"all-{kind}"].total
        assert total.pm == pm_lines.filter(kind=kind).count() > 0
        estimated = CostLine.objects.filter(initiative__domain__plan=plan, kind=kind, is_pm=False)
        for year, amount in zip(plan.years, total.needed, strict=True):
            assert amount == sum(line.amount for line in estimated.filter(year=year))
    # A PM line added where there was an amount changes the count, never the sum.
    before = municipality_totals(plan)[0].total
    line = CostLine.objects.filter(kind="incidental", is_pm=False, year=2022).first()
    CostLine.objects.create(
        initiative=line.initiative, municipality=line.municipality, year=2022,
        kind="incidental", is_pm=True,
    )  # fmt: skip
    after = municipality_totals(plan)[0].total
    assert (after.needed, after.to_request, after.pm) == (
        before.needed, before.to_request, before.pm + 1
    )  # fmt: skip


def test_totals_per_domain_equal_the_sum_over_the_initiatives(plan):
    for section in plan_totals(plan):
        code = section["municipality"].code
        per_domain = [t for t in section["tables"] if t.key.endswith("-domain")]
        for table in per_domain:
            kind = table.key.split("-")[1]
            for domain in plan.domains.all():
                row = next(r for r in table.rows if r.label == domain.name)
                lines = CostLine.objects.filter(
                    initiative__domain=domain, municipality__code=code, kind=kind, is_pm=False
                )
                for i, year in enumerate(plan.years):
                    own = lines.filter(year=year)
                    assert row.needed[i] == sum((x.amount for x in own), Decimal(0))
                    assert row.to_request[i] == sum((x.to_request for x in own), Decimal(0))
                assert (
                    row.pm
                    == CostLine.objects.filter(
                        initiative__domain=domain, municipality__code=code, kind=kind, is_pm=True
                    ).count()
                )
            assert table.total.needed == [
                sum((r.needed[i] for r in table.rows[:-1]), Decimal(0))
                for i in range(len(plan.years))
            ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"is_pm": True, "amount": Decimal(10)}, "amount", "Een PM-post heeft geen bedrag"),
        ({"is_pm": False, "amount": None}, "amount", "vink PM aan"),
        ({"amount": Decimal(100), "covered": Decimal(200)}, "covered", "meer gedekt dan nodig"),
        ({"amount": Decimal(-5)}, "amount", "kan niet negatief zijn"),
        ({"year": 2030}, "year", "Het jaar valt buiten het plan (2022–2025)"),
    ],
)
def test_bad_figures_are_refused_in_dutch(plan, fields, field, message):
    line = CostLine(
        initiative=Initiative.objects.get(domain__plan=plan, title="Smart City"),
        municipality=Municipality.objects.get(code="D"),
        year=2022,
        kind="incidental",
        amount=Decimal(1000),
    )
    for name, value in fields.items():
        setattr(line, name, value)
    with translation.override("nl"):  # lazy messages: read them in the language they are for
        with pytest.raises(ValidationError) as refused:
            line.full_clean()
        assert any(message in text for text in refused.value.message_dict[field])


def test_the_database_refuses_a_pm_line_with_an_amount(plan):
    line = CostLine.objects.filter(is_pm=True).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostLine.objects.filter(pk=line.pk).update(amount=0)


def test_a_plan_without_cost_lines_has_zero_totals(db):
    from planning.models import Plan
    from planning.totals import workbook

    plan = Plan.objects.create(title="Leeg plan", slug="leeg", first_year=2024, last_year=2025)
    plan.municipalities.add(Municipality.objects.create(code="X", name="Xdorp"))
    plan.domains.create(name="Bedrijfsvoering")
    tables = municipality_totals(plan) + plan_totals(plan)[0]["tables"]
    assert all(r.needed == [0, 0] and r.to_request == [0, 0] for t in tables for r in t.rows)
    assert all(r.pm == 0 for t in tables for r in t.rows)
    assert workbook(plan).startswith(b"PK")
