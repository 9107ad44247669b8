"""A published period as rows of the open-data tables, read from what was frozen at publication.

Only the published record is read: the report rows (frozen once the period is published), the
programme as recorded on each report (``programme_at_publication``), the figures, milestone and
risk snapshots and the thresholds recorded with them, and the errata. Never the live programme,
its frame or its registers, which may have changed since: the package says what the council read.

Values are Python values (str, int, Decimal, date, datetime, bool, None); ``opendata.formats``
writes them as CSV, spreadsheet and JSON.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, Q
from django.utils import timezone, translation

from projects.models import (
    Aspect,
    Erratum,
    ReportFigures,
    ReportingPeriod,
    SignalThresholds,
    StatusReport,
)

from . import schema

Rows = list[dict]


def reports_of(period: ReportingPeriod, slug: str | None = None) -> list[StatusReport]:
    """The published and the excluded reports, in monitor order, each shown as published;
    with ``slug``, only the programme published under that slug."""
    reports = StatusReport.objects.filter(period=period)
    if slug is not None:
        reports = reports.filter(
            Q(programme_at_publication__slug=slug)
            | Q(programme_at_publication={}, programme__slug=slug)  # before the record existed
        )
    return (
        reports.filter(Q(state=StatusReport.State.APPROVED) | ~Q(exclusion_reason=""))
        .select_related("programme", "period", "figures")
        .prefetch_related(
            "milestone_snapshots",
            "risk_snapshots",
            Prefetch("errata", queryset=Erratum.objects.order_by("created_at", "pk")),
        )
        .in_monitor_order()
    )


def period_tables(period: ReportingPeriod, slug: str | None = None) -> dict[str, Rows]:
    """Every table of the package for one published period, rows in monitor order (with
    ``slug``: only that programme's rows)."""
    with translation.override("nl"):
        reports = reports_of(period, slug)
        tables: dict[str, Rows] = defaultdict(list)
        tables["periode"] = [period_row(period)]
        for report in reports:
            for name, rows in report_rows(report).items():
                tables[name].extend(rows)
        tables["programmas"] = with_tracks(tables["programmas"], reports)
    return {table.name: tables.get(table.name, []) for table in schema.TABLES}


def period_row(period: ReportingPeriod) -> dict:
    return {
        "periode": period.slug,
        "naam": period.label,
        "begin": period.start,
        "einde": period.end,
        "gepubliceerd_op": period.published_at,
        "inleiding": period.introduction,
        "verantwoordelijkheid": period.responsibility,
        "selectiecriteria": period.inclusion_criteria,
        "omschrijving_indicatoren": period.indicator_description,
        "definitie_groen": period.green_definition,
        "definitie_oranje": period.orange_definition,
        "definitie_rood": period.red_definition,
        "toelichting_cijfers": period.figures_note,
    }


def report_rows(report: StatusReport) -> dict[str, Rows]:
    """The rows one report gives: its programme, and unless excluded its lights and figures."""
    key = {"periode": report.period.slug, "programma": report.programme.slug}
    rows: dict[str, Rows] = {"programmas": [programme_row(report, key)]}
    if report.is_excluded:
        return rows
    rows["lichten"] = light_rows(report, key)
    rows["errata"] = [
        {**key, "toegevoegd_op": erratum.created_at, "correctie": erratum.text}
        for erratum in report.errata.all()
    ]
    figures = _figures(report)
    if figures is not None:
        rows["cijfers"] = [figure_row(figures, key)]
        rows["kaderbesluiten"] = decision_rows(figures, key)
        rows["signalen"] = signal_rows(figures, report, key)
    rows["mijlpalen"] = milestone_rows(report, key)
    rows["risicos"] = risk_rows(report, key)
    return rows


def _figures(report: StatusReport) -> ReportFigures | None:
    try:
        return report.figures
    except ReportFigures.DoesNotExist:
        return None


def programme_row(report: StatusReport, key: dict) -> dict:
    programme = report.programme
    holder = programme.portfolio_holder
    state = "excluded" if report.is_excluded else "published"
    return {
        **key,
        "naam": programme.name,
        "korte_naam": programme.short_name,
        "soort": schema.dutch(schema.KINDS, programme.kind),
        "onderdeel_van": programme.parent.slug if programme.parent else "",
        "positie": programme.position,
        "doel": programme.goal,
        "opdrachtgever": programme.sponsor,
        "organisatieonderdeel": programme.unit.name,
        "organisatieonderdeel_kort": programme.unit.short_name,
        "portefeuillehouder": holder.name if holder else "",
        "portefeuille": holder.portfolio if holder else "",
        "publicatie": schema.dutch(schema.PUBLICATION, state),
        "reden_uitsluiting": report.exclusion_reason if report.is_excluded else "",
        "ontwikkelingen": "" if report.is_excluded else report.developments,
    }


def with_tracks(rows: Rows, reports: list[StatusReport]) -> Rows:
    """A programme's tracks without a report of their own follow it, as recorded with it."""
    reported = {row["programma"] for row in rows}
    result = []
    for row, report in zip(rows, reports, strict=True):
        result.append(row)
        for track in getattr(report.programme, "tracks_as_published", []):
            if track.slug in reported:
                continue
            result.append(
                {
                    **row,
                    "programma": track.slug,
                    "naam": track.name,
                    "korte_naam": track.short_name,
                    "soort": schema.dutch(schema.KINDS, "track"),
                    "onderdeel_van": row["programma"],
                    "positie": track.position,
                    "doel": track.goal,
                    "opdrachtgever": "",
                    "publicatie": schema.dutch(schema.PUBLICATION, "within"),
                    "reden_uitsluiting": "",
                    "ontwikkelingen": "",
                }
            )
    return result


def light_rows(report: StatusReport, key: dict) -> Rows:
    previous = getattr(report, "previous_report", None)
    before = {s.aspect: s.rating for s in previous.aspects} if previous else {}
    return [
        {
            **key,
            "aspect": schema.dutch(schema.ASPECTS, status.aspect),
            "kleur": schema.dutch(schema.COLOURS, status.rating),
            "toelichting": status.explanation,
            "reden_groener_dan_signaal": status.greener_reason,
            "vorige_kleur": schema.dutch(schema.COLOURS, before.get(status.aspect)),
            "vorige_periode": previous.period.slug if previous else "",
        }
        for status in report.aspects
    ]


def figure_row(figures: ReportFigures, key: dict) -> dict:
    captured = figures.captured_at
    return {
        **key,
        "peildatum": timezone.localtime(captured).date() if captured else None,
        "oorspronkelijk_budget": figures.original_budget,
        "huidig_budget": figures.current_budget,
        "prognose_bij_afronding": figures.forecast_at_completion,
        "besteed_tot_nu": figures.spent_to_date,
        "oorspronkelijke_einddatum": figures.original_end_date,
        "huidige_einddatum": figures.current_end_date,
        "prognose_einddatum": figures.forecast_end_date,
    }


def decision_rows(figures: ReportFigures, key: dict) -> Rows:
    return [
        {
            **key,
            "volgnummer": number,
            "soort": schema.dutch(schema.DECISION_KINDS, decision.kind),
            "besloten_op": decision.decided_on,
            "besloten_door": decision.decided_by,
            "kenmerk": decision.reference,
            "budget": decision.budget,
            "budgetwijziging": decision.budget_change,
            "einddatum": decision.end_date,
            "reden": decision.note,
        }
        for number, decision in enumerate(figures.decision_history, start=1)
    ]


def thresholds_of(figures: ReportFigures) -> tuple[SignalThresholds, bool]:
    """The thresholds recorded at publication; for a period published before they were
    recorded, those in force here, as the drill-down shows them (and said so in the data)."""
    if figures.thresholds:
        return SignalThresholds.from_record(figures.thresholds), True
    return SignalThresholds.current(), False


def signal_rows(figures: ReportFigures, report: StatusReport, key: dict) -> Rows:
    thresholds, recorded = thresholds_of(figures)
    rows = []
    for signal in figures.signals(thresholds):
        money = signal.aspect == Aspect.MONEY
        orange = thresholds.money_orange_percent if money else thresholds.time_orange_months
        red = thresholds.money_red_percent if money else thresholds.time_red_months
        for frame, measurement in zip(("original", "current"), signal.measurements, strict=True):
            rows.append(
                {
                    **key,
                    "aspect": schema.dutch(schema.ASPECTS, signal.aspect),
                    "kader": schema.dutch(schema.FRAMES, frame),
                    "afwijking": measurement.deviation,
                    "eenheid": schema.dutch(schema.UNITS, "percent" if money else "months"),
                    "signaal": schema.dutch(schema.COLOURS, measurement.rating),
                    "opmerking": measurement.note,
                    "drempel_oranje": orange,
                    "drempel_rood": red,
                    "drempels_bij_publicatie": recorded,
                }
            )
    return rows


def milestone_rows(report: StatusReport, key: dict) -> Rows:
    return [
        {
            **key,
            "volgnummer": number,
            "mijlpaal": milestone.name,
            "basisdatum": milestone.baseline_date,
            "prognosedatum": milestone.forecast_date,
            "werkelijke_datum": milestone.actual_date,
            "status": schema.dutch(schema.MILESTONE_STATES, milestone.status),
            "toelichting": milestone.note,
        }
        for number, milestone in enumerate(report.milestone_snapshots.all(), start=1)
    ]


def risk_rows(report: StatusReport, key: dict) -> Rows:
    return [
        {
            **key,
            "volgnummer": number,
            "risico": risk.title,
            "oorzaak": risk.cause,
            "kans": risk.likelihood,
            "impact": risk.impact,
            "score": risk.score,
            "niveau": schema.dutch(schema.RISK_LEVELS, risk.level),
            "status": schema.dutch(schema.RISK_STATES, risk.state),
            "maatregel": risk.measure,
            "eigenaar": risk.owner,
        }
        for number, risk in enumerate(report.risk_snapshots.all(), start=1)
    ]


def programme_history(slug: str) -> Rows:
    """One row per public period in which the programme was published: its lights and figures,
    oldest first. For the CSV linked from the drill-down."""
    rows = []
    for period in ReportingPeriod.objects.public().order_by("start"):
        tables = period_tables(period, slug)
        programme = [r for r in tables["programmas"] if r["programma"] == slug]
        if not programme or programme[0]["publicatie"] != schema.dutch(
            schema.PUBLICATION, "published"
        ):
            continue
        row = {"periode": period.slug, "periode_naam": period.label, "naam": programme[0]["naam"]}
        for light in (r for r in tables["lichten"] if r["programma"] == slug):
            column = light["aspect"].replace("'", "")
            row[f"kleur_{column}"] = light["kleur"]
            row[f"toelichting_{column}"] = light["toelichting"]
        figures = next((r for r in tables["cijfers"] if r["programma"] == slug), {})
        row.update({k: v for k, v in figures.items() if k not in ("periode", "programma")})
        rows.append(row)
    return rows


HISTORY_COLUMNS = [
    "periode",
    "periode_naam",
    "naam",
    *[f"kleur_{schema.dutch(schema.ASPECTS, a).replace(chr(39), '')}" for a in Aspect],
    *[f"toelichting_{schema.dutch(schema.ASPECTS, a).replace(chr(39), '')}" for a in Aspect],
    *[f.name for f in schema.BY_NAME["cijfers"].fields[2:]],
]
