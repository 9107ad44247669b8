"""Load the demo plan: the i-uitvoeringsplannen 2022–2025 of Deventer, Olst-Wijhe and Raalte.

Beside the Rotterdam monitor (``loaddemo``), which never knows this app exists: ``make run``
and ``scripts/serve`` call both. Idempotent: a plan already loaded is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from planning import demo_data
from planning.models import Contract, CostLine, Domain, Initiative, Municipality, Plan, Score
from planning.rules import PLANNER_GROUP
from projects.management.commands.loaddemo import DEMO_PASSWORD

CARD_FIELDS = (
    "explanation",
    "goal",
    "action_lines",
    "benefits",
    "duration",
    "organisations",
    "applications",
    "costs_note",
    "financing_note",
    "priority",
)


class Command(BaseCommand):
    help = "Loads the demo i-uitvoeringsplan of Deventer, Olst-Wijhe and Raalte. Idempotent."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            self.load_planner()
            if Plan.objects.filter(slug=demo_data.PLAN["slug"]).exists():
                self.stdout.write("Demo plan already loaded.")
                return
            plan = load_plan()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo plan loaded: {plan} ({Initiative.objects.filter(domain__plan=plan).count()}"
                f" initiatives). Planner login: planner / {DEMO_PASSWORD}"
            )
        )

    def load_planner(self) -> None:
        group, _ = Group.objects.get_or_create(name=PLANNER_GROUP)
        user, created = get_user_model().objects.get_or_create(
            username="planner",
            defaults={"first_name": "Pim", "last_name": "Planner", "email": "planner@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)


def load_plan() -> Plan:
    municipalities = {}
    for position, (code, name) in enumerate(demo_data.MUNICIPALITIES):
        municipalities[code], _ = Municipality.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
    plan = Plan.objects.create(**demo_data.PLAN)
    plan.municipalities.set(municipalities.values())
    for position, name in enumerate(demo_data.DOMAINS):
        domain = Domain.objects.create(plan=plan, name=name, position=position)
        for card in demo_data.INITIATIVES[name]:
            load_initiative(domain, card, municipalities)
    load_contracts(plan, municipalities)
    return plan


def load_initiative(domain: Domain, card: dict, municipalities: dict) -> Initiative:
    fields = {name: card[name] for name in CARD_FIELDS if name in card}
    initiative = Initiative(domain=domain, number=card["number"], title=card["title"], **fields)
    initiative.full_clean()
    initiative.save()
    initiative.municipalities.set(municipalities[code] for code in card["municipalities"])
    if card["score"]:
        vision, reach, effect, yield_points = card["score"]
        score = Score(
            initiative=initiative,
            vision=vision,
            reach=reach,
            effect=effect,
            yield_points=Decimal(yield_points),
        )
        score.full_clean()
        score.save()
    for code, kind, year, amount, covered, *part in card["costs"]:
        line = CostLine(
            initiative=initiative,
            municipality=municipalities[code],
            year=year,
            kind="incidental" if kind == "i" else "structural",
            is_pm=amount is None,
            amount=None if amount is None else Decimal(amount),
            covered=Decimal(covered),
            label=part[0] if part else "",
        )
        line.full_clean()
        line.save()
    return initiative


def load_contracts(plan: Plan, municipalities: dict) -> None:
    for supplier, title, end, holder, codes, value, route, successor in demo_data.CONTRACTS:
        contract = Contract.objects.create(
            plan=plan,
            supplier=supplier,
            title=title,
            end_date=dt.date.fromisoformat(end),
            holder=holder,
            value_four_years=None if value is None else Decimal(value),
            procurement=route,
        )
        contract.municipalities.set(municipalities[code] for code in codes)
        if successor:
            domain_name, number = successor
            Initiative.objects.get(
                domain__plan=plan, domain__name=domain_name, number=number
            ).replaces.add(contract)
