"""The plan in Chromium: every page reflows at 320 px and passes axe; the table filters with
htmx; the edit form saved untouched changes nothing (no history row either), and one changed
figure changes exactly that figure."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from planning.models import CostLine, Initiative, Score
from tests.e2e.test_phone import assert_fits, assert_no_axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "/planning/dowr-2022-2025/"


@pytest.fixture
def planner_page(browser, live_server):
    call_command("loaddemo_planning", stdout=io.StringIO())
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 320, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/?next=/beheer/")
    log_in(page, "planner")
    yield page
    context.close()


def snapshot() -> tuple:
    """Every figure of the plan and every history row of initiatives, scores and cost lines."""
    return (
        list(Initiative.objects.order_by("pk").values()),
        list(Score.objects.order_by("pk").values()),
        list(CostLine.objects.order_by("pk").values()),
        [m.history.count() for m in (Initiative, Score, CostLine)],
    )


def test_the_plans_pages_reflow_at_320_px_and_pass_axe(planner_page):
    page = planner_page
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    for path in ("", "totalen/", "contracten/", f"initiatief/{kiss.pk}/",
                 f"initiatief/{kiss.pk}/bewerken/"):  # fmt: skip
        page.goto(PLAN + path)
        assert_fits(page, 320)
        assert_no_axe_violations(page)


def test_the_table_filters_without_reloading_the_page(planner_page):
    page = planner_page
    page.goto(PLAN)
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Prioriteit").select_option("2")
    page.wait_for_url("**priority=2**")
    assert page.evaluate("window.notReloaded") is True
    table = page.locator("#plan-table")
    assert table.get_by_text("Smart City").count() == 1
    assert table.get_by_text("Website").count() == 0


def test_the_edit_form_round_trips(planner_page):
    page = planner_page
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    before = snapshot()
    page.goto(f"{PLAN}initiatief/{kiss.pk}/bewerken/")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/initiatief/{kiss.pk}/")
    assert page.get_by_text("Er is niets gewijzigd.").count() == 1
    assert snapshot() == before

    line = kiss.cost_lines.filter(municipality__code="OW", kind="structural").first()
    page.goto(f"{PLAN}initiatief/{kiss.pk}/bewerken/")
    page.locator(f"input[name$='-id'][value='{line.pk}']").locator(
        "xpath=ancestor::fieldset[1]"
    ).get_by_label("reeds gedekt (euro)").fill("1.000")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/initiatief/{kiss.pk}/")
    after = snapshot()
    assert after[:2] == before[:2] and after[3][:2] == before[3][:2]
    changed = [(b, a) for b, a in zip(before[2], after[2], strict=True) if b != a]
    old = next(r for r in before[2] if r["id"] == line.pk)
    assert changed == [(old, {**old, "covered": 1000})]
    assert after[3][2] == before[3][2] + 1
