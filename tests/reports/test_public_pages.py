import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from projects.models import ReportingPeriod, StatusReport
from reports.publication import publish_period


def overview_url(period):
    return reverse("reports:overview", kwargs={"period": period.slug})


def programme_url(report):
    return reverse(
        "reports:programme",
        kwargs={"period": report.period.slug, "programme": report.programme.slug},
    )


def make_monitor(make_programme, make_period, make_report, size: int):
    previous = make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    current = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    for i in range(size):
        programme = make_programme(f"Programma {i:03}")
        make_report(programme, previous)
        make_report(programme, current, time_rating="orange", time_explanation=f"Uitloop {i}")
    return current


@pytest.mark.parametrize("size", [5, 50])
def test_overview_query_count_does_not_grow_with_programmes(
    client, django_assert_num_queries, make_programme, make_period, make_report, size
):
    period = make_monitor(make_programme, make_period, make_report, size)
    # Rendered (a period made by hand has no prepared file, reports/prepared.py):
    # period, its archived PDF versions, published periods, reports,
    # previous period (for the column header), previous reports, reports excluded from the
    # publication, programmes that left the monitor after the previous period; the unit and
    # holder filters come from the reports as published
    with django_assert_num_queries(8):
        response = client.get(overview_url(period))
    assert response.status_code == 200
    assert response.content.decode().count('class="overview__light"') == 4 * size
    assert response.content.decode().count("overview__light--previous") == 4 * size


def test_overview_htmx_request_renders_only_the_table(client, make_report):
    report = make_report()
    response = client.get(overview_url(report.period), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="overview-table"')
    assert report.programme.name in html
    assert "<html" not in html


def test_overview_varies_on_htmx_also_where_no_snapshot_is_served(
    client, make_report, django_user_model
):
    """Logged in, the page is rendered afresh: its Vary still keeps table and page apart."""
    report = make_report()
    client.force_login(django_user_model.objects.create_user("reader"))
    page = client.get(overview_url(report.period))
    partial = client.get(overview_url(report.period), headers={"HX-Request": "true"})
    assertContains(page, "<html")
    assertNotContains(partial, "<html")
    for response in (page, partial):
        assert "HX-Request" in response.headers["Vary"]


def test_overview_filters_by_unit(client, make_programme, make_report, make_period):
    from projects.models import OrganisationUnit

    period = make_period()
    wi = OrganisationUnit.objects.create(name="Werk en Inkomen", short_name="W&I")
    make_report(make_programme("ADIDAS", unit=wi), period)
    make_report(make_programme("GREAT"), period)
    html = client.get(overview_url(period), {"unit": wi.pk}).content.decode()
    assert "ADIDAS" in html and "GREAT" not in html.split('id="overview-table"')[1]


def test_drafts_and_unpublished_periods_are_404_for_anonymous(client, make_report, make_period):
    open_period = make_period(state=ReportingPeriod.State.OPEN, start=dt.date(2023, 6, 1))
    draft = make_report(period=open_period, state=StatusReport.State.DRAFT)
    assert client.get(overview_url(open_period)).status_code == 404
    assert client.get(programme_url(draft)).status_code == 404

    published = make_period(start=dt.date(2023, 2, 1))
    not_approved = make_report(period=published, state=StatusReport.State.SUBMITTED)
    assert client.get(programme_url(not_approved)).status_code == 404
    assertNotContains(client.get(overview_url(published)), not_approved.programme.name)


def test_home_shows_latest_published_period(client, make_report, make_period):
    older = make_report(
        period=make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    )
    newer = make_report(period=make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1)))
    make_period("juni t/m september 2023", start=dt.date(2023, 6, 1), state="open")
    html = client.get("/").content.decode()
    assert "Februari t/m mei 2023" in html
    assert newer.programme.name in html and older.programme.name not in html


def test_home_without_publication_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assertContains(response, "Er is nog geen rapportageperiode gepubliceerd.")


def test_demo_drill_down_shows_the_programmes_texts(client, demo):
    report = StatusReport.objects.get(period=demo, programme__slug="adidas")
    html = client.get(programme_url(report)).content.decode()
    assert "De realisatie van Thomas DUP loopt een half jaar uit" in html
    assert "Toelichting afwijking tijd" in html
    assert "Thomas is de digitale" in html  # goal
    assert "voorspelbaarheid van de softwareontwikkeling" in html  # developments
    assert "Terug naar totaaloverzicht" in html


def test_demo_overview_lists_all_eight_programmes_with_previous_lights(client, demo):
    html = client.get("/").content.decode()
    for name in [
        "ADIDAS",
        "Datagedreven",
        "Digitale Stad",
        "Forza MOR",
        "GREAT",
        "RAVE",
        "Rotterdamse Digitale Infrastructuur",
        "Sorga",
    ]:
        assert name in html
    assert "Vorige rapportage" in html


def test_english_interface(client, demo):
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "All programmes at a glance" in html


def test_dutch_is_the_default_even_for_an_english_browser(client, make_report):
    report = make_report()
    html = client.get(overview_url(report.period), headers={"Accept-Language": "en-US,en"})
    assertContains(html, "Alle programma’s in één overzicht")
    assert html["Content-Language"] == "nl"


def test_not_found_page_is_dutch_and_part_of_the_site(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html and "Monitor ICT Projecten" in html


def test_renaming_a_programme_after_publication_leaves_published_pages_alone(
    client, make_programme, make_period, make_report, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # publishing archives the PDF
    period = make_period(state=ReportingPeriod.State.IN_REVIEW)
    programme = make_programme("Sorga", goal="Sorga overnemen van Wigo4it.")
    report = make_report(programme, period)
    publish_period(period, by=None)
    programme.name, programme.goal = "Sorga 2.0", "Een nieuw doel."
    programme.save()

    overview = client.get(overview_url(period)).content.decode()
    detail = client.get(programme_url(report)).content.decode()
    assert "Sorga 2.0" not in overview and "Sorga" in overview
    assert "Sorga overnemen van Wigo4it." in detail and "Een nieuw doel." not in detail
    later = make_period(start=dt.date(2023, 6, 1), state=ReportingPeriod.State.IN_REVIEW)
    make_report(programme, later)
    publish_period(later, by=None)
    later_url = reverse(
        "reports:programme", kwargs={"period": later.slug, "programme": programme.slug}
    )
    assert "Een nieuw doel." in client.get(later_url).content.decode()  # the next round: new text


def test_previous_lights_are_the_last_ones_the_council_saw(
    client, make_programme, make_period, make_report
):
    programme = make_programme("Sorga")
    first = make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    make_report(programme, first, time_rating="red", time_explanation="Half jaar uitloop.")
    skipped = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    make_report(make_programme("ADIDAS"), skipped)  # Sorga was not in this publication
    current = make_period("juni t/m september 2023", start=dt.date(2023, 6, 1))
    report = make_report(programme, current)
    html = client.get(overview_url(current)).content.decode()
    sorga_row = html.split(">Sorga</a>")[1].split("</tr>")[0]
    assert "Rood" in sorga_row  # from oktober 2022, not an empty "–"
    assert report.previous().period == first
