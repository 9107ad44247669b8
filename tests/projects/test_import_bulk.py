"""The import in bulk (issue 24): the queries do not grow with the rows, any error in any row
writes nothing and names its row, and the history of every report names the import."""

from __future__ import annotations

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from projects.imports import ImportFailed, import_status_reports
from projects.models import Admission, OrganisationUnit, Programme, ReportFigures, StatusReport
from tests.fingerprint import db_fingerprint


@pytest.fixture
def programmes(db):
    unit = OrganisationUnit.objects.create(name="Bedrijfsvoering", short_name="BV")
    programmes = Programme.objects.bulk_create(
        Programme(name=f"Programma {n}", slug=f"p{n}", unit=unit) for n in range(5000)
    )
    Admission.objects.bulk_create(
        Admission(programme=programme, decision_body=Admission.Body.EARLIER)
        for programme in programmes
    )
    # The planner's statistics still describe the tables as the last test left them (emptied):
    # with them, a join over these 5,000 rows once planned a nested loop that ran 20 minutes
    # in CI. ANALYZE sees this transaction's own rows.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE projects_programme, projects_admission")
    return programmes


def rows(count: int, changes: dict[int, dict] | None = None) -> pd.DataFrame:
    """``count`` rows, one per programme; ``changes`` maps a row index to cells to change."""
    table = []
    for n in range(count):
        row = {
            "slug": f"p{n}",
            "quality": "groen",
            "money": "oranje",
            "money_explanation": f"Meerkosten van programma {n}.",
            "time": "groen",
            "risk": "groen",
            "developments": "Op koers.",
            "forecast_at_completion": "1250000.50",
            "spent_to_date": "400.000,00",
            "forecast_end_date": "31-12-2026",
        }
        table.append(row | (changes or {}).get(n, {}))
    return pd.DataFrame(table)


def queries(frame: pd.DataFrame, period) -> int:
    with CaptureQueriesContext(connection) as captured:
        import_status_reports(frame, period, reason="Import van ronde.xlsx")
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_the_rows(programmes, make_period):
    small, large = make_period(state="open"), make_period(state="open")
    assert queries(rows(50), small) == queries(rows(500), large)
    # And again, now that every report and its figures exist: updated, not created.
    assert queries(rows(50), small) == queries(rows(500), large)
    assert StatusReport.objects.filter(period=large).count() == 500
    figures = ReportFigures.objects.get(report__period=large, report__programme__slug="p7")
    assert str(figures.spent_to_date) == "400000.00"
    assert str(figures.forecast_end_date) == "2026-12-31"


def test_every_report_and_its_figures_have_history_naming_the_import(programmes, make_period):
    period = make_period(state="open")
    import_status_reports(rows(3), period, reason="Import van ronde.xlsx")
    import_status_reports(
        rows(3, {1: {"time": "rood", "time_explanation": "Later."}}),
        period,
        reason="Import van r2.xlsx",
    )
    report = StatusReport.objects.get(period=period, programme__slug="p1")
    assert [h.history_change_reason for h in report.history.order_by("history_id")] == [
        "Import van ronde.xlsx",
        "Import van r2.xlsx",
    ]
    assert report.version == 2  # raised as save() raises it
    assert report.figures.history.latest("history_id").history_change_reason == (
        "Import van r2.xlsx"
    )


def test_an_error_in_row_4999_writes_nothing_and_names_the_row(programmes, make_period):
    period = make_period(state="open")
    before = db_fingerprint()
    frame = rows(5000, {4997: {"time": "rood", "time_explanation": ""}})
    with translation.override("nl"), pytest.raises(ImportFailed) as excinfo:
        import_status_reports(frame, period)
    assert [str(e) for e in excinfo.value.result.errors] == [
        "Rij 4999, time_explanation: Een toelichting is verplicht als tijd op rood staat."
    ]
    assert db_fingerprint() == before


def test_a_figure_that_is_no_amount_or_date_is_refused_on_its_cell(programmes, make_period):
    period = make_period(state="open")
    frame = rows(3, {0: {"spent_to_date": "veel"}, 2: {"forecast_end_date": "31-02-2026"}})
    before = db_fingerprint()
    with translation.override("nl"), pytest.raises(ImportFailed) as excinfo:
        import_status_reports(frame, period)
    assert [(e.row, e.field) for e in excinfo.value.result.errors] == [
        (2, "spent_to_date"),
        (4, "forecast_end_date"),
    ]
    assert "is geen datum" in excinfo.value.result.errors[1].message
    assert db_fingerprint() == before


def test_spent_over_the_forecast_needs_the_money_explanation_as_on_the_form(
    programmes, make_period
):
    # ReportFigures.clean_amounts, the form's rule: the imported explanation counts.
    period = make_period(state="open")
    over = {"spent_to_date": "2000000", "money": "groen", "money_explanation": ""}
    with pytest.raises(ImportFailed) as excinfo:
        import_status_reports(rows(1, {0: over}), period)
    assert [e.field for e in excinfo.value.result.errors] == ["spent_to_date"]
    explained = over | {"money_explanation": "Prognose wacht op een raadsbesluit."}
    assert import_status_reports(rows(1, {0: explained}), period).created == 1


def test_open_data_column_names_are_read_too(programmes, make_period):
    # The open-data package's `cijfers` columns, so an exported period's figures read back.
    period = make_period(state="open")
    frame = rows(1).rename(
        columns={
            "forecast_at_completion": "prognose_bij_afronding",
            "spent_to_date": "besteed_tot_nu",
            "forecast_end_date": "prognose_einddatum",
        }
    )
    import_status_reports(frame, period)
    figures = ReportFigures.objects.get(report__period=period)
    assert (figures.forecast_at_completion, str(figures.forecast_end_date)) == (
        figures.forecast_at_completion.__class__("1250000.50"),
        "2026-12-31",
    )


def test_an_empty_figure_cell_keeps_the_stored_figure(programmes, make_period):
    # The template has the figure columns: a sheet filled in for the lights must not wipe them.
    period = make_period(state="open")
    import_status_reports(rows(2), period)
    empty = {"forecast_at_completion": "", "spent_to_date": "", "forecast_end_date": ""}
    import_status_reports(rows(2, {0: empty, 1: {"spent_to_date": ""}}), period)
    stored = {
        f.report.programme.slug: (str(f.spent_to_date), str(f.forecast_at_completion))
        for f in ReportFigures.objects.filter(report__period=period).select_related(
            "report__programme"
        )
    }
    assert stored == {"p0": ("400000.00", "1250000.50"), "p1": ("400000.00", "1250000.50")}


def test_a_row_for_a_programme_not_in_the_monitor_is_refused_on_its_row(programmes, make_period):
    """Issue 25's rule in the import: named on its row in Dutch, and nothing written."""
    period = make_period(state="open")
    Admission.objects.filter(programme__in=[programmes[1], programmes[3]]).delete()
    before = db_fingerprint()
    with translation.override("nl"), pytest.raises(ImportFailed) as excinfo:
        import_status_reports(rows(5), period)
    assert [str(e) for e in excinfo.value.result.errors] == [
        "Rij 3, slug: p1: Dit programma is niet opgenomen in de monitor.",
        "Rij 5, slug: p3: Dit programma is niet opgenomen in de monitor.",
    ]
    assert db_fingerprint() == before
