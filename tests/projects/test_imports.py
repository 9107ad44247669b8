import io

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from projects.import_views import build_preview
from projects.imports import ImportFailed, import_status_reports, read_table
from projects.models import ReportFigures, ReportingPeriod, StatusReport
from tests.fingerprint import db_fingerprint


@pytest.fixture
def open_period(demo):
    return ReportingPeriod.objects.get(state="open")


def frame(rows: list[dict]) -> pd.DataFrame:
    base = {"quality": "groen", "money": "groen", "time": "groen", "risk": "groen"}
    return pd.DataFrame([base | row for row in rows]).fillna("")


def test_import_updates_the_periods_drafts(open_period):
    result = import_status_reports(
        frame(
            [
                {"slug": "adidas", "time": "rood", "time_explanation": "Oplevering juni 2024."},
                {"slug": "sorga", "developments": "Programma sluit op 30 juni."},
            ]
        ),
        open_period,
    )
    assert (result.created, result.updated) == (0, 2)
    adidas = StatusReport.objects.get(period=open_period, programme__slug="adidas")
    assert adidas.time_rating == "red"
    assert adidas.time_explanation == "Oplevering juni 2024."


def test_one_bad_row_imports_nothing_and_names_every_bad_row(open_period):
    before = list(
        StatusReport.objects.filter(period=open_period).values_list("updated_at", flat=True)
    )
    rows = [
        {"slug": "adidas", "time": "rood", "time_explanation": "Uitloop."},
        {"slug": "sorga", "money": "oranje", "money_explanation": ""},  # issue 21: refused
        {"slug": "bestaat-niet"},
        {"slug": "great", "risk": "paars"},
    ]
    with translation.override("nl"):
        with pytest.raises(ImportFailed) as excinfo:
            import_status_reports(frame(rows), open_period)
        errors = excinfo.value.result.errors
        assert [(e.row, e.field) for e in errors] == [
            (3, "money_explanation"),
            (4, "slug"),
            (5, "risk"),
        ]
        assert str(errors[1]) == "Rij 4, slug: Onbekend programma “bestaat-niet”."
        assert "geen kleur" in str(errors[2])
    after = list(
        StatusReport.objects.filter(period=open_period).values_list("updated_at", flat=True)
    )
    assert after == before
    assert StatusReport.objects.get(period=open_period, programme__slug="adidas").time_rating == ""


def test_missing_required_column_is_reported(open_period):
    with pytest.raises(ImportFailed) as excinfo:
        import_status_reports(pd.DataFrame([{"slug": "adidas"}]), open_period)
    assert excinfo.value.result.errors[0].field == "quality, money, time, risk"


def test_export_then_import_round_trip_through_excel(client, demo, open_period):
    exported = client.get(f"/{demo.slug}/data.csv").content
    table = read_table(io.BytesIO(exported), "mip.csv")
    buffer = io.BytesIO()
    table.to_excel(buffer, index=False)
    buffer.seek(0)
    result = import_status_reports(read_table(buffer, "ronde.xlsx"), open_period)
    assert result.updated == len(table)
    source = StatusReport.objects.get(period=demo, programme__slug="adidas")
    copy = StatusReport.objects.get(period=open_period, programme__slug="adidas")
    assert [s.rating for s in copy.aspects] == [s.rating for s in source.aspects]
    assert copy.money_explanation == source.money_explanation


def test_an_exported_periods_figures_import_back(client, demo, open_period):
    # Issue 21: the lights of data.csv with the figures of the open data's `cijfers` table
    # (its Dutch column names) import into another period: the same figures come back.
    lights = read_table(io.BytesIO(client.get(f"/{demo.slug}/data.csv").content), "mip.csv")
    package = client.get(f"/open-data/{demo.slug}/cijfers.csv").content
    columns = ["programma", "prognose_bij_afronding", "besteed_tot_nu", "prognose_einddatum"]
    figures = read_table(io.BytesIO(package), "cijfers.csv")[columns]
    table = lights.merge(figures, left_on="slug", right_on="programma", how="left")
    # The open period's drafts carried last period's figures forward: start from none.
    ReportFigures.objects.filter(report__period=open_period).update(
        forecast_at_completion=None, spent_to_date=None, forecast_end_date=None
    )
    result = import_status_reports(table.drop(columns="programma").fillna(""), open_period)
    assert result.updated == len(lights)
    fields = ["forecast_at_completion", "spent_to_date", "forecast_end_date"]
    compared = 0
    for slug in lights["slug"]:
        source = ReportFigures.objects.filter(report__period=demo, report__programme__slug=slug)
        if not source.exists():
            continue
        copy = ReportFigures.objects.get(report__period=open_period, report__programme__slug=slug)
        expected = [getattr(source.get(), f) for f in fields]
        assert [getattr(copy, f) for f in fields] == expected
        compared += any(value is not None for value in expected)
    assert compared >= 3


def test_command_reports_errors_and_imports_nothing(tmp_path, open_period):
    path = tmp_path / "ronde.csv"
    frame([{"slug": "adidas", "time": "paars"}]).to_csv(path, index=False)
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("importreports", str(path), period=open_period.slug)
    assert StatusReport.objects.get(period=open_period, programme__slug="adidas").time_rating == ""


def test_an_imported_draft_saves_and_lists_what_blocks_submission(tmp_path, open_period):
    # Issue 14: the import follows the form: a draft saves, what is missing is a checklist.
    rows = [{"slug": "adidas", "time": "rood", "time_explanation": "Uitloop.", "quality": ""}]
    with translation.override("nl"):
        result = import_status_reports(frame(rows), open_period)
        missing = [(e.row, e.field, e.message) for e in result.still_missing]
    assert result.ok and result.updated == 1
    assert (2, "quality_rating", "Kies een kleur.") in missing
    report = StatusReport.objects.get(period=open_period, programme__slug="adidas")
    assert (report.time_rating, report.state) == ("red", "draft")
    path = tmp_path / "ronde.csv"
    frame(rows).to_csv(path, index=False)
    out = io.StringIO()
    call_command("importreports", str(path), period=open_period.slug, stdout=out)
    assert "still missing before submission" in out.getvalue()
    assert "Rij 2, quality_rating: Kies een kleur." in out.getvalue()


def test_the_command_and_the_browser_refuse_a_red_light_without_explanation(tmp_path, open_period):
    # Issue 21: one rule (StatusReport.import_errors) for importreports and the browser import;
    # the command used to save such a row as a draft, the browser refused it.
    rows = [{"slug": "adidas", "time": "rood", "time_explanation": ""}]
    path = tmp_path / "ronde.csv"
    frame(rows).to_csv(path, index=False)
    before = db_fingerprint()
    explain = "Rij 2, time_explanation: Een toelichting is verplicht als tijd op rood staat."
    with translation.override("nl"), pytest.raises(CommandError, match=explain):
        call_command("importreports", str(path), period=open_period.slug)
    assert db_fingerprint() == before
    with translation.override("nl"):
        preview = build_preview(path.read_bytes(), "ronde.csv", open_period)
    assert explain in [str(e) for e in preview.result.errors]
    assert db_fingerprint() == before


def test_an_imported_green_money_light_against_a_red_signal_needs_its_reason(open_period):
    # ADIDAS's figures forecast 12 % over the current budget: the signal for money is red.
    rows = [{"slug": "adidas", "money": "groen", "time": "rood", "time_explanation": "Uitloop."}]
    result = import_status_reports(frame(rows), open_period)
    assert [e.field for e in result.still_missing] == ["money_greener_reason"]
    rows[0]["money_greener_reason"] = "De overschrijding is gedekt door een besluit van juni."
    result = import_status_reports(frame(rows), open_period)
    assert result.still_missing == []
    report = StatusReport.objects.get(period=open_period, programme__slug="adidas")
    assert report.money_greener_reason.startswith("De overschrijding is gedekt")


def test_import_refuses_reports_that_are_not_open_for_changes(open_period):
    report = StatusReport.objects.get(period=open_period, programme__slug="sorga")
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "green")
    report.money_greener_reason = report.time_greener_reason = "Gedekt."  # signals may be worse
    report.save()
    report.submit(by=None)
    with pytest.raises(ImportFailed) as excinfo:
        import_status_reports(
            frame([{"slug": "sorga", "time": "rood", "time_explanation": "x"}]), open_period
        )
    assert excinfo.value.result.errors[0].row == 2
    report.refresh_from_db()
    assert report.time_rating == "green"
