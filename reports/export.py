"""Open data export of a published period (Woo: active publication), built with pandas."""

from __future__ import annotations

import pandas as pd
from django.conf import settings

from projects.models import Aspect, ReportingPeriod, StatusReport

COLUMNS = [
    "period",
    "programme",
    "short_name",
    "slug",
    "kind",
    "part_of",
    "organisation_unit",
    "portfolio_holder",
    *[f"{aspect}{suffix}" for aspect in Aspect for suffix in ("_previous", "", "_explanation")],
    # Why a light is greener than the signal from the figures (money and time only).
    *[f"{aspect}_greener_reason" for aspect in StatusReport.GREENER_ASPECTS],
    "developments",
    # The controller's own light where it differs, as recorded at publication (issue 22).
    *[f"{aspect}_controller{suffix}" for aspect in Aspect for suffix in ("", "_note")],
    # Last, as it says something of the columns before it: which of them the demo made up
    # ("all" for a period written for the demo).
    "illustrative",
]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text starting like a formula is shown, not run, by spreadsheets (CSV injection)."""
    return frame.map(
        lambda value: (
            f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
        )
    )


def _rating(status) -> str:
    return status.rating.value if status and status.rating else ""


def _illustrative(report: StatusReport, period: ReportingPeriod) -> str:
    """The row's columns that were written for the demo, not reported: "all" for a made-up
    period; else the previous lights of a made-up period and a made-up portfolio holder."""
    if period.illustrative:
        return "all"
    invented = []
    if report.previous_report and report.previous_report.period.illustrative:
        invented += [f"{aspect}_previous" for aspect in Aspect]
    if getattr(report.programme.portfolio_holder, "illustrative", False):
        invented.append("portfolio_holder")
    return ";".join(invented)


def period_dataframe(period: ReportingPeriod) -> pd.DataFrame:
    """One row per published programme: the four lights now and before, and the explanations."""
    reports = StatusReport.objects.published().filter(period=period).for_overview()
    rows = []
    for report in reports.in_monitor_order():
        programme = report.programme
        previous = report.previous_report.aspects if report.previous_report else [None] * 4
        row = {
            "period": period.label,
            "programme": programme.name,
            "short_name": programme.short_name,
            "slug": programme.slug,
            "kind": programme.kind,
            "part_of": programme.parent.slug if programme.parent else "",
            "organisation_unit": programme.unit.name,
            "portfolio_holder": getattr(programme.portfolio_holder, "name", ""),
            "developments": report.developments,
            "illustrative": _illustrative(report, period),
        }
        for status, before in zip(report.aspects, previous, strict=True):
            row[f"{status.aspect}_previous"] = _rating(before)
            row[str(status.aspect)] = _rating(status)
            row[f"{status.aspect}_explanation"] = status.explanation
            if status.aspect in StatusReport.GREENER_ASPECTS:
                row[f"{status.aspect}_greener_reason"] = status.greener_reason
        row |= _assessment(report)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def _assessment(report: StatusReport) -> dict[str, str]:
    """The controller's differing lights from the publication record; empty where they agree
    or where the municipality does not publish them."""
    row = {f"{aspect}_controller{suffix}": "" for aspect in Aspect for suffix in ("", "_note")}
    if not settings.PUBLISH_CONTROLLER_ASSESSMENT:
        return row
    for item in (report.programme_at_publication or {}).get("controller_assessment", []):
        row[f"{item['aspect']}_controller"] = item["controller"]
        row[f"{item['aspect']}_controller_note"] = item["note"]
    return row
