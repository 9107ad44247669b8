"""The council information letter (*raadsinformatiebrief*, seed 002) written from the data.

One programme, one published period. The letter follows the sections of Dordrecht's letter about
ICT Beweegt: Inleiding, Wat is …?, Waarom …?, Behaalde mijlpalen, Wat staat er nog te gebeuren?,
Hoe is het programma gefinancierd?, Planning en uitloop, Welke risico’s zijn er?.

The coordinator's own paragraphs (``CouncilLetter``) go where the seed has prose; everything
that is a fact — milestones reached and to come, every budget decision and re-baseline with its
date and amount, the end dates and the slippage in months, the top risks with their measures —
is taken from the report as published (its frozen figures), never typed. ``build_letter``
returns plain sections that the PDF (``letter_pdf``) and the .docx (``letter_docx``) both print,
so the two never differ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.calculations import months_between
from projects.models import (
    ReportFigures,
    ReportingPeriod,
    RiskState,
    StatusReport,
)

TOP_RISKS = 5


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # paragraphs after the list


@dataclass(frozen=True)
class Letter:
    title: str
    programme: str
    municipality: str
    period: ReportingPeriod
    date: dt.date
    source: str
    sections: list[Section]
    illustrative_note: str = ""

    @property
    def filename_stem(self) -> str:
        return f"raadsinformatiebrief-{self.period.slug}-{self.date:%Y-%m-%d}"


def _day(value: dt.date | None) -> str:
    return date_format(value, "j F Y") if value else "–"


def euros(value: Decimal | None) -> str:
    if value is None:
        return "–"
    amount = number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"€\u00a0{amount}".replace("€\u00a0-", "−€\u00a0")


def months(value: Decimal) -> str:
    shown = number_format(value, decimal_pos=0 if value == value.to_integral() else 1)
    return ngettext("%(n)s month", "%(n)s months", abs(int(value)) or 2) % {"n": shown}


def paragraphs(text: str) -> list[str]:
    """Free text as paragraphs: separated by a blank line, inner line breaks joined."""
    return [
        " ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def default_texts(report: StatusReport) -> dict[str, str]:
    """What the coordinator starts from when no letter was kept: the published texts."""
    name = report.programme.name
    return {
        "introduction": _(
            "With this council information letter we inform you about the programme %(name)s: "
            "what it is and why, what it has achieved and what remains, its financing, its "
            "planning and its risks."
        )
        % {"name": name},
        "what": report.programme.goal,
        "why": "",
        "financing": report.money_explanation,
        "planning": report.time_explanation,
        "closing": report.developments,
    }


def published_report(programme_id: int, period: ReportingPeriod) -> StatusReport | None:
    report = (
        StatusReport.objects.published()
        .filter(programme_id=programme_id, period=period)
        .select_related("programme__unit", "programme__portfolio_holder", "period", "figures")
        .prefetch_related("milestone_snapshots", "risk_snapshots")
        .first()
    )
    if report is not None:
        report.show_programme_as_published()
    return report


def build_letter(
    report: StatusReport, texts: dict[str, str], *, on: dt.date | None = None
) -> Letter:
    """The letter for ``report`` (published) with the coordinator's ``texts``, in Dutch."""
    with translation.override(settings.LANGUAGE_CODE):
        name = report.programme.name
        figures = getattr(report, "figures", None)
        period = report.period
        sections = [
            Section(_("Introduction"), paragraphs(texts["introduction"])),
            Section(_("What is %(name)s?") % {"name": name}, paragraphs(texts["what"])),
            Section(_("Why %(name)s?") % {"name": name}, paragraphs(texts["why"])),
            _milestones_reached(report),
            _milestones_remaining(report),
            _financing(figures, texts["financing"]),
            _planning(figures, texts["planning"]),
            _risks(report),
        ]
        if texts.get("closing", "").strip():
            sections.append(Section(_("Outlook"), paragraphs(texts["closing"])))
        source = _(
            "The figures in this letter are those of the Monitor ICT Projecten, %(period)s, "
            "as published on %(date)s."
        ) % {
            "period": period.label,
            "date": _day(period.published_at and period.published_at.date()),
        }
        return Letter(
            title=_("Council information letter: %(name)s") % {"name": name},
            programme=name,
            municipality=settings.MIP_MUNICIPALITY,
            period=period,
            date=on or timezone.localdate(),
            source=source,
            sections=[s for s in sections if s.paragraphs or s.items or s.after],
            illustrative_note=period.figures_note,
        )


def _milestones_reached(report: StatusReport) -> Section:
    reached = [m for m in report.milestone_snapshots.all() if m.actual_date]
    items = [
        _("%(name)s: achieved on %(date)s.") % {"name": m.name, "date": _day(m.actual_date)}
        + (f" {m.note}" if m.note else "")
        for m in sorted(reached, key=lambda m: m.actual_date)
    ]
    empty = [] if items else [_("No milestone has been achieved yet.")]
    return Section(_("Milestones achieved"), empty, items)


def _milestones_remaining(report: StatusReport) -> Section:
    remaining = [m for m in report.milestone_snapshots.all() if not m.actual_date]
    items = []
    for m in sorted(remaining, key=lambda m: m.expected_date):
        line = _("%(name)s: expected %(expected)s (planned %(planned)s).") % {
            "name": m.name,
            "expected": _day(m.expected_date),
            "planned": _day(m.baseline_date),
        }
        items.append(line + (f" {m.note}" if m.note else ""))
    empty = [] if items else [_("All milestones have been achieved.")]
    return Section(_("What remains to be done?"), empty, items)


def _financing(figures: ReportFigures | None, text: str) -> Section:
    heading = _("How is the programme financed?")
    if figures is None:
        return Section(heading, paragraphs(text))
    items = []
    for decision in figures.decision_history:
        line = _("%(date)s, %(by)s (%(kind)s)") % {
            "date": _day(decision.decided_on),
            "by": decision.decided_by,
            "kind": decision.kind_label,
        }
        if decision.budget is not None:
            line += ": " + _("budget %(amount)s") % {"amount": euros(decision.budget)}
            if decision.budget_change:
                change = euros(decision.budget_change)
                line += " (" + (change if decision.budget_change < 0 else f"+{change}") + ")"
        if decision.end_date:
            line += "; " + _("end date %(date)s") % {"date": _day(decision.end_date)}
        items.append(line + (f". {decision.reference}" if decision.reference else "."))
    summary = _(
        "Current budget %(budget)s; forecast at completion %(forecast)s; spent to date %(spent)s."
    ) % {
        "budget": euros(figures.current_budget),
        "forecast": euros(figures.forecast_at_completion),
        "spent": euros(figures.spent_to_date),
    }
    return Section(heading, [], items, [summary, *paragraphs(text)])


def _planning(figures: ReportFigures | None, text: str) -> Section:
    heading = _("Planning and slippage")
    if figures is None or not figures.original_end_date:
        return Section(heading, paragraphs(text))
    lines = [
        _("The original planning assumed completion by %(date)s.")
        % {"date": _day(figures.original_end_date)}
    ]
    if figures.current_end_date and figures.current_end_date != figures.original_end_date:
        lines.append(
            _("After re-baselining, the end date is %(date)s.")
            % {"date": _day(figures.current_end_date)}
        )
    forecast = figures.forecast_end_date
    if forecast:
        original = months_between(figures.original_end_date, forecast)
        current = months_between(figures.current_end_date or figures.original_end_date, forecast)
        lines.append(
            _(
                "The expected end date is %(date)s: a slippage of %(original)s against the "
                "original planning and %(current)s against the current planning."
            )
            % {"date": _day(forecast), "original": months(original), "current": months(current)}
        )
    return Section(heading, [" ".join(lines), *paragraphs(text)])


def _risks(report: StatusReport) -> Section:
    open_risks = [r for r in report.risk_snapshots.all() if r.state != RiskState.CLOSED]
    top = sorted(open_risks, key=lambda r: (-r.score, r.pk))[:TOP_RISKS]
    items = []
    for risk in top:
        line = risk.title + (f": {risk.cause}" if risk.cause else ".")
        if risk.measure:
            line += " " + _("Measure: %(measure)s") % {"measure": risk.measure}
        items.append(line)
    empty = [] if items else [_("There are no open risks in the register.")]
    return Section(_("What are the risks?"), empty, items)
