"""The open data is archived with its SHA-256 beside the PDF when the publication task runs,
and again, as the next version, when an erratum is added."""

from __future__ import annotations

import hashlib

from django.urls import reverse

from opendata import archive
from opendata.models import OpenDataFile
from projects.models import StatusReport
from reports.models import PublishedDocument
from reports.publication import add_erratum

from .conftest import csv_rows, unzip


def test_publication_archives_the_package_beside_the_pdf(client, published_with_exclusion):
    period = published_with_exclusion
    assert PublishedDocument.objects.filter(period=period, report=None).exists()
    stored = {item.kind: item for item in OpenDataFile.objects.filter(period=period)}
    assert set(stored) == {"zip", "xlsx", "ods", "json"}
    built = archive.build_files(period)
    for item in stored.values():
        content = item.file.read()
        assert hashlib.sha256(content).hexdigest() == item.sha256 == built[item.filename].sha256
        assert item.size == len(content) and item.version == 1
    response = client.get(reverse("opendata:file", args=[period.slug, f"mip-{period.slug}.zip"]))
    assert response["X-Content-SHA256"] == stored["zip"].sha256
    assert response["ETag"] == f'"{stored["zip"].sha256}"'
    again = client.get(response.wsgi_request.path, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_an_erratum_archives_the_next_version_with_it(
    client, published_with_exclusion, django_user_model
):
    period = published_with_exclusion
    report = StatusReport.objects.published().get(period=period)
    coordinator = django_user_model.objects.create(username="coordinator")
    add_erratum(report, text="Het budget was € 1,2 mln, niet € 12 mln.", by=coordinator)
    versions = OpenDataFile.objects.filter(period=period, kind="zip").order_by("version")
    assert [item.version for item in versions] == [1, 2]
    errata = csv_rows(unzip(versions[1].file.read())["errata.csv"])
    assert [row["correctie"] for row in errata] == ["Het budget was € 1,2 mln, niet € 12 mln."]
    assert csv_rows(unzip(versions[0].file.read())["errata.csv"]) == []  # as published
    response = client.get(reverse("opendata:file", args=[period.slug, f"mip-{period.slug}.zip"]))
    assert response["X-Content-SHA256"] == versions[1].sha256


def test_a_failing_artefact_builder_leaves_no_file_and_no_public_period(
    settings, make_period, make_report
):
    from projects.models import ReportingPeriod
    from reports.publication import publish_period

    settings.PUBLICATION_ARTEFACTS = ["tests.opendata.test_archive.broken_builder"]
    period = make_period(state=ReportingPeriod.State.IN_REVIEW)
    make_report(period=period)
    publish_period(period)
    period.refresh_from_db()
    assert not period.is_public
    assert not OpenDataFile.objects.exists() and not PublishedDocument.objects.exists()


def broken_builder(period, *, written):
    archive.archive_at_publication(period, written=written)
    raise OSError("disk full")
