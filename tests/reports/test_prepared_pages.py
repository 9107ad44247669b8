"""Issue 24: publication prepares every public page as a file before the period is public; the
views send that file to an anonymous reader without a query, compressed once, with its ETag."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import brotli
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

import reports.prepared
from projects.models import ReportingPeriod
from projects.models.programme import programme_record
from reports.prepared import file_for
from reports.publication import add_erratum, publish_period

PAGES = {
    "overview": lambda slug: reverse("reports:overview", args=[slug]),
    "drill-down": lambda slug: reverse("reports:programme", args=[slug, "sorga"]),
    "csv": lambda slug: reverse("reports:export_csv", args=[slug]),
    "json": lambda slug: reverse("reports:export_json", args=[slug]),
    "portfolio": lambda slug: reverse("portfolio:portfolio", args=[slug]),
}


@pytest.fixture
def periods(make_programme, make_period, make_report) -> tuple[ReportingPeriod, ReportingPeriod]:
    """A public period, and the next one ready to publish with two programmes (one a track)."""
    earlier = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    sorga = make_programme("Sorga", slug="sorga")
    make_report(sorga, period, developments="Stand van Sorga.")
    spoor = make_programme("Sorga spoor", slug="sorga-spoor", parent=sorga, kind="track")
    make_report(spoor, period, developments="Stand van het spoor.")
    return earlier, period


@pytest.fixture
def published(periods) -> ReportingPeriod:
    """The second period published through the real task (immediate in tests)."""
    period = periods[1]
    publish_period(period, by=None)
    period.refresh_from_db()
    assert period.is_public
    return period


def english(client: Client) -> Client:
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_every_page_is_prepared_in_both_languages_before_the_period_is_public(periods, monkeypatch):
    """Every page in both languages, looked at as the task puts them in place."""
    period = periods[1]
    seen = {}
    original = reports.prepared.prepare

    def prepare_and_look(paths, *, moved):
        original(paths, moved=moved)
        seen["files"] = {
            (language, name): file_for(language, PAGES[name](period.slug)).exists()
            for language in ("nl", "en")
            for name in PAGES
        }

    monkeypatch.setattr(reports.prepared, "prepare", prepare_and_look)
    publish_period(period, by=None)
    assert seen["files"] and all(seen["files"].values()), seen["files"]
    period.refresh_from_db()
    assert period.is_public
    for suffix in (".gz", ".br", ".meta"):
        assert Path(f"{file_for('en', PAGES['drill-down'](period.slug))}{suffix}").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second real connection")
@pytest.mark.django_db(transaction=True)
def test_files_are_in_place_before_the_commit_seen_from_another_connection(
    make_programme, make_period, make_report, monkeypatch
):
    period = make_period("juni 2023", start=dt.date(2023, 6, 1), state="in_review")
    make_report(make_programme("Sorga", slug="sorga"), period)
    seen = {}
    original = reports.prepared.prepare

    def prepare_and_look(paths, *, moved):
        original(paths, moved=moved)
        seen["overview"] = file_for("nl", period.get_absolute_url()).exists()
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT archive_pending FROM projects_reportingperiod WHERE id = %s",
                    [period.pk],
                )
                seen["pending elsewhere"] = cursor.fetchone()[0]
        finally:
            other.close()

    monkeypatch.setattr(reports.prepared, "prepare", prepare_and_look)
    publish_period(period, by=None)
    assert seen == {"overview": True, "pending elsewhere": True}
    period.refresh_from_db()
    assert period.is_public


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_the_first_request_after_publication_asks_the_database_nothing(
    published, page, language, django_assert_num_queries
):
    client = english(Client()) if language == "en" else Client()
    with django_assert_num_queries(0):
        response = client.get(PAGES[page](published.slug), headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["ETag"].startswith('W/"')
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert {"accept-encoding", "cookie"} <= {v.strip().lower() for v in response["Vary"].split(",")}
    with django_assert_num_queries(0):
        again = client.get(PAGES[page](published.slug), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("page", PAGES)
def test_the_prepared_body_is_the_page_rendered_live(published, page):
    url = PAGES[page](published.slug)
    prepared = Client().get(url, headers={"Accept-Encoding": "gzip, br"})
    assert prepared["Content-Encoding"] == "br"
    body = brotli.decompress(prepared.content)
    target = file_for("nl", url)
    assert gzip.decompress(Path(f"{target}.gz").read_bytes()) == body
    reports.prepared.remove([target])  # now rendered on request, as before preparation
    live = Client().get(url)
    assert "ETag" not in live and "Content-Encoding" not in live
    assert live.content == body
    assert live["Content-Type"] == prepared["Content-Type"]
    assert live.get("Content-Disposition") == prepared.get("Content-Disposition")


def test_english_readers_get_the_english_file(published):
    dutch = Client().get(PAGES["overview"](published.slug)).content.decode()
    english_page = english(Client()).get(PAGES["overview"](published.slug)).content.decode()
    assert 'lang="nl"' in dutch and 'lang="en"' in english_page


def test_a_signed_in_reader_gets_the_page_rendered_with_their_name(published, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("ravi"))
    response = client.get(PAGES["overview"](published.slug))
    assert response.status_code == 200
    assert "ETag" not in response
    assert "ravi" in response.content.decode().lower()
    assert "private" in response["Cache-Control"]


def test_a_filter_is_rendered_and_an_unknown_parameter_gets_the_file(
    published, django_assert_num_queries
):
    url = PAGES["overview"](published.slug)
    with django_assert_num_queries(0):
        assert Client().get(url, {"utm": "nieuwsbrief"})["ETag"]
    filtered = Client().get(url, {"unit": "1"})
    assert filtered.status_code == 200 and "ETag" not in filtered
    htmx = Client().get(url, headers={"HX-Request": "true"})
    assert "ETag" not in htmx and "HX-Request" in htmx["Vary"]


def test_an_erratum_prepares_the_period_again(published, django_user_model):
    url = PAGES["drill-down"](published.slug)
    before = Client().get(url)
    report = published.reports.get(programme__slug="sorga")
    add_erratum(
        report, text="Het budget is € 1,2 mln.", by=django_user_model.objects.create_user("carla")
    )
    after = Client().get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Het budget is € 1,2 mln." in after.content.decode()
    overview = Client().get(PAGES["overview"](published.slug)).content.decode()
    assert "mip-v2.pdf" in overview  # the period PDF's new version, listed on every page


def test_a_publication_prepares_the_older_overviews_again(periods):
    earlier, period = periods
    call_command("prepare_published", stdout=io.StringIO())
    assert period.label not in Client().get(earlier.get_absolute_url()).content.decode()
    publish_period(period, by=None)
    older = Client().get(earlier.get_absolute_url())
    assert older["ETag"] and period.label in older.content.decode()  # in its period menu
    assert period.label in Client().get("/").content.decode()


def test_a_failed_publication_leaves_no_prepared_page(periods, monkeypatch):
    _, period = periods
    import reports.tasks

    record, prepare, moved_counts = reports.tasks.audit.record, reports.prepared.prepare, []

    def prepare_and_count(paths, *, moved):
        prepare(paths, moved=moved)
        moved_counts.append(len(moved))

    def refuse_completion(action, **fields):
        if fields.get("stage") == "completed":  # after the pages are in place, before commit
            raise RuntimeError("database gone")
        return record(action, **fields)

    monkeypatch.setattr(reports.prepared, "prepare", prepare_and_count)
    monkeypatch.setattr(reports.tasks.audit, "record", refuse_completion)
    publish_period(period, by=None)
    period.refresh_from_db()
    assert not period.is_public
    assert moved_counts and all(moved_counts)  # every attempt put pages in place, then failed
    assert not file_for("nl", period.get_absolute_url()).exists()
    assert not file_for("nl", "/").exists()


def test_prepare_published_prepares_periods_published_before(
    make_programme, make_period, make_report, django_assert_num_queries
):
    report = make_report(make_programme("Sorga", slug="sorga"), make_period())
    url = PAGES["drill-down"](report.period.slug)
    assert "ETag" not in Client().get(url)  # published by hand: rendered on request
    out = io.StringIO()
    call_command("prepare_published", stdout=out)
    assert "prepared files" in out.getvalue()
    with django_assert_num_queries(0):
        assert Client().get(url)["ETag"]
    again = io.StringIO()
    call_command("prepare_published", stdout=again)
    assert ": 0 prepared files written" in again.getvalue()  # unchanged: left as they were


def test_the_language_switch_works_without_a_token(published):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(PAGES["overview"](published.slug)).content.decode()
    assert "csrfmiddlewaretoken" not in html
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert visitor.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "en"


SESSION_EXPIRED = "Uw sessie is verlopen: log opnieuw in."


def test_a_visitors_message_is_shown_to_them_and_never_stored(published):
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse
    from django.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.WARNING, SESSION_EXPIRED)
    response = HttpResponse()
    storage.update(response)
    visitor = Client()
    visitor.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    url = PAGES["overview"](published.slug)
    assert SESSION_EXPIRED in visitor.get(url).content.decode()
    assert SESSION_EXPIRED not in Client().get(url).content.decode()
    assert SESSION_EXPIRED.encode() not in file_for("nl", url).read_bytes()


# --- Cold paths that do not grow with the portfolio (rendered on request: no prepared file) ---


@pytest.fixture
def two_periods(make_programme, make_period, make_report):
    sorga = make_programme("Sorga", slug="sorga")
    before = make_period("februari 2023", start=dt.date(2023, 2, 1))
    now = make_period("juni 2023", start=dt.date(2023, 6, 1))
    make_report(sorga, before, money_explanation="Eerder: de aanbesteding loopt uit.")
    make_report(
        sorga,
        now,
        money_explanation="Nu: gegund.",
        developments="Lang verhaal.",
        programme_at_publication=programme_record(sorga),  # as a publication records it
    )
    return now


def test_the_overview_reads_no_report_text(client, two_periods):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(two_periods.get_absolute_url()).status_code == 200
    reading_texts = [
        q["sql"] for q in queries if '"projects_statusreport"."developments"' in q["sql"]
    ]
    # Only the list of excluded reports (with their reason) reads a report in full.
    assert all("exclusion_reason" in sql.split("WHERE")[-1] for sql in reading_texts)


def test_the_drill_down_still_shows_the_previous_explanation(client, two_periods):
    html = client.get(reverse("reports:programme", args=[two_periods.slug, "sorga"])).content
    assert "Eerder: de aanbesteding loopt uit." in html.decode()


def test_a_renamed_programmes_pdf_leads_to_its_published_slug(client, two_periods):
    from projects.models import Programme

    Programme.objects.filter(slug="sorga").update(slug="sorga-nieuw")  # renamed since
    url = reverse("reports:programme_pdf", args=[two_periods.slug, "sorga-nieuw"])
    moved = client.get(url)
    assert moved.status_code == 301
    assert moved["Location"].endswith(f"/{two_periods.slug}/sorga/mip.pdf")
