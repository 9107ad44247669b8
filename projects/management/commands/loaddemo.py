"""Load the demo monitor: Rotterdam's programmes of February–May 2023 and the periods around it."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from projects import demo_admission, demo_data, demo_figures, demo_insight
from projects.models import (
    BaselineDecision,
    Milestone,
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ReportFigures,
    ReportingPeriod,
    Risk,
    StatusReport,
    capture_figures,
    loading_history,
    programme_record,
)
from projects.rules import COORDINATOR_GROUP

DEMO_PASSWORD = "mip-demo-2023"
DEMO_USERS = [
    # username, full name, role, programmes managed, programmes controlled
    ("coordinator", "Carla Coördinator", "coordinator", [], []),
    ("controller", "Chris Controller", "controller", [], ["*"]),
    ("manager", "Mila Manager", "manager", ["adidas", "datagedreven-werken", "sorga"], []),
    ("manager2", "Ravi Manager", "manager", ["*"], []),
    ("admin", "Beheerder", "admin", [], []),
]


class Command(BaseCommand):
    help = "Loads the demo data from Rotterdam's Monitor ICT Projecten (Feb–May 2023). Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "dataset",
            nargs="?",
            default="rotterdam",
            choices=["rotterdam", "dordrecht"],
            help="rotterdam (default, seed 000) or dordrecht (ICT Beweegt, seed 002: loaded by "
            "the portfolio app's loaddordrecht, called by name: projects never imports it).",
        )
        parser.add_argument(
            "--no-archive",
            action="store_true",
            help="Do not render the published period's PDFs now (tests that need no PDF).",
        )

    def handle(self, *args, **options) -> None:
        if options["dataset"] == "dordrecht":
            call_command("loaddordrecht", no_archive=options["no_archive"], stdout=self.stdout)
            return
        with transaction.atomic():
            users = self.load_users()
            periods = self.load_periods()
            self.load_programmes(users, periods)
            self.load_figures(periods)
            demo_insight.load_insight(periods)
            # Issue 25: one programme of the invented earlier period left as completed.
            demo_admission.load_departure(
                periods, OrganisationUnit.objects.order_by("pk").first(), users.get("coordinator")
            )
        if not options["no_archive"]:
            # The published period's PDFs, archived now so the first visitor never waits.
            # By name: projects never imports reports.
            call_command("archivepublished", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Logins (password {DEMO_PASSWORD}):")
        )
        for username, full_name, role, *_ in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role:<12} {full_name}")

    def load_users(self) -> dict:
        User = get_user_model()
        users = {}
        for username, full_name, role, *_ in DEMO_USERS:
            first, _, last = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    "is_staff": role in {"admin", "coordinator"},
                    "is_superuser": role == "admin",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if role == "coordinator":
                group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
                user.groups.add(group)
            users[username] = user
        return users

    def load_periods(self) -> dict[str, ReportingPeriod]:
        intro = demo_data.INTRODUCTION
        periods = {}
        for item in demo_data.PERIODS:
            published_at = None
            if item["published_on"]:
                published_at = timezone.make_aware(
                    dt.datetime.combine(dt.date.fromisoformat(item["published_on"]), dt.time(10))
                )
            end = dt.date.fromisoformat(item["end"])
            period, _ = ReportingPeriod.objects.update_or_create(
                label=item["label"],
                defaults={
                    "start": dt.date.fromisoformat(item["start"]),
                    "end": end,
                    # The open round's deadline is two weeks after loading, so the demo's
                    # "days to deadline" reads as in a live round, not years overdue.
                    "deadline": timezone.localdate() + dt.timedelta(days=14)
                    if item["state"] == ReportingPeriod.State.OPEN
                    else end + dt.timedelta(days=14),
                    "state": item["state"],
                    "published_at": published_at,
                    "introduction": intro["purpose"].replace(
                        "februari tot en met mei 2023", item["label"].replace("t/m", "tot en met")
                    ),
                    "responsibility": intro["responsibility"],
                    "inclusion_criteria": intro["inclusion_criteria"],
                    "contents": intro["contents"],
                    "indicator_description": demo_data.INDICATORS_TEXT,
                    "green_definition": intro["colours"]["green"],
                    "orange_definition": intro["colours"]["orange"],
                    "red_definition": intro["colours"]["red"],
                    **{
                        f"{colour}_summary": summary
                        for colour, summary in demo_data.RATING_LABELS.items()
                    },
                    "figures_note": demo_figures.FIGURES_NOTE,
                    "illustrative": item.get("illustrative", False),
                    "figures_illustrative": demo_figures.ILLUSTRATIVE,
                },
            )
            periods[item["key"]] = period
        return periods

    def load_programmes(self, users: dict, periods: dict[str, ReportingPeriod]) -> None:
        units = {
            unit["short_name"]: OrganisationUnit.objects.update_or_create(
                name=unit["name"], defaults={"short_name": unit["short_name"]}
            )[0]
            for unit in demo_data.UNITS
        }
        holders = {
            holder["name"]: PortfolioHolder.objects.update_or_create(
                name=holder["name"],
                defaults={
                    "portfolio": holder.get("portfolio", ""),
                    "illustrative": holder.get("illustrative", False),
                },
            )[0]
            for holder in demo_data.PORTFOLIO_HOLDERS
        }
        programmes: dict[str, Programme] = {}
        # Parents first, so tracks can point at them.
        for item in sorted(demo_data.PROGRAMMES, key=lambda p: p["parent"] is not None):
            programmes[item["slug"]] = Programme.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "short_name": item["short_name"],
                    "kind": item["kind"],
                    "parent": programmes.get(item["parent"]) if item["parent"] else None,
                    "goal": item["goal"],
                    "unit": units[item["unit"]],
                    "portfolio_holder": holders.get(item["portfolio_holder"]),
                    "sponsor": item.get("sponsor", ""),
                    "sponsor_illustrative": item.get("sponsor_illustrative", False),
                    "position": item.get("position", 0),
                    "manager": self.demo_user_for(users, item["slug"], manages=True),
                    "controller": self.demo_user_for(users, item["slug"], manages=False),
                    # Tracks are reported inside their programme unless they report themselves,
                    # so a new round opens drafts for the eight programmes, not for every track.
                    "in_monitor": item["kind"] != "track" or bool(item["reports"]),
                },
            )[0]
        # Admitted before their reports: the monitor refuses a report without admission.
        demo_admission.load_admissions(users.get("coordinator"))
        for item in demo_data.PROGRAMMES:
            programme = programmes[item["slug"]]
            for key, entry in item["reports"].items():
                period = periods[key]
                report = StatusReport.objects.filter(programme=programme, period=period).first()
                if report is not None and period.is_published:
                    continue  # published reports are frozen; loading again changes nothing
                report = report or StatusReport(programme=programme, period=period)
                for aspect, rating in entry["ratings"].items():
                    setattr(report, f"{aspect}_rating", rating)
                    setattr(report, f"{aspect}_explanation", entry["explanations"].get(aspect, ""))
                report.developments = entry["developments"]
                if period.is_published:
                    report.state = StatusReport.State.APPROVED
                    report.submitted_by = programme.manager
                    report.reviewed_by = programme.controller
                    report.submitted_at = report.reviewed_at = period.published_at
                    report.programme_name_at_publication = programme.name
                    report.goal_at_publication = programme.goal
                    report.programme_at_publication = programme_record(programme)
                    report.programme_at_publication["controller_assessment"] = (
                        demo_insight.assessment_record_for(item["slug"], key, entry["ratings"])
                    )
                with loading_history() if period.is_published else nullcontext():
                    report.full_clean()  # history published before: loaded, not added
                    report.save()
            # Every programme in the monitor has a draft waiting in the open period, its texts
            # copied from the previous period as a new round starts.
            for period in periods.values():
                if (
                    period.state == ReportingPeriod.State.OPEN
                    and item["reports"]
                    and not period.reports.filter(programme=programme).exists()
                ):
                    StatusReport.draft_for(programme, period)

    def load_figures(self, periods: dict[str, ReportingPeriod]) -> None:
        """Replay each programme's figures period by period and capture them into its reports.

        The programme-level rows are set to how they stood in each period, in order, and copied
        into that period's report; they end as they stand in the latest period. Drafts in the
        open period start from the latest published figures.
        """
        order = [item["key"] for item in demo_data.PERIODS]
        for slug, data in demo_figures.FIGURES.items():
            programme = Programme.objects.get(slug=slug)
            programme.baseline_decisions.all().delete()
            programme.milestones.all().delete()
            programme.risks.all().delete()
            milestones = {
                item["name"]: Milestone.objects.create(
                    programme=programme,
                    name=item["name"],
                    baseline_date=dt.date.fromisoformat(item["baseline"]),
                    note=item.get("note", ""),
                )
                for item in data["milestones"]
            }
            latest_figures = {}
            for key in sorted(data["reports"], key=order.index):
                period = periods[key]
                for item in data["decisions"]:
                    decided_on = dt.date.fromisoformat(item["decided_on"])
                    if decided_on <= period.end:
                        BaselineDecision.objects.get_or_create(
                            programme=programme,
                            kind=item["kind"],
                            decided_on=decided_on,
                            defaults={
                                "decided_by": item["decided_by"],
                                "reference": item.get("reference", ""),
                                "budget": item.get("budget"),
                                "end_date": item.get("end_date"),
                                "note": item.get("note", ""),
                                "reason_category": item.get("reason_category", ""),
                            },
                        )
                for item in data["milestones"]:
                    milestone = milestones[item["name"]]
                    forecast, actual = item["periods"].get(key, (None, None))
                    milestone.forecast_date = dt.date.fromisoformat(forecast) if forecast else None
                    milestone.actual_date = dt.date.fromisoformat(actual) if actual else None
                    milestone.save()
                for item in data["risks"]:
                    if key not in item["periods"]:
                        continue
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
                entry = data["reports"][key]
                latest_figures = {
                    "forecast_at_completion": entry["forecast"],
                    "spent_to_date": entry["spent"],
                    "forecast_end_date": entry["end"],
                }
                report = StatusReport.objects.get(programme=programme, period=period)
                with loading_history():  # past periods: history being loaded, not changed
                    ReportFigures.objects.update_or_create(report=report, defaults=latest_figures)
                    capture_figures(report, allow_published=True)
            for report in StatusReport.objects.filter(
                programme=programme, period__state=ReportingPeriod.State.OPEN
            ).select_related("period", "programme"):
                ReportFigures.objects.update_or_create(report=report, defaults=latest_figures)
                capture_figures(report)

    @staticmethod
    def demo_user_for(users: dict, slug: str, *, manages: bool):
        for username, _full, _role, managed, controlled in DEMO_USERS:
            scope = managed if manages else controlled
            if slug in scope:
                return users[username]
        for username, _full, _role, managed, controlled in DEMO_USERS:
            if "*" in (managed if manages else controlled):
                return users[username]
        return None
