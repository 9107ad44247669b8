"""A council member's path through the published monitor, in headless Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_no_axe_violations(page) -> None:
    results = Axe().run(page)
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


def test_overview_to_drill_down_and_accessible(page, demo):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Februari t/m mei 2023"
    rows = page.locator("table.overview tbody tr")
    assert rows.count() >= 8
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Sorga", exact=True).click()
    page.wait_for_url("**/sorga/")
    assert page.locator("h1").inner_text() == "Sorga"
    explanations = page.locator("section.explanation")
    assert explanations.count() == 4
    assert "Toelichting" in explanations.first.inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Terug naar totaaloverzicht").first.click()
    page.wait_for_url("**/februari-tm-mei-2023/")


def test_filter_by_unit_updates_table_in_place(page, demo):
    from projects.models import OrganisationUnit

    unit = OrganisationUnit.objects.filter(programmes__slug="adidas").get()
    page.goto("/")
    total = page.locator("table.overview tbody tr").count()
    page.select_option("#filter-unit", str(unit.pk))
    page.wait_for_url(f"**unit={unit.pk}**")
    page.wait_for_function(f"document.querySelectorAll('table.overview tbody tr').length < {total}")
    assert "ADIDAS" in page.locator("table.overview").inner_text()


def test_back_button_restores_the_previous_filter(page, demo):
    from projects.models import OrganisationUnit, PortfolioHolder

    unit = OrganisationUnit.objects.filter(programmes__slug="adidas").get()
    holder = PortfolioHolder.objects.exclude(programmes__unit=unit).first()
    page.goto("/")
    page.select_option("#filter-unit", str(unit.pk))
    page.wait_for_url(f"**unit={unit.pk}**")
    unit_rows = page.locator("table.overview tbody tr").count()
    page.select_option("#filter-holder", str(holder.pk))
    page.wait_for_url(f"**holder={holder.pk}**")
    page.go_back()
    page.wait_for_url(f"**unit={unit.pk}&holder=")
    page.wait_for_function(
        f"document.querySelectorAll('table.overview tbody tr').length === {unit_rows}"
    )
    assert page.locator("#filter-unit").input_value() == str(unit.pk)
    assert page.locator("#filter-holder").input_value() == ""
