"""Reading a period's open-data package back: a municipality moves its published history to
another installation (``manage.py importopendata``).

The package's own schema (``opendata.schema``) says what each CSV holds; the rows recreate the
programmes, the period (published), its reports with the programme as published, their figures,
milestones, risks and errata, all in one transaction or not at all. Exported again, the period
gives identical files (tests/opendata/test_round_trip.py). Lights "before" come from the
previous period's report: import the periods oldest first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from projects.models import (
    Erratum,
    MilestoneSnapshot,
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ReportFigures,
    ReportingPeriod,
    RiskSnapshot,
    StatusReport,
    loading_history,
)

from . import formats, schema

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # a period's largest CSV is far below this
Tables = dict[str, list[dict]]


def parse(value: str, type_: str):
    """One CSV cell as the value it was written from (``formats.text_value`` undone)."""
    if value == "":
        return "" if type_ == "string" else None
    try:
        return _PARSERS[type_](value)
    except (ValueError, InvalidOperation, KeyError) as error:
        raise ValidationError(f"“{value}” is geen geldige waarde van type {type_}.") from error


def _moment(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


_PARSERS = {
    "string": formats.restore,
    "integer": int,
    "number": Decimal,
    "date": dt.date.fromisoformat,
    "datetime": _moment,
    "boolean": {"true": True, "false": False}.__getitem__,
}


def read_package(data: bytes) -> Tables:
    """The tables of a package zip, typed; a Dutch message for anything that is not one."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ValidationError("Dit is geen zip-bestand van een open-datapakket.") from error
    with archive:
        json.loads(_member(archive, "datapackage.json"))
        return {table.name: _read_table(archive, table) for table in schema.TABLES}


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        raise ValidationError(f"Het pakket mist het bestand {name}.") from error
    if info.file_size > MAX_MEMBER_BYTES:
        raise ValidationError(f"{name} is groter dan {MAX_MEMBER_BYTES // 2**20} MB.")
    return archive.read(info)


def _read_table(archive: zipfile.ZipFile, table: schema.Table) -> list[dict]:
    name = f"{table.name}.csv"
    try:
        text = _member(archive, name).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(f"{name} is geen UTF-8.") from error
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=formats.CSV_DELIMITER)
    if reader.fieldnames != table.names:
        raise ValidationError(f"{name} heeft niet de kolommen {', '.join(table.names)}.")
    types = {f.name: f.type for f in table.fields}
    return [{key: parse(value, types[key]) for key, value in row.items()} for row in reader]


def import_package(data: bytes) -> ReportingPeriod:
    """Recreate the period of the package, published, with everything in it; all or nothing."""
    tables = read_package(data)
    with transaction.atomic(), loading_history():
        period = _period(tables["periode"][0])
        programmes = _programmes(tables["programmas"])
        by_slug = {row["programma"]: row for row in tables["programmas"]}
        for row in tables["programmas"]:
            if row["publicatie"] == schema.dutch(schema.PUBLICATION, "within"):
                continue
            record = _record(row, by_slug, programmes)
            report = _report(period, programmes[row["programma"]], row, record, tables)
            _figures(report, tables)
    return period


def _period(row: dict) -> ReportingPeriod:
    if ReportingPeriod.objects.filter(slug=row["periode"]).exists():
        raise ValidationError(f"De periode “{row['naam']}” bestaat hier al.")
    return ReportingPeriod.objects.create(
        label=row["naam"],
        slug=row["periode"],
        start=row["begin"],
        end=row["einde"],
        state=ReportingPeriod.State.PUBLISHED,
        published_at=row["gepubliceerd_op"],
        introduction=row["inleiding"],
        responsibility=row["verantwoordelijkheid"],
        inclusion_criteria=row["selectiecriteria"],
        indicator_description=row["omschrijving_indicatoren"],
        green_definition=row["definitie_groen"],
        orange_definition=row["definitie_oranje"],
        red_definition=row["definitie_rood"],
        figures_note=row["toelichting_cijfers"],
    )


def _programmes(rows: list[dict]) -> dict[str, Programme]:
    """Each programme by slug, created if new (programmes before their tracks)."""
    found: dict[str, Programme] = {}
    for row in sorted(rows, key=lambda r: bool(r["onderdeel_van"])):
        unit, _ = OrganisationUnit.objects.get_or_create(
            name=row["organisatieonderdeel"],
            defaults={"short_name": row["organisatieonderdeel_kort"]},
        )
        holder = None
        if row["portefeuillehouder"]:
            holder, _ = PortfolioHolder.objects.get_or_create(
                name=row["portefeuillehouder"], defaults={"portfolio": row["portefeuille"]}
            )
        found[row["programma"]], _ = Programme.objects.get_or_create(
            slug=row["programma"],
            defaults={
                "name": row["naam"],
                "short_name": row["korte_naam"],
                "kind": schema.stored(schema.KINDS, row["soort"]),
                "parent": found.get(row["onderdeel_van"]) or _existing(row["onderdeel_van"]),
                "goal": row["doel"],
                "sponsor": row["opdrachtgever"],
                "position": row["positie"],
                "unit": unit,
                "portfolio_holder": holder,
                "in_monitor": row["publicatie"] != schema.dutch(schema.PUBLICATION, "within"),
            },
        )
    return found


def _existing(slug: str) -> Programme | None:
    return Programme.objects.filter(slug=slug).first() if slug else None


def _record(row: dict, by_slug: dict, programmes: dict[str, Programme]) -> dict:
    """``programme_at_publication`` as ``projects.models.programme_record`` wrote it."""
    programme = programmes[row["programma"]]
    parent = by_slug.get(row["onderdeel_van"])
    tracks = sorted(
        (r for r in by_slug.values() if r["onderdeel_van"] == row["programma"]),
        key=lambda r: (r["positie"], r["naam"].casefold(), programmes[r["programma"]].pk),
    )
    holder = programme.portfolio_holder if row["portefeuillehouder"] else None
    return {
        "id": programme.pk,
        "name": row["naam"],
        "short_name": row["korte_naam"],
        "slug": row["programma"],
        "kind": schema.stored(schema.KINDS, row["soort"]),
        "goal": row["doel"],
        "sponsor": row["opdrachtgever"],
        "position": row["positie"],
        "unit": {
            "id": programme.unit_id,
            "name": row["organisatieonderdeel"],
            "short_name": row["organisatieonderdeel_kort"],
        },
        "portfolio_holder": holder
        and {"id": holder.pk, "name": row["portefeuillehouder"], "portfolio": row["portefeuille"]},
        "parent": parent
        and {
            "id": programmes[parent["programma"]].pk,
            "name": parent["naam"],
            "short_name": parent["korte_naam"],
            "slug": parent["programma"],
            "position": parent["positie"],
        },
        "tracks": [
            {
                "id": programmes[t["programma"]].pk,
                "name": t["naam"],
                "short_name": t["korte_naam"],
                "slug": t["programma"],
                "goal": t["doel"],
                "position": t["positie"],
            }
            for t in tracks
        ],
    }


def _of(tables: Tables, name: str, report: StatusReport) -> list[dict]:
    return [r for r in tables[name] if r["programma"] == report.programme_at_publication["slug"]]


def _report(
    period: ReportingPeriod, programme: Programme, row: dict, record: dict, tables: Tables
) -> StatusReport:
    excluded = row["publicatie"] == schema.dutch(schema.PUBLICATION, "excluded")
    report = StatusReport(
        programme=programme,
        period=period,
        state=StatusReport.State.DRAFT if excluded else StatusReport.State.APPROVED,
        exclusion_reason=row["reden_uitsluiting"],
        developments=row["ontwikkelingen"],
        programme_at_publication=record,
        programme_name_at_publication=record["name"],
        goal_at_publication=record["goal"],
    )
    for light in _of(tables, "lichten", report):
        aspect = schema.stored(schema.ASPECTS, light["aspect"])
        setattr(report, f"{aspect}_rating", schema.stored(schema.COLOURS, light["kleur"]) or "")
        setattr(report, f"{aspect}_explanation", light["toelichting"])
        if aspect in StatusReport.GREENER_ASPECTS:
            setattr(report, f"{aspect}_greener_reason", light["reden_groener_dan_signaal"])
    report.save()
    for erratum in _of(tables, "errata", report):
        Erratum(
            report=report, text=erratum["correctie"], created_at=erratum["toegevoegd_op"]
        ).save()
    return report


def _figures(report: StatusReport, tables: Tables) -> None:
    rows = _of(tables, "cijfers", report)
    if rows:
        row = rows[0]
        noon = dt.datetime.combine(row["peildatum"], dt.time(12)) if row["peildatum"] else None
        ReportFigures.objects.create(
            report=report,
            forecast_at_completion=row["prognose_bij_afronding"],
            spent_to_date=row["besteed_tot_nu"],
            forecast_end_date=row["prognose_einddatum"],
            original_budget=row["oorspronkelijk_budget"],
            current_budget=row["huidig_budget"],
            original_end_date=row["oorspronkelijke_einddatum"],
            current_end_date=row["huidige_einddatum"],
            decisions=[_decision(d) for d in _of(tables, "kaderbesluiten", report)],
            thresholds=_thresholds(_of(tables, "signalen", report)),
            captured_at=timezone.make_aware(noon) if noon else None,
        )
    _registers(report, tables)


def _decision(row: dict) -> dict:
    return {
        "kind": schema.stored(schema.DECISION_KINDS, row["soort"]),
        "decided_on": row["besloten_op"].isoformat(),
        "decided_by": row["besloten_door"],
        "reference": row["kenmerk"],
        "budget": None if row["budget"] is None else str(row["budget"]),
        "end_date": row["einddatum"].isoformat() if row["einddatum"] else None,
        "note": row["reden"],
    }


def _thresholds(signals: list[dict]) -> dict:
    """The thresholds recorded at publication, if they were; else none (as exported)."""
    recorded = [s for s in signals if s["drempels_bij_publicatie"]]
    by_aspect = {schema.stored(schema.ASPECTS, s["aspect"]): s for s in recorded}
    if len(by_aspect) < 2:
        return {}
    money, time = by_aspect["money"], by_aspect["time"]
    return {
        "money_orange_percent": str(money["drempel_oranje"]),
        "money_red_percent": str(money["drempel_rood"]),
        "time_orange_months": str(time["drempel_oranje"]),
        "time_red_months": str(time["drempel_rood"]),
    }


def _registers(report: StatusReport, tables: Tables) -> None:
    MilestoneSnapshot.objects.bulk_create(
        MilestoneSnapshot(
            report=report,
            name=row["mijlpaal"],
            baseline_date=row["basisdatum"],
            forecast_date=row["prognosedatum"],
            actual_date=row["werkelijke_datum"],
            note=row["toelichting"],
        )
        for row in _of(tables, "mijlpalen", report)
    )
    RiskSnapshot.objects.bulk_create(
        RiskSnapshot(
            report=report,
            title=row["risico"],
            cause=row["oorzaak"],
            likelihood=row["kans"],
            impact=row["impact"],
            measure=row["maatregel"],
            owner=row["eigenaar"],
            state=schema.stored(schema.RISK_STATES, row["status"]),
        )
        for row in _of(tables, "risicos", report)
    )
