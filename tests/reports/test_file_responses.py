"""Archived PDFs sent as files without nginx (plain gunicorn, tests): never compressed on the
fly, ETag and Cache-Control, 304 on If-None-Match, a single Range answered 206 (issue 24).
Under `make serve` the same view hands the file to nginx (tests/mip/test_serve.py)."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from django.urls import reverse

from projects.models import ReportingPeriod
from reports.models import PublishedDocument
from reports.publication import publish_period


@pytest.fixture
def document(make_programme, make_period, make_report) -> PublishedDocument:
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    make_report(make_programme("Sorga", slug="sorga"), period, developments="De module is live.")
    publish_period(period, by=None)
    return PublishedDocument.objects.get(period=period, report=None)


def url(document: PublishedDocument, *, version: bool = False) -> str:
    if version:
        return reverse("reports:period_pdf_version", args=[document.period.slug, document.version])
    return reverse("reports:period_pdf", args=[document.period.slug])


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def stored(document: PublishedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_a_pdf_is_never_compressed_on_the_fly_and_carries_etag_and_cache_control(client, document):
    response = client.get(url(document), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response["Content-Type"] == "application/pdf"
    assert body(response) == stored(document)
    assert response["ETag"] == f'"{document.sha256}"'
    assert response["Cache-Control"] == "public, no-cache"  # the latest: an erratum changes it
    assert response["Accept-Ranges"] == "bytes"
    numbered = client.get(url(document, version=True), HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in numbered
    assert numbered["Cache-Control"] == "public, max-age=31536000, immutable"
    assert numbered["ETag"] == response["ETag"]


def test_pages_are_still_compressed(client, document):
    response = client.get(f"/{document.period.slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


def test_if_none_match_is_answered_not_modified(client, document):
    response = client.get(url(document), HTTP_IF_NONE_MATCH=f'"{document.sha256}"')
    assert response.status_code == 304
    assert response["ETag"] == f'"{document.sha256}"'
    assert response.content == b""
    assert client.get(url(document), HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.parametrize(
    ("asked", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=100-", 100, None), ("bytes=-50", -50, None)],
)
def test_a_range_request_is_answered_with_that_range(client, document, asked, first, last):
    whole = stored(document)
    response = client.get(url(document), HTTP_RANGE=asked, HTTP_ACCEPT_ENCODING="gzip")
    expected = whole[first : None if last is None else last + 1]
    assert response.status_code == 206
    assert "Content-Encoding" not in response
    assert body(response) == expected
    start = first % len(whole)
    assert response["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{len(whole)}"
    assert response["Content-Length"] == str(len(expected))
    assert response["ETag"] == f'"{document.sha256}"'


def test_an_unanswerable_range_gets_416_and_a_stale_or_multiple_range_the_whole_file(
    client, document
):
    size = len(stored(document))
    beyond = client.get(url(document), HTTP_RANGE=f"bytes={size}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{size}"
    stale = client.get(url(document), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"changed"')
    assert stale.status_code == 200 and len(body(stale)) == size
    fresh = client.get(url(document), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=f'"{document.sha256}"')
    assert fresh.status_code == 206 and len(body(fresh)) == 10
    several = client.get(url(document), HTTP_RANGE="bytes=0-9,20-29")
    assert several.status_code == 200 and len(body(several)) == size


def test_under_nginx_the_view_only_says_which_file(client, document, settings):
    settings.MIP_X_ACCEL_REDIRECT = True
    response = client.get(url(document), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_archive/{document.file.name}"
    assert response.content == b""
    assert response["ETag"] == f'"{document.sha256}"'
    assert response["X-Content-SHA256"] == document.sha256
    assert "Content-Encoding" not in response
    # Nothing is handed over before the view said the file may be seen.
    settings.MIP_X_ACCEL_REDIRECT = True
    assert client.get("/geen-periode/mip.pdf").status_code == 404
