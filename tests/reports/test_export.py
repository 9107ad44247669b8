import csv
import io
import json

from django.urls import reverse
from pytest_django.asserts import assertContains

from projects.models import StatusReport


def test_csv_export_has_a_row_per_published_programme_with_lights(client, demo):
    response = client.get(reverse("reports:export_csv", kwargs={"period": demo.slug}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mip-februari-tm-mei-2023.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    published = StatusReport.objects.published().filter(period=demo)
    assert len(rows) == published.count()
    adidas = next(row for row in rows if row["slug"] == "adidas")
    report = published.get(programme__slug="adidas")
    assert adidas["time"] == report.time_rating
    assert adidas["time_previous"] == report.previous().time_rating
    assert "half jaar" in adidas["time_explanation"]


def test_json_export_keeps_dutch_text(client, demo):
    response = client.get(reverse("reports:export_json", kwargs={"period": demo.slug}))
    records = json.loads(response.content)
    sorga = next(record for record in records if record["slug"] == "sorga")
    assert sorga["organisation_unit"] == "Maatschappelijke Ontwikkeling"
    assertContains(response, "geïmplementeerd")


def test_export_of_unpublished_period_is_404(client, demo):
    from projects.models import ReportingPeriod

    open_period = ReportingPeriod.objects.get(state="open")
    assert (
        client.get(reverse("reports:export_csv", kwargs={"period": open_period.slug})).status_code
        == 404
    )


def test_csv_cells_that_look_like_formulas_are_defused(client, make_report):
    report = make_report(money_rating="orange", money_explanation='=HYPERLINK("x")')
    response = client.get(reverse("reports:export_csv", kwargs={"period": report.period.slug}))
    row = next(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert row["money_explanation"] == '\'=HYPERLINK("x")'


def test_the_reason_for_a_light_greener_than_its_figures_is_in_the_open_data(client, make_report):
    report = make_report(money_greener_reason="Gedekt door het raadsbesluit van juni.")
    response = client.get(reverse("reports:export_csv", kwargs={"period": report.period.slug}))
    row = next(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert row["money_greener_reason"] == "Gedekt door het raadsbesluit van juni."
    assert row["time_greener_reason"] == ""
