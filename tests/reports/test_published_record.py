"""What the council read stays as it was (issue 9, defect 11).

After publication the programme's unit, portfolio holder, short name, sponsor, slug, tracks and
their goals may change for the next round; the published pages, the open data and the PDFs
keep showing them as published, and the published URLs keep working.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from projects.models import (
    Erratum,
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ReportingPeriod,
    StatusReport,
)
from reports.publication import publish_period

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"')


@pytest.fixture
def published(make_programme, make_period, make_report) -> ReportingPeriod:
    period = make_period(
        "juni t/m september 2023", start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW
    )
    unit = OrganisationUnit.objects.create(name="Cluster Dienstverlening", short_name="DV")
    holder = PortfolioHolder.objects.create(name="Wethouder Bonte")
    sorga = make_programme(
        "Sorga",
        short_name="SRG",
        slug="sorga",
        unit=unit,
        portfolio_holder=holder,
        sponsor="Directeur Zorg",
        goal="Eén systeem voor de zorgtaken.",
    )
    track = make_programme(
        "Sorga spoor A",
        slug="sorga-a",
        kind=Programme.Kind.TRACK,
        parent=sorga,
        unit=unit,
        goal="Koppeling met de regio.",
    )
    make_programme(
        "Sorga spoor B",
        slug="sorga-b",
        kind=Programme.Kind.TRACK,
        parent=sorga,
        goal="Het archief omzetten.",
    )
    make_report(sorga, period, developments="De module is live.")
    make_report(track, period)
    publish_period(period, by=None)
    period.unit_pk = unit.pk  # for the unit filter, whatever the unit is called later
    return period


def public_views(client, period: ReportingPeriod, slug: str = "sorga") -> dict[str, str]:
    urls = {
        "overview": reverse("reports:overview", kwargs={"period": period.slug}),
        "csv": reverse("reports:export_csv", kwargs={"period": period.slug}),
        "json": reverse("reports:export_json", kwargs={"period": period.slug}),
        "drill-down": reverse(
            "reports:programme", kwargs={"period": period.slug, "programme": slug}
        ),
        "track": reverse(
            "reports:programme", kwargs={"period": period.slug, "programme": "sorga-a"}
        ),
        "filtered": reverse("reports:overview", kwargs={"period": period.slug})
        + f"?unit={period.unit_pk}",
    }
    texts = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        texts[name] = CSRF.sub("", response.content.decode("utf-8-sig"))
    pdf = client.get(
        reverse("reports:programme_pdf", kwargs={"period": period.slug, "programme": slug})
    )
    assert pdf.status_code == 200
    texts["programme pdf"] = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=b"".join(pdf.streaming_content),
        capture_output=True,
    ).stdout.decode()
    return texts


def change_everything_about_sorga() -> None:
    sorga = Programme.objects.get(slug="sorga")
    unit = sorga.unit
    unit.name, unit.short_name = "Cluster Werk en Inkomen", "W&I"
    unit.save()
    sorga.portfolio_holder.name = "Wethouder Kasmi"
    sorga.portfolio_holder.save()
    sorga.short_name, sorga.sponsor, sorga.slug = "SORGA-2", "Directeur Werk", "sorga-nieuw"
    sorga.unit = OrganisationUnit.objects.create(name="Cluster Stadsbeheer")
    sorga.portfolio_holder = PortfolioHolder.objects.create(name="Wethouder Achbar")
    sorga.save()
    Programme.objects.filter(slug="sorga-a").update(goal="Een ander doel.", parent=None)
    Programme.objects.filter(slug="sorga-b").update(goal="Ook anders.", name="Spoor B nieuw")
    Programme.objects.create(
        name="Sorga spoor C",
        slug="sorga-c",
        kind=Programme.Kind.TRACK,
        parent=sorga,
        unit=sorga.unit,
    )


def test_programme_changes_after_publication_do_not_change_what_was_published(client, published):
    before = public_views(client, published)
    assert "Cluster Dienstverlening" in before["drill-down"]
    assert "Directeur Zorg" in before["drill-down"] and "Wethouder Bonte" in before["csv"]
    assert "Het archief omzetten." in before["drill-down"]

    change_everything_about_sorga()

    after = public_views(client, published)
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, changed


def test_the_new_slug_redirects_permanently_to_the_published_url(client, published):
    change_everything_about_sorga()
    for name in ("programme", "programme_pdf"):
        response = client.get(
            reverse(
                f"reports:{name}", kwargs={"period": published.slug, "programme": "sorga-nieuw"}
            )
        )
        assert response.status_code == 301
        assert response["Location"] == reverse(
            f"reports:{name}", kwargs={"period": published.slug, "programme": "sorga"}
        )


def test_errata_are_append_only(published, make_period):
    report = StatusReport.objects.get(programme__slug="sorga")
    superuser = User.objects.create_superuser("root", password="x")
    erratum = Erratum(
        report=report, text="Het budget is € 1,2 mln, niet € 2,1 mln.", created_by=superuser
    )
    erratum.full_clean()
    erratum.save()
    with pytest.raises(ValidationError):
        erratum.delete()
    with pytest.raises(ValidationError):
        Erratum.objects.filter(pk=erratum.pk).delete()
    assert Erratum.objects.filter(pk=erratum.pk).exists()
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = admin.site._registry[Erratum]
    assert not model_admin.has_delete_permission(request, erratum)
    assert not model_admin.has_delete_permission(request)
