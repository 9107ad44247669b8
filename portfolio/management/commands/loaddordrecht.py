"""Load the second demo: Servicegemeente Dordrecht and its programme ICT Beweegt (seed 002).

Its own command, in portfolio/, because ``projects`` (where ``loaddemo`` lives) never imports
this app: ``manage.py loaddemo dordrecht`` calls it by name. Loadable on its own into an empty
database; the data and what in it is illustrative are described in fixtures/demo/dordrecht.json.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portfolio.models import CouncilLetter
from projects.demo_data import DEMO_FIXTURES
from projects.management.commands.loaddemo import DEMO_PASSWORD
from projects.management.commands.loaddemo import Command as RotterdamDemo
from projects.models import (
    Admission,
    BaselineDecision,
    Milestone,
    OrganisationUnit,
    Programme,
    ReportFigures,
    ReportingPeriod,
    Risk,
    StatusReport,
    capture_figures,
    loading_history,
    programme_record,
)

DATA = json.loads((DEMO_FIXTURES / "dordrecht.json").read_text(encoding="utf-8"))
assert DATA["illustrative"] is True, "figures the seed does not give must be marked illustrative"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Loads the Dordrecht demo (ICT Beweegt, seed 002) on its own. Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-archive", action="store_true", help="Do not render PDFs now.")

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            users = RotterdamDemo().load_users()  # the same demo logins and roles
            periods = self.load_periods()
            programme = self.load_programme(users)
            self.load_reports(programme, periods)
            self.load_figures(programme, periods)
            letter = DATA["programme"]["letter"]
            CouncilLetter.objects.update_or_create(programme=programme, defaults=letter)
        if not options["no_archive"]:
            call_command("archivepublished", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Dordrecht demo loaded (password {DEMO_PASSWORD})."))
        self.stdout.write("Set MIP_MUNICIPALITY='Servicegemeente Dordrecht' to print its name.")

    def load_periods(self) -> dict[str, ReportingPeriod]:
        periods = {}
        for item in DATA["periods"]:
            published = dt.datetime.combine(_date(item["published_on"]), dt.time(10))
            periods[item["key"]], _ = ReportingPeriod.objects.update_or_create(
                label=item["label"],
                defaults={
                    "start": _date(item["start"]),
                    "end": _date(item["end"]),
                    "deadline": _date(item["end"]) + dt.timedelta(days=14),
                    "state": ReportingPeriod.State.PUBLISHED,
                    "published_at": timezone.make_aware(published),
                    "introduction": DATA["introduction"],
                    "figures_note": DATA["note"],
                },
            )
        return periods

    def load_programme(self, users: dict) -> Programme:
        unit, _ = OrganisationUnit.objects.update_or_create(
            name=DATA["unit"]["name"], defaults={"short_name": DATA["unit"]["short_name"]}
        )
        item = DATA["programme"]
        programme, _ = Programme.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "short_name": item["short_name"],
                "goal": item["goal"],
                "sponsor": item["sponsor"],
                "unit": unit,
                "manager": users["manager"],
                "controller": users["controller"],
            },
        )
        # In the monitor before admissions were recorded: the monitor refuses reports otherwise.
        Admission.objects.get_or_create(
            programme=programme, defaults={"decision_body": Admission.Body.EARLIER}
        )
        return programme

    def load_reports(self, programme: Programme, periods: dict[str, ReportingPeriod]) -> None:
        for key, entry in DATA["programme"]["reports"].items():
            period = periods[key]
            if StatusReport.objects.filter(programme=programme, period=period).exists():
                continue  # published reports are frozen; loading again changes nothing
            report = StatusReport(programme=programme, period=period)
            for aspect, rating in entry["ratings"].items():
                setattr(report, f"{aspect}_rating", rating)
                setattr(report, f"{aspect}_explanation", entry["explanations"][aspect])
            report.developments = entry["developments"]
            report.state = StatusReport.State.APPROVED
            report.submitted_by, report.reviewed_by = programme.manager, programme.controller
            report.submitted_at = report.reviewed_at = period.published_at
            report.programme_name_at_publication = programme.name
            report.goal_at_publication = programme.goal
            report.programme_at_publication = programme_record(programme)
            with loading_history():  # published before: loaded, not added to a frozen period
                report.full_clean()
                report.save()

    def load_decisions(self, programme: Programme, period: ReportingPeriod) -> None:
        """The frame decisions taken by the end of ``period``."""
        for item in DATA["programme"]["decisions"]:
            if _date(item["decided_on"]) <= period.end:
                BaselineDecision.objects.get_or_create(
                    programme=programme,
                    kind=item["kind"],
                    decided_on=_date(item["decided_on"]),
                    defaults={
                        "decided_by": item["decided_by"],
                        "reference": item["reference"],
                        "budget": item.get("budget"),
                        "end_date": _date(item.get("end_date")),
                    },
                )

    def load_risks(self, programme: Programme, key: str) -> None:
        """The risk register as it stood in period ``key``."""
        for item in DATA["programme"]["risks"]:
            likelihood, impact, state = item["periods"][key]
            Risk.objects.update_or_create(
                programme=programme,
                title=item["title"],
                defaults={
                    "cause": item["cause"],
                    "measure": item["measure"],
                    "owner": item["owner"],
                    "likelihood": likelihood,
                    "impact": impact,
                    "state": state,
                },
            )

    def load_figures(self, programme: Programme, periods: dict[str, ReportingPeriod]) -> None:
        """Replay the frame, milestones and risks period by period into each report."""
        data = DATA["programme"]
        programme.baseline_decisions.all().delete()
        programme.milestones.all().delete()
        programme.risks.all().delete()
        milestones = [
            (
                item,
                Milestone.objects.create(
                    programme=programme,
                    name=item["name"],
                    baseline_date=_date(item["baseline"]),
                    note=item.get("note", ""),
                ),
            )
            for item in data["milestones"]
        ]
        for key in (item["key"] for item in DATA["periods"]):
            period = periods[key]
            self.load_decisions(programme, period)
            for item, milestone in milestones:
                forecast, actual = item["periods"][key]
                milestone.forecast_date, milestone.actual_date = _date(forecast), _date(actual)
                milestone.save()
            self.load_risks(programme, key)
            entry = data["reports"][key]
            report = StatusReport.objects.get(programme=programme, period=period)
            with loading_history():  # past periods: history being loaded, not changed
                ReportFigures.objects.update_or_create(
                    report=report,
                    defaults={
                        "forecast_at_completion": entry["forecast"],
                        "spent_to_date": entry["spent"],
                        "forecast_end_date": _date(entry["end"]),
                    },
                )
                capture_figures(report, allow_published=True)
