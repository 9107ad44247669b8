"""The open-data package of a published period: valid Frictionless, Dutch values with their codes
in the schema, the same numbers as the drill-down, built from the frozen record only."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pandas as pd
import pytest
from django.urls import reverse
from frictionless import validate

from opendata import archive, formats, record, schema
from projects.models import Programme, ReportingPeriod, SignalThresholds, StatusReport
from reports.templatetags.monitor import euros

from .conftest import csv_rows, unzip


def package(client, period: ReportingPeriod) -> bytes:
    url = reverse("opendata:file", args=[period.slug, f"mip-{period.slug}.zip"])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("slug", ["oktober-2022-tm-januari-2023", "februari-tm-mei-2023"])
def test_every_demo_periods_package_passes_frictionless_validate(client, demo, tmp_path, slug):
    period = ReportingPeriod.objects.get(slug=slug)
    files = unzip(package(client, period))
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(schema.TABLES)
    rows = sum(len(csv_rows(content)) for name, content in files.items() if name.endswith(".csv"))
    assert rows > 100  # lights, figures, milestones, risks of eight programmes


def test_the_schema_defines_every_code_and_the_values_are_dutch(client, demo):
    files = unzip(package(client, demo))
    descriptor = json.loads(files["datapackage.json"])
    lights = next(r for r in descriptor["resources"] if r["name"] == "lichten")
    colour = next(f for f in lights["schema"]["fields"] if f["name"] == "kleur")
    assert colour["constraints"]["enum"] == ["groen", "oranje", "rood"]
    assert "groen = geen bijsturing nodig" in colour["description"]
    assert "green: no steering needed" in colour["description_en"]
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["description"] and field["description_en"], field["name"]
    rows = csv_rows(files["lichten.csv"])
    assert {row["kleur"] for row in rows} <= {"groen", "oranje", "rood"}
    assert {row["aspect"] for row in rows} == {"kwaliteit", "geld", "tijd", "risico's"}
    assert {"green", "orange", "red"}.isdisjoint(row["kleur"] for row in rows)


def test_the_package_holds_what_the_drill_down_shows(client, demo):
    """Lights now and before, explanations, figures, every re-baseline, milestones, risks."""
    files = unzip(package(client, demo))
    report = StatusReport.objects.published().get(period=demo, programme__slug="adidas")
    adidas = [r for r in csv_rows(files["lichten.csv"]) if r["programma"] == "adidas"]
    time = next(r for r in adidas if r["aspect"] == "tijd")
    assert time["kleur"] == schema.dutch(schema.COLOURS, report.time_rating)
    assert time["vorige_kleur"] == schema.dutch(schema.COLOURS, report.previous().time_rating)
    assert time["toelichting"] == report.time_explanation
    figures = report.figures
    decisions = [r for r in csv_rows(files["kaderbesluiten.csv"]) if r["programma"] == "adidas"]
    assert len(decisions) == len(figures.decision_history)
    milestones = [r for r in csv_rows(files["mijlpalen.csv"]) if r["programma"] == "adidas"]
    assert [m["mijlpaal"] for m in milestones] == [m.name for m in report.milestone_snapshots.all()]
    risks = [r for r in csv_rows(files["risicos.csv"]) if r["programma"] == "adidas"]
    assert {(r["risico"], int(r["kans"]), int(r["impact"])) for r in risks} == {
        (r.title, r.likelihood, r.impact) for r in report.risk_snapshots.all()
    }


def test_the_spreadsheet_has_the_numbers_of_the_drill_down_pages(client, demo):
    url = reverse("opendata:file", args=[demo.slug, f"mip-{demo.slug}.xlsx"])
    book = pd.read_excel(io.BytesIO(client.get(url).content), sheet_name=None)
    assert next(iter(book)) == "Toelichting"
    explained = set(zip(book["Toelichting"]["tabel"], book["Toelichting"]["veld"], strict=True))
    for table in schema.TABLES:
        assert list(book[table.name].columns) == table.names
        assert all((table.name, name) in explained for name in table.names)
    figures = book["cijfers"]
    assert len(figures) == 8
    for row in figures.itertuples():
        page = client.get(reverse("reports:programme", args=[demo.slug, row.programma]))
        html = page.content.decode()
        for amount in (row.huidig_budget, row.prognose_bij_afronding, row.besteed_tot_nu):
            if not pd.isna(amount):
                assert euros(amount) in html, (row.programma, amount)
        if not pd.isna(row.prognose_einddatum):
            shown = pd.Timestamp(row.prognose_einddatum).strftime("%-d")
            assert shown in html


def test_the_csv_lists_the_excluded_programme_with_its_reason(client, published_with_exclusion):
    files = unzip(package(client, published_with_exclusion))
    programmes = csv_rows(files["programmas.csv"])
    left_out = next(row for row in programmes if row["naam"] == "Zaakgericht Werken")
    assert left_out["publicatie"] == "uitgesloten"
    assert left_out["reden_uitsluiting"].startswith("Geen rapportage ontvangen")
    assert "Zaakgericht Werken" not in {r["programma"] for r in csv_rows(files["lichten.csv"])}


def test_text_that_looks_like_a_formula_stays_text(client, published_with_exclusion):
    period = published_with_exclusion
    files = unzip(package(client, period))
    money = next(r for r in csv_rows(files["lichten.csv"]) if r["aspect"] == "geld")
    assert money["toelichting"] == "'=SUM(A1:A9) duurder door de aanbesteding"
    url = reverse("opendata:file", args=[period.slug, f"mip-{period.slug}.xlsx"])
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(url).content))["lichten"]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=SUM")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_package_reads_the_record_frozen_at_publication_not_live_rows(demo):
    before = {name: item.sha256 for name, item in archive.build_files(demo).items()}
    adidas = Programme.objects.get(slug="adidas")
    adidas.name, adidas.goal = "Hernoemd na publicatie", "Een nieuw doel"
    adidas.save()
    adidas.milestones.all().delete()
    adidas.baseline_decisions.all().delete()
    tables = record.period_tables(demo)
    assert "Hernoemd na publicatie" not in {r["naam"] for r in tables["programmas"]}
    assert any(r["programma"] == "adidas" for r in tables["mijlpalen"])
    after = {name: item.sha256 for name, item in archive.build_files(demo).items()}
    assert after == before


def test_thresholds_recorded_at_publication_are_the_ones_in_the_package(
    published_with_exclusion,
):
    SignalThresholds(money_orange_percent=50, money_red_percent=60).save()  # moved since
    report = StatusReport.objects.published().get(period=published_with_exclusion)
    assert report.figures.thresholds  # recorded by publish_period
    signals = record.period_tables(published_with_exclusion)["signalen"]
    money = [s for s in signals if s["aspect"] == "geld"]
    assert {s["drempel_oranje"] for s in money} == {Decimal(5)}  # as at publication, not 50
    assert all(s["drempels_bij_publicatie"] for s in money)


def test_every_format_is_the_same_bytes_each_time(demo):
    tables = record.period_tables(demo)
    for build in archive.BUILDERS.values():
        assert build(tables) == build(record.period_tables(demo))
    assert formats.table_csv(schema.TABLES[0], tables["periode"]).endswith(b"\r\n")
