"""Publication racing other writes, on PostgreSQL with two real connections (issue 9, defect 10).

Publication is held open after it took its locks (the PDF render waits on an event) while a
second connection sends a write to a report of the period: an admin save, a readmit from the
board, a figures edit. Afterwards nothing the public sees (overview, drill-down, CSV, JSON) may
differ from the archived PDF: the racing write went in before publication, or was refused.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import threading
import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import reports.pdf
from projects.models import (
    FrozenReportError,
    Programme,
    ReportFigures,
    ReportingPeriod,
    StatusReport,
    capture_figures,
)
from projects.rules import COORDINATOR_GROUP
from reports.models import PublishedDocument
from reports.publication import publish_period

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL"),
]

MARKER = "RACE-EDIT na het sluiten"
AMOUNT = Decimal("98765432")
AMOUNT_SHOWN = "98.765.432"


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def publish(period) -> None:
    """Publish (freeze and archive the PDF); None when it succeeds, as the results expect."""
    publish_period(period, by=None)


def in_thread(results: dict, key: str, work: Callable[[], object]) -> threading.Thread:
    """Run ``work`` on its own database connection; its result or exception lands in results."""

    def target() -> None:
        try:
            results[key] = work()
        except BaseException as error:  # handed to the test to assert on
            results[key] = error
        finally:
            connection.close()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def wait_until_blocked(seconds: float = 10, *, unless_done: threading.Thread | None = None) -> bool:
    """True once another backend waits for a lock (the racing write reached the database);
    False after ``seconds``, or as soon as ``unless_done`` (the racer) has finished unblocked."""
    deadline = time.monotonic() + seconds
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            if unless_done is not None and not unless_done.is_alive():
                return False
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


@pytest.fixture
def period(make_programme, make_period, make_report) -> ReportingPeriod:
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    first = make_report(
        make_programme("Sorga", slug="sorga"),
        period,
        developments="De nieuwe module is in gebruik genomen.",
    )
    capture_figures(first)
    ReportFigures.objects.filter(report=first).update(forecast_at_completion=Decimal("1200000"))
    make_report(make_programme("ADIDAS", slug="adidas"), period)
    make_report(
        make_programme("Laat programma", slug="laat"),
        period,
        state=StatusReport.State.SUBMITTED,
        exclusion_reason="Het rapport kwam te laat.",
    )
    return period


@pytest.fixture
def coordinator(db) -> User:
    user = User.objects.create_user("carla", password="x")
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return user


def admin_save(period: ReportingPeriod) -> Callable[[], object]:
    """What the admin's change form does with an approved report: full_clean(), then save()."""

    def work():
        report = StatusReport.objects.select_related("period").get(
            period=period, programme__slug="sorga"
        )
        report.money_rating = "red"
        report.money_explanation = MARKER
        report.full_clean()
        report.save()
        return "saved"

    return work


def figures_save(period: ReportingPeriod) -> Callable[[], object]:
    """The admin's figures inline: a new forecast for an approved report."""

    def work():
        figures = ReportFigures.objects.get(report__period=period, report__programme__slug="sorga")
        figures.forecast_at_completion = AMOUNT
        figures.full_clean()
        figures.save()
        return "saved"

    return work


def board_readmit(period: ReportingPeriod, coordinator: User) -> Callable[[], object]:
    """The coordinator presses "readmit" on the round board."""

    def work():
        client = Client()
        client.force_login(coordinator)
        report = StatusReport.objects.get(period=period, programme__slug="laat")
        response = client.post(reverse("projects:readmit", args=[report.pk]), follow=True)
        return [str(m) for m in response.context["messages"]]

    return work


def public_texts(period: ReportingPeriod) -> dict[str, str]:
    client = Client()
    pages = {
        "overview": reverse("reports:overview", kwargs={"period": period.slug}),
        "csv": reverse("reports:export_csv", kwargs={"period": period.slug}),
        "json": reverse("reports:export_json", kwargs={"period": period.slug}),
    }
    for slug in ("sorga", "adidas"):
        kwargs = {"period": period.slug, "programme": slug}
        pages[slug] = reverse("reports:programme", kwargs=kwargs)
    texts = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        texts[name] = response.content.decode("utf-8-sig")
    return texts


def assert_public_matches_archive(period: ReportingPeriod) -> str:
    period.refresh_from_db()
    assert period.is_published
    document = PublishedDocument.objects.filter(period=period, report=None).order_by("pk").first()
    archived = pdf_text(document.file.read())
    public = public_texts(period)
    lights = {
        row["slug"]: (row["money"], row["money_explanation"]) for row in json.loads(public["json"])
    }
    if MARKER in archived:  # the write went in before publication: everything shows it
        assert lights["sorga"] == ("red", MARKER)
        assert all(MARKER in public[name] for name in ("sorga", "csv", "json"))
    else:  # refused: nothing public shows it
        assert lights["sorga"] == ("green", "")
        assert not [name for name, text in public.items() if MARKER in text]
    assert (AMOUNT_SHOWN in archived) == (AMOUNT_SHOWN in public["sorga"])
    # The excluded programme: named with its reason in the PDF and on the overview alike.
    reason = "Het rapport kwam te laat."
    assert (reason in archived) == (reason in public["overview"])
    # The name the council read was recorded and survives the racing write.
    assert not StatusReport.objects.filter(
        period=period, state=StatusReport.State.APPROVED, programme_name_at_publication=""
    ).exists()
    return archived


@pytest.mark.parametrize("racer", ["admin_save", "figures_save", "board_readmit"])
def test_a_write_sent_while_publication_runs_is_in_the_pdf_or_refused(
    racer, period, coordinator, monkeypatch
):
    work = {
        "admin_save": lambda: admin_save(period),
        "figures_save": lambda: figures_save(period),
        "board_readmit": lambda: board_readmit(period, coordinator),
    }[racer]()
    rendering, release = threading.Event(), threading.Event()
    render = reports.pdf.render_period_pdf

    def held_render(*args, **kwargs):
        rendering.set()  # publication holds its locks and has recorded what it publishes
        assert release.wait(30)
        return render(*args, **kwargs)

    monkeypatch.setattr(reports.pdf, "render_period_pdf", held_render)
    results: dict[str, object] = {}
    publisher = in_thread(results, "publish", lambda: publish(period))
    assert rendering.wait(30), results
    writer = in_thread(results, "write", work)
    wait_until_blocked(unless_done=writer)  # the write waits on a lock, or finished without
    release.set()
    publisher.join(60)
    writer.join(60)
    assert results["publish"] is None, results

    assert_public_matches_archive(period)
    outcome = results["write"]
    # Publication came first: the write is refused with the frozen message, not saved after.
    if racer == "board_readmit":
        with translation.override("nl"):
            assert outcome == [gettext("This report can no longer be readmitted.")], outcome
        assert StatusReport.objects.get(programme__slug="laat").exclusion_reason
    else:  # save() refuses, or full_clean() if the write reached it after publication
        assert isinstance(outcome, ValidationError), outcome
        assert FrozenReportError().messages == outcome.messages, outcome


def test_a_write_that_commits_first_is_in_the_archived_pdf(period):
    """The other order: the write's transaction is open when publication starts; publication
    waits for it and publishes what it wrote."""
    results: dict[str, object] = {}
    saved, release = threading.Event(), threading.Event()

    def slow_admin_save():
        with transaction.atomic():
            admin_save(period)()
            saved.set()
            assert release.wait(30)
        return "saved"

    writer = in_thread(results, "write", slow_admin_save)
    assert saved.wait(30), results
    publisher = in_thread(results, "publish", lambda: publish(period))
    assert wait_until_blocked(), "publication did not wait for the open report write"
    release.set()
    writer.join(60)
    publisher.join(60)
    assert results == {"write": "saved", "publish": None}
    assert MARKER in assert_public_matches_archive(period)


def test_publication_locks_no_programme_and_report_writes_do_not_wait_for_each_other(
    period, monkeypatch
):
    """While publication renders, programmes stay editable; two report writes of an unpublished
    period, each in its own open transaction, do not block each other."""
    rendering, release = threading.Event(), threading.Event()
    render = reports.pdf.render_period_pdf

    def held_render(*args, **kwargs):
        rendering.set()
        assert release.wait(30)
        return render(*args, **kwargs)

    monkeypatch.setattr(reports.pdf, "render_period_pdf", held_render)
    results: dict[str, object] = {}
    publisher = in_thread(results, "publish", lambda: publish(period))
    assert rendering.wait(30)

    def edit_programme():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            return Programme.objects.filter(slug="sorga").update(sponsor="Nieuwe opdrachtgever")

    editor = in_thread(results, "programme", edit_programme)
    editor.join(30)
    release.set()
    publisher.join(60)
    assert results == {"publish": None, "programme": 1}

    other = ReportingPeriod.objects.create(
        label="oktober 2023", start=dt.date(2023, 10, 1), end=dt.date(2024, 1, 31)
    )
    first, second = (
        StatusReport.objects.create(programme=p, period=other)
        for p in Programme.objects.filter(slug__in=["sorga", "adidas"])
    )
    holding, done = threading.Event(), threading.Event()

    def hold_first():
        with transaction.atomic():
            report = StatusReport.objects.get(pk=first.pk)
            report.developments = "eerste"
            report.save()
            holding.set()
            assert done.wait(30)
        return "first"

    def write_second():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            report = StatusReport.objects.get(pk=second.pk)
            report.developments = "tweede"
            report.save()
        return "second"

    holder = in_thread(results, "first", hold_first)
    assert holding.wait(30)
    in_thread(results, "second", write_second).join(30)
    done.set()
    holder.join(30)
    assert (results["first"], results["second"]) == ("first", "second")


def test_pdf_text_helper_reads_archived_pdf(period):
    """Guard for the helper above: the archived PDF's text names the published programmes."""
    publish_period(period, by=None)
    text = pdf_text(PublishedDocument.objects.get(period=period, report=None).file.read())
    assert "Sorga" in text and "ADIDAS" in text and "Het rapport kwam te laat." in text
