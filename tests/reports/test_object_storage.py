"""Archived documents on S3-compatible object storage (issue 24: several app servers without a
shared disk), against a real S3-compatible server: moto's server mode, started as its own
process on a free port. Publication archives into the bucket; the PDF view redirects to a
short-lived presigned URL that the object store itself answers."""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.urls import reverse

from opendata.models import OpenDataFile
from projects.models import ReportingPeriod
from reports.models import PublishedDocument
from reports.publication import publish_period

BUCKET = "mip-archive"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def object_store(settings, monkeypatch, tmp_path):
    """A moto S3 server in a child process, with one bucket; the archive storage pointed at it."""
    port = free_port()
    log = (tmp_path / "moto.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        for name, value in {
            "AWS_ACCESS_KEY_ID": "mip-test",
            "AWS_SECRET_ACCESS_KEY": "mip-test-secret",
            "AWS_DEFAULT_REGION": "eu-west-1",
        }.items():
            monkeypatch.setenv(name, value)
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1")
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": endpoint,
                    "region_name": "eu-west-1",
                    "default_acl": "private",
                    "querystring_auth": True,
                    "signature_version": "s3v4",
                    "file_overwrite": False,
                },
            },
        }
        yield s3, endpoint
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def period(make_programme, make_period, make_report) -> ReportingPeriod:
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    make_report(make_programme("Sorga", slug="sorga"), period, developments="De module is live.")
    return period


def test_publication_archives_into_the_bucket_and_the_pdf_is_fetched_from_it(
    client, object_store, period, settings
):
    s3, endpoint = object_store
    publish_period(period, by=None)  # the archiving task runs at once in tests

    period.refresh_from_db()
    assert period.is_public
    document = PublishedDocument.objects.get(period=period, report=None)
    stored = s3.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    programme_pdf = PublishedDocument.objects.get(period=period, report__isnull=False)
    assert {document.file.name, programme_pdf.file.name} <= keys
    assert {f.file.name for f in OpenDataFile.objects.filter(period=period)} <= keys

    response = client.get(reverse("reports:period_pdf", args=[period.slug]))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    assert location.startswith(f"{endpoint}/{BUCKET}/")
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == [str(settings.MIP_PRESIGNED_SECONDS)]
    assert "X-Amz-Signature" in query
    with urllib.request.urlopen(location, timeout=30) as download:
        assert download.headers["Content-Disposition"].startswith("inline; filename=")
        assert hashlib.sha256(download.read()).hexdigest() == document.sha256
    ranged = urllib.request.Request(location, headers={"Range": "bytes=0-99"})
    with urllib.request.urlopen(ranged, timeout=30) as part:
        assert part.status == 206 and part.read() == stored[:100]

    # The checksum ETag still spares the redirect when the reader has the file.
    etag = f'"{document.sha256}"'
    again = client.get(reverse("reports:period_pdf", args=[period.slug]), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304

    # The open-data files, archived in the same bucket, the same way.
    package = OpenDataFile.objects.filter(period=period, kind="zip").latest("version")
    response = client.get(package.get_absolute_url())
    assert response.status_code == 302
    with urllib.request.urlopen(response["Location"], timeout=30) as download:
        assert download.headers["Content-Disposition"].startswith("attachment; filename=")
        assert hashlib.sha256(download.read()).hexdigest() == package.sha256
