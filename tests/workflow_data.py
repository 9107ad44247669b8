"""A small reporting round for the workflow tests: one programme with a published history."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.utils import timezone

from projects.models import Programme, ReportingPeriod, StatusReport, loading_history
from projects.rules import COORDINATOR_GROUP

PASSWORD = "test-pass-4711"


@functools.cache
def password_hash() -> str:
    """Hash once per session: the default hasher is deliberately slow."""
    return make_password(PASSWORD)


@dataclass
class Round:
    manager: User
    other_manager: User
    controller: User
    other_controller: User
    coordinator: User
    admin: User
    programme: Programme
    other_programme: Programme
    published_period: ReportingPeriod
    published_report: StatusReport
    period: ReportingPeriod
    report: StatusReport
    other_report: StatusReport

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def build_round(make_programme, make_period) -> Round:
    def user(name: str, full: str, **extra) -> User:
        first, _, last = full.partition(" ")
        return User.objects.create(
            username=name,
            email=f"{name}@example.org",
            password=password_hash(),
            first_name=first,
            last_name=last,
            **extra,
        )

    manager = user("mila", "Mila Manager")
    other_manager = user("ravi", "Ravi Manager")
    controller = user("chris", "Chris Controller")
    other_controller = user("olga", "Olga Controller")
    coordinator = user("carla", "Carla Coördinator")
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    admin = user("beheer", "Beheerder Admin", is_superuser=True, is_staff=True)

    programme = make_programme(
        "Sorga", short_name="Sorga", slug="sorga", manager=manager, controller=controller
    )
    other_programme = make_programme(
        "ADIDAS",
        short_name="ADIDAS",
        slug="adidas",
        manager=other_manager,
        controller=other_controller,
    )
    published_period = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    with loading_history():  # a published period takes no new report otherwise
        published_report = StatusReport.objects.create(
            programme=programme,
            period=published_period,
            state=StatusReport.State.APPROVED,
            quality_rating="green",
            money_rating="orange",
            money_explanation="De kosten van de migratie vallen hoger uit.",
            time_rating="green",
            risk_rating="green",
            developments="De nieuwe module is in gebruik genomen.",
        )
        StatusReport.objects.create(
            programme=other_programme,
            period=published_period,
            state=StatusReport.State.APPROVED,
            **{f"{a}_rating": "green" for a in ("quality", "money", "time", "risk")},
        )
    period = make_period(
        "juni t/m september 2023",
        start=dt.date(2023, 6, 1),
        state=ReportingPeriod.State.OPEN,
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    period.create_draft_reports()
    return Round(
        manager=manager,
        other_manager=other_manager,
        controller=controller,
        other_controller=other_controller,
        coordinator=coordinator,
        admin=admin,
        programme=programme,
        other_programme=other_programme,
        published_period=published_period,
        published_report=published_report,
        period=period,
        report=period.reports.get(programme=programme),
        other_report=period.reports.get(programme=other_programme),
    )
