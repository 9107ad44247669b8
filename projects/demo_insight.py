"""Demo cost splits, benefits and controller's assessments (issue 22), from ``figures.json``.

Illustrative like every amount of the demo (the file's ``illustrative`` flag and note): the seeds
give no cost split, no benefit figures and no controller's view. Loaded by ``loaddemo`` after the
figures, with ``loading_history`` for the published periods.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings

from projects import demo_figures
from projects.choices import Aspect
from projects.models import (
    Benefit,
    BenefitStatus,
    ControllerAssessment,
    CostSplit,
    Programme,
    ReportingPeriod,
    StatusReport,
    loading_history,
)


def assessment_record_for(slug: str, key: str, ratings: dict[str, str]) -> list[dict]:
    """The publication record of the demo's assessments, as ``assessment_record`` makes it."""
    if not settings.PUBLISH_CONTROLLER_ASSESSMENT:
        return []
    given = demo_figures.FIGURES.get(slug, {}).get("assessments", {}).get(key, {})
    return [
        {"aspect": aspect, "manager": ratings.get(aspect, ""), "controller": rating, "note": note}
        for aspect in Aspect
        if aspect in given
        for rating, note in [given[aspect]]
    ]


def load_insight(periods: dict[str, ReportingPeriod]) -> None:
    """Benefits per programme; per report its cost split, benefit statuses and assessments.

    Drafts in the open period start from the latest published period's values.
    """
    for slug, data in demo_figures.FIGURES.items():
        programme = Programme.objects.get(slug=slug)
        programme.benefits.all().delete()
        benefits = [
            Benefit.objects.create(
                programme=programme,
                description=item["description"],
                measure=item["measure"],
                target_value=item["target"],
                due_date=dt.date.fromisoformat(item["due"]),
            )
            for item in data["benefits"]
        ]
        latest = None
        for key in data["cost_split"]:
            latest = key
            report = StatusReport.objects.get(programme=programme, period=periods[key])
            with loading_history():
                _load_report(report, data, key, benefits)
        for report in StatusReport.objects.filter(
            programme=programme, period__state=ReportingPeriod.State.OPEN
        ):
            _load_report(report, data, latest, benefits, assessments=False)


def _load_report(report, data: dict, key: str, benefits: list[Benefit], assessments=True) -> None:
    report.cost_split.all().delete()
    CostSplit.objects.bulk_create(
        CostSplit(
            report=report,
            category=category,
            initial_estimate=Decimal(initial),
            current_estimate=Decimal(current),
            actual_to_date=Decimal(actual),
            committed=Decimal(committed),
        )
        for category, (initial, current, actual, committed) in data["cost_split"][key].items()
    )
    report.benefit_statuses.all().delete()
    BenefitStatus.objects.bulk_create(
        BenefitStatus(
            report=report,
            benefit=benefit,
            **{name: getattr(benefit, name) for name in Benefit.COPIED},
            status=item["periods"][key][0],
            measured_value=item["periods"][key][1],
        )
        for benefit, item in zip(benefits, data["benefits"], strict=True)
        if key in item["periods"]
    )
    report.controller_assessments.all().delete()
    given = data.get("assessments", {}).get(key, {}) if assessments else {}
    ControllerAssessment.objects.bulk_create(
        ControllerAssessment(report=report, aspect=aspect, rating=rating, note=note)
        for aspect, (rating, note) in given.items()
    )
