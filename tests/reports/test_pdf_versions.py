"""Errata reach the PDF as a new numbered version; the archived one stays (issue 9, defect 12)."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from projects.models import ReportingPeriod, StatusReport
from projects.rules import COORDINATOR_GROUP
from reports.models import PublishedDocument
from reports.publication import add_erratum as add_erratum_to
from reports.publication import publish_period

FIRST = "Het budget is € 1,2 mln, niet € 2,1 mln zoals vermeld."
SECOND = "De einddatum is 1 maart 2024, niet 1 maart 2025."


def text_of(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def download(client, url: str) -> tuple[bytes, str]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return b"".join(response.streaming_content), response["X-Content-SHA256"]


@pytest.fixture
def period(make_programme, make_period, make_report) -> ReportingPeriod:
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    make_report(make_programme("Sorga", slug="sorga"), period, developments="De module is live.")
    make_report(make_programme("ADIDAS", slug="adidas"), period)
    publish_period(period, by=None)
    return period


@pytest.fixture
def coordinator(db) -> User:
    user = User.objects.create_user("carla", password="x")
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return user


def add_erratum(client, coordinator: User, text: str) -> None:
    client.force_login(coordinator)
    report = StatusReport.objects.get(programme__slug="sorga")
    response = client.post(reverse("reports:erratum", args=[report.pk]), {"text": text})
    assert response.status_code == 302
    client.logout()


def test_an_erratum_issues_a_new_pdf_version_and_keeps_the_archived_one(
    client, period, coordinator
):
    url = reverse("reports:period_pdf", kwargs={"period": period.slug})
    published, published_sha = download(client, url)
    assert FIRST not in text_of(published)

    add_erratum(client, coordinator, FIRST)

    first, second = PublishedDocument.objects.filter(period=period, report=None).order_by("version")
    assert (first.version, second.version) == (1, 2)
    assert first.sha256 == published_sha == hashlib.sha256(first.file.read()).hexdigest()
    latest, latest_sha = download(client, url)
    assert latest_sha == second.sha256 == hashlib.sha256(latest).hexdigest() != published_sha
    text = text_of(latest)
    assert FIRST in text and "Versie 2" in text
    v1, v1_sha = download(client, reverse("reports:period_pdf_version", args=[period.slug, 1]))
    assert v1 == published and v1_sha == published_sha
    assert FIRST not in text_of(v1)

    add_erratum(client, coordinator, SECOND)
    third = PublishedDocument.objects.get(period=period, report=None, version=3)
    text = text_of(third.file.read())
    assert FIRST in text and SECOND in text and "Versie 3" in text
    assert download(client, url)[1] == third.sha256
    assert (
        client.get(reverse("reports:period_pdf_version", args=[period.slug, 4])).status_code == 404
    )

    for page in (
        reverse("reports:overview", kwargs={"period": period.slug}),
        reverse("reports:programme", kwargs={"period": period.slug, "programme": "sorga"}),
    ):
        html = client.get(page).content.decode()
        for document in (first, second, third):
            assert document.sha256 in html
            assert (
                reverse("reports:period_pdf_version", args=[period.slug, document.version]) in html
            )


def test_a_period_archived_late_keeps_version_1_without_the_errata(make_period, make_report):
    """Published before archiving existed: the first erratum archives version 1 as published
    (without it) and then issues version 2 with it."""
    report = make_report(period=make_period("oktober 2022 t/m januari 2023"))
    user = User.objects.create_user("carla", password="x")
    add_erratum_to(report, text=FIRST, by=user)
    first, second = PublishedDocument.objects.filter(period=report.period, report=None).order_by(
        "version"
    )
    assert FIRST not in text_of(first.file.read())
    assert FIRST in text_of(second.file.read())


def test_every_version_of_a_programme_pdf_stays_reachable_and_listed(client, period, coordinator):
    """Issue 18, item 7: after an erratum the programme PDF as first published answered 404
    (``…/<programme>/mip-v1.pdf``) and its SHA-256 was listed nowhere."""
    latest_url = reverse(
        "reports:programme_pdf", kwargs={"period": period.slug, "programme": "sorga"}
    )
    published, published_sha = download(client, latest_url)

    add_erratum(client, coordinator, FIRST)

    documents = list(
        PublishedDocument.objects.filter(report__programme__slug="sorga").order_by("version")
    )
    assert [d.version for d in documents] == [1, 2]
    page = client.get(
        reverse("reports:programme", kwargs={"period": period.slug, "programme": "sorga"})
    ).content.decode()
    for document in documents:
        url = f"/{period.slug}/sorga/mip-v{document.version}.pdf"
        content, sha = download(client, url)
        assert sha == document.sha256 == hashlib.sha256(content).hexdigest()
        assert url in page and document.sha256 in page
    assert download(client, f"/{period.slug}/sorga/mip-v1.pdf") == (published, published_sha)
    assert FIRST in text_of(download(client, latest_url)[0])
    assert client.get(f"/{period.slug}/sorga/mip-v3.pdf").status_code == 404
    assert client.get(f"/{period.slug}/adidas/mip-v2.pdf").status_code == 404
