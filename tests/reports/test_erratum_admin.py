"""An erratum added in the admin goes the way of every erratum (issue 19, finding 2).

``ErratumAdmin.save_model`` used to save the model directly: the public page showed the
erratum while the PDF stayed version 1 without it, and no audit row was written.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from audit.models import AuditEvent
from projects.models import Erratum, ReportingPeriod, StatusReport
from reports.models import PublicationJob, PublishedDocument
from reports.publication import publish_period

TEXT = "Het budget is € 1,2 mln, niet € 2,1 mln zoals vermeld."


@pytest.fixture
def published(make_programme, make_period, make_report) -> StatusReport:
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    report = make_report(make_programme("Sorga", slug="sorga"), period)
    publish_period(period, by=None)
    return report


def test_an_erratum_added_in_the_admin_issues_pdf_version_2_and_an_audit_row(client, published):
    admin = User.objects.create_superuser("beheer", password="x")
    client.force_login(admin)
    response = client.post(
        reverse("admin:projects_erratum_add"), {"report": published.pk, "text": TEXT}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    erratum = Erratum.objects.get(report=published)
    assert erratum.created_by == admin
    versions = PublishedDocument.objects.filter(period=published.period, report=None)
    assert sorted(versions.values_list("version", flat=True)) == [1, 2]
    assert PublicationJob.objects.filter(
        kind=PublicationJob.Kind.ERRATUM, report=published, status=PublicationJob.Status.DONE
    ).exists()
    [event] = AuditEvent.objects.filter(action="erratum")
    assert (event.actor, event.extra["erratum"]) == (admin, erratum.pk)


def test_an_erratum_for_an_unpublished_report_is_refused_in_the_admin(
    client, make_report, make_period
):
    client.force_login(User.objects.create_superuser("beheer", password="x"))
    draft = make_report(
        period=make_period(state=ReportingPeriod.State.OPEN), state=StatusReport.State.DRAFT
    )
    response = client.post(
        reverse("admin:projects_erratum_add"), {"report": draft.pk, "text": TEXT}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert not Erratum.objects.exists()
    assert not AuditEvent.objects.filter(action="erratum").exists()
