"""The public pages say why and since when a programme is in the monitor, and who left it."""

import datetime as dt

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from projects.models import Admission, Departure


def test_the_drill_down_says_why_and_since_when(client, make_programme, make_period, make_report):
    period = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    programme = make_programme("Sorga", admitted=False)
    Admission.objects.create(
        programme=programme,
        decision_body=Admission.Body.COUNCIL,
        decided_on=dt.date(2022, 11, 3),
        reference="RV 2022-117",
        grounds="Groot financieel belang en veel partners.",
        aspects=["money", "time"],
        extra_items="Kwartaalrapportage over de aanbesteding.",
    )
    report = make_report(programme, period)
    url = reverse("reports:programme", args=[period.slug, programme.slug])
    response = client.get(url)
    assertContains(response, "RV 2022-117")
    assertContains(response, "3 november 2022")
    assertContains(response, "gemeenteraad")
    assertContains(response, "Groot financieel belang en veel partners.")
    assertContains(response, "Kwartaalrapportage over de aanbesteding.")
    assert report.admission_facts()["reference"] == "RV 2022-117"


def test_the_overview_lists_who_left_under_uit_de_monitor(
    client, make_programme, make_period, make_report
):
    before = make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    after = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    left = make_programme("Afgerond programma")
    staying = make_programme("Blijvend programma")
    make_report(left, before)
    make_report(staying, before)
    make_report(staying, after)
    Departure.objects.create(
        programme=left,
        reason=Departure.Reason.COMPLETED,
        last_period=before,
        decided_on=dt.date(2023, 1, 20),
    )
    response = client.get(reverse("reports:overview", args=[after.slug]))
    assertContains(response, "Uit de monitor")
    assertContains(response, "Afgerond programma")
    assertContains(response, "afgerond")
    # Only in the first period without it; the period it last reported in does not list it.
    assertNotContains(client.get(reverse("reports:overview", args=[before.slug])), "Uit de monitor")
