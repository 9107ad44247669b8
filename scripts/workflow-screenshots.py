"""Screenshots of the reporting round for docs/workflow.md, taken from a running demo server.

Usage: start the demo (`make run`, fresh database), then
    .venv/bin/python scripts/workflow-screenshots.py http://127.0.0.1:8000 docs/screenshots
It changes the demo data: the manager submits ADIDAS and saves Sorga's draft from two tabs.
"""

import sys

from playwright.sync_api import sync_playwright

BASE, OUT = sys.argv[1].rstrip("/"), sys.argv[2]
PASSWORD = "mip-demo-2023"


def log_in(browser, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{BASE}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/beheer/**")
    return page


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
    )
    page = log_in(browser, "manager")
    page.screenshot(path=f"{OUT}/my-reports.png")
    page.get_by_role("link", name="Invullen ADIDAS").click()
    page.wait_for_url("**/invullen/")
    page.locator("#aspect-quality label.rating-choice").filter(has_text="Groen").click()
    page.locator("#aspect-money label.rating-choice").filter(has_text="Oranje").click()
    page.locator("#aspect-risk label.rating-choice").filter(has_text="Groen").click()
    page.fill("#id_time_explanation", "")
    page.locator("#aspect-time label.rating-choice").filter(has_text="Rood").click()
    page.wait_for_selector("#check-time .field-error")
    page.screenshot(path=f"{OUT}/report-form.png", full_page=True)
    page.fill(
        "#id_time_explanation",
        "De aanbesteding van de nieuwe koppeling loopt drie maanden uit; de livegang schuift "
        "naar het eerste kwartaal van 2024.",
    )
    page.fill(
        "#id_developments",
        page.input_value("#id_developments")
        + "\n\nIn juli is de tweede release in productie genomen.",
    )
    page.get_by_role("button", name="Indienen bij projectcontroller").click()
    page.wait_for_url("**/beheer/")
    page.context.close()

    page = log_in(browser, "controller")
    page.goto(f"{BASE}/beheer/beoordelen/")
    page.get_by_role("link", name="Beoordelen ADIDAS").click()
    page.wait_for_url("**/beoordelen/")
    page.screenshot(path=f"{OUT}/review.png", full_page=True)
    page.context.close()

    page = log_in(browser, "coordinator")
    page.get_by_role("link", name="Rondebord", exact=True).click()
    page.wait_for_url("**/rondebord/")
    page.screenshot(path=f"{OUT}/board.png", full_page=True)
    page.get_by_role("link", name="ADIDAS", exact=True).click()
    page.wait_for_url("**/rapportage/*/")
    page.locator("#history").screenshot(path=f"{OUT}/history.png")
    page.context.close()

    # Two tabs on one report: changes to different fields merge; a field both changed is chosen.
    page = log_in(browser, "manager")
    page.get_by_role("link", name="Invullen Sorga").click()
    page.wait_for_url("**/invullen/")
    other = page.context.new_page()
    other.goto(page.url)
    # Until amounts render in text inputs (issue 9, defect 1) a number input shows "13.890.000"
    # as empty and saves it so; make them text inputs, as they will be, to show only the merge.
    for tab in (page, other):
        tab.evaluate(
            "document.querySelectorAll('input[type=number]')"
            ".forEach(i => { i.type = 'text'; i.value = i.getAttribute('value') || ''; })"
        )
    other.fill(
        "#id_time_explanation", "De leverancier levert de koppeling in maart in plaats van januari."
    )
    other.fill("#id_developments", "Tekst uit het andere tabblad: de aanbesteding is gegund.")
    other.get_by_role("button", name="Opslaan als concept").click()
    other.wait_for_url("**/invullen/")
    page.fill("#id_quality_explanation", "De acceptatietest van release 2 is geslaagd.")
    page.fill("#id_developments", "Mijn tekst: de aanbesteding loopt nog.")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_selector(".conflict")
    page.locator("section.conflict").scroll_into_view_if_needed()
    page.screenshot(path=f"{OUT}/conflict.png")
    # Submitted from the other tab while this one still types: the input comes back to copy.
    other.goto(page.url)
    for aspect in ("quality", "money", "time", "risk"):
        other.locator(f"#aspect-{aspect} label.rating-choice").first.click()
    other.get_by_role("button", name="Indienen bij projectcontroller").click()
    other.wait_for_url("**/beheer/")
    page.locator("tr.conflict__row").first.get_by_label("mijn versie").check()
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_selector("#input-heading")
    page.screenshot(path=f"{OUT}/conflict-submitted.png")
    page.context.close()
    browser.close()
