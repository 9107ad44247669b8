"""The coordinator's import in the browser (issue 21): refused uploads name their reason in
Dutch and write nothing; a good file is previewed, confirmed, and named in every report's
history and in the audit trail."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from projects import import_views
from projects.models import StatusReport
from tests.fingerprint import db_fingerprint
from tests.projects.test_import_files import BILLION_LAUGHS, sheet_xml, with_part
from tests.projects.test_import_ods import cell, crafted
from tests.workflow_data import build_round

HEADER = "slug;quality;money;time;risk;time_explanation;money_explanation"
GOOD = f"{HEADER}\nsorga;groen;groen;rood;groen;Oplevering schuift naar juni.;\n"


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def other_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)


@pytest.fixture
def coordinator(client, round_):
    client.force_login(round_.coordinator)
    return client


def upload(client, period, data: bytes, name: str, **headers):
    file = io.BytesIO(data)
    file.name = name
    return client.post(
        reverse("projects:import"),
        {"period": period.pk, "file": file},
        HTTP_ACCEPT_LANGUAGE="nl",
        **headers,
    )


def counts() -> tuple:
    return (
        StatusReport.objects.count(),
        StatusReport.history.count(),
        AuditEvent.objects.count(),
        db_fingerprint(),
    )


REFUSED = [
    ("empty", b"", "leeg.csv", "leeg"),
    ("columns", b"naam;kleur\nsorga;rood\n", "ronde.csv", "Verplichte kolom ontbreekt"),
    (
        "latin1",
        f"{HEADER}\nsorga;groen;groen;groen;groen;Pr\xe9;\n".encode("latin-1"),
        "r.csv",
        "geen UTF-8",
    ),
    ("other-zip", other_zip(), "ronde.xlsx", "ZIP-bestand"),
    (
        "entities",
        with_part(
            xlsx([["slug"], ["sorga"]]),
            "xl/worksheets/sheet1.xml",
            sheet_xml("&lol9;", BILLION_LAUGHS),
        ),
        "ronde.xlsx",
        "entiteit",
    ),
    ("too-large", GOOD.encode() + b" " * import_views.MAX_UPLOAD_BYTES, "r.csv", "groter dan"),
    (
        "too-many-rows",
        (HEADER + "\n" + "sorga;groen;groen;groen;groen;;\n" * 2001).encode(),
        "r.csv",
        "hoogstens 2000 rijen",
    ),
    (
        "formula",
        xlsx([HEADER.split(";"), ["sorga", "groen", "groen", '="rood"', "groen", "x", ""]]),
        "ronde.xlsx",
        "formule",
    ),
    (
        "ods-formula",
        crafted(
            f"<table:table-row>{cell('slug')}{cell('time')}</table:table-row>"
            f"<table:table-row>{cell('sorga')}{cell('rood', formula='of:=1')}</table:table-row>"
        ),
        "ronde.ods",
        "formule",
    ),
    (
        "ods-entities",
        crafted(
            f"<table:table-row>{cell('&b;')}</table:table-row>",
            '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>',
        ),
        "ronde.ods",
        "entiteit",
    ),
    (
        "red-unexplained",
        f"{HEADER}\nsorga;groen;groen;rood;groen;;\n".encode(),
        "r.csv",
        "Een toelichting is verplicht als tijd op rood staat.",
    ),
]


@pytest.mark.parametrize(
    ("data", "name", "reason"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_a_malformed_upload_is_refused_with_its_reason_and_writes_nothing(
    coordinator, round_, data, name, reason
):
    before = counts()
    response = upload(coordinator, round_.period, data, name)
    assert response.status_code == 200
    page = response.content.decode()
    assert reason in page
    assert 'name="token"' not in page  # nothing to confirm
    assert import_views.SESSION_KEY not in coordinator.session  # nor kept
    assert counts() == before
    # Even a forged confirmation writes nothing: the preview is refused, or its rows are.
    coordinator.post(reverse("projects:import_confirm"), {"token": "x" * 64})
    assert counts() == before


def test_a_row_for_a_published_period_is_refused(coordinator, round_):
    before = counts()
    response = upload(coordinator, round_.published_period, GOOD.encode(), "r.csv")
    assert "gepubliceerd" in response.content.decode()
    assert 'name="token"' not in response.content.decode()
    assert counts() == before


def test_every_problem_is_marked_on_its_row_and_column(coordinator, round_):
    data = (
        f"{HEADER}\nonbekend;groen;groen;groen;groen;;\nsorga;paars;groen;groen;groen;;\n"
        "sorga;groen;groen;groen;groen;;\n"
    ).encode()
    response = upload(coordinator, round_.period, data, "r.csv", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page  # the htmx partial only
    assert "Onbekend programma “onbekend”." in page
    assert "“paars” is geen kleur; gebruik groen, oranje of rood." in page
    assert "Programma “sorga” komt twee keer voor." in page
    assert page.count("import-preview__cell--bad") == 3


def test_a_good_file_is_previewed_then_imported_and_named_in_history_and_audit(coordinator, round_):
    before = StatusReport.objects.count()
    response = upload(coordinator, round_.period, GOOD.encode(), "ronde-juni.csv")
    page = response.content.decode()
    assert 'name="token"' in page
    report = StatusReport.objects.get(pk=round_.report.pk)
    assert report.time_rating != "red"  # the preview wrote nothing
    token = response.context["preview"].token
    response = coordinator.post(reverse("projects:import_confirm"), {"token": token})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.time_rating, report.time_explanation) == ("red", "Oplevering schuift naar juni.")
    assert StatusReport.objects.count() == before
    last = report.history.latest("history_date")
    assert "ronde-juni.csv" in last.history_change_reason
    assert last.history_user == round_.coordinator
    event = AuditEvent.objects.filter(action="import").latest("pk")
    assert "ronde-juni.csv" in str(event.target)
    # The same confirmation again does nothing: the kept file is gone.
    history = report.history.count()
    coordinator.post(reverse("projects:import_confirm"), {"token": token})
    assert report.history.count() == history


def test_confirmation_validates_again(coordinator, round_):
    response = upload(coordinator, round_.period, GOOD.encode(), "r.csv")
    token = response.context["preview"].token
    StatusReport.objects.filter(pk=round_.report.pk).update(state="submitted")
    before = counts()
    response = coordinator.post(reverse("projects:import_confirm"), {"token": token})
    assert "niet open voor wijzigingen" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("role", ["manager", "controller"])
def test_only_the_coordinator_imports(client, round_, role):
    client.force_login(getattr(round_, role))
    assert client.get(reverse("projects:import")).status_code == 403
    assert client.get(reverse("projects:import_template")).status_code == 403


def test_the_template_holds_the_columns_the_import_reads(coordinator, round_):
    response = coordinator.get(reverse("projects:import_template"))
    text = response.content.decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.split(";") == import_views.TEMPLATE_COLUMNS
    assert {row.split(";")[0] for row in rows} == {"adidas", "sorga"}


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=400))
def test_any_bytes_get_a_preview_never_a_traceback(round_, data):
    preview = import_views.build_preview(data, "x.csv", round_.period)
    assert preview.file_errors or preview.rows or preview.ok


def test_the_command_refuses_a_formula_cell_too(tmp_path, round_):
    # One reader for the browser and importreports: a formula is refused by both.
    path = tmp_path / "ronde.xlsx"
    path.write_bytes(xlsx([["slug", "time"], ["sorga", '=IF(1,"rood","groen")']]))
    before = counts()
    with translation.override("nl"), pytest.raises(CommandError, match="Cel B2 bevat een formule"):
        call_command("importreports", str(path), period=round_.period.slug)
    assert counts() == before
