"""Screenshots of an erratum after publication for docs/workflow.md, from a running demo server.

Usage: start the demo (`make run`, fresh database), then
    .venv/bin/python scripts/erratum-screenshots.py http://127.0.0.1:8000 docs/screenshots PK
where PK is the id of Sorga's report in that period (`manage.py shell`).
It changes the demo data: the coordinator adds an erratum to Sorga in the published period
"februari t/m mei 2023", which issues version 2 of that period's PDF.
"""

import subprocess
import sys
import urllib.request

from playwright.sync_api import sync_playwright

BASE, OUT, REPORT = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
PASSWORD = "mip-demo-2023"
PERIOD = "februari-tm-mei-2023"
ERRATUM = (
    "In de toelichting op geld staat dat de meerkosten € 1,2 mln bedragen. Dat moet zijn "
    "€ 0,8 mln; de rest valt binnen het bestaande budget."
)

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(300_000)  # adding an erratum renders the whole period PDF
    page.goto(f"{BASE}/accounts/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/beheer/**")
    page.goto(f"{BASE}/beheer/rapportage/{REPORT}/")
    page.fill("textarea[name=text]", ERRATUM)
    page.locator("form[action$='/erratum/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{BASE}/{PERIOD}/sorga/")
    page.locator(".errata").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=f"{OUT}/erratum-drill-down.png")
    page.locator(".download-pdf").screenshot(path=f"{OUT}/erratum-versions.png")
    context.close()
    browser.close()

# The latest PDF (version 2): its errata page, as the council reads it.
with urllib.request.urlopen(f"{BASE}/{PERIOD}/mip.pdf") as response:
    pdf = response.read()
text = subprocess.run(
    ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
).stdout.decode()
page_number = next(n for n, t in enumerate(text.split("\f"), start=1) if "Dit is versie" in t)
subprocess.run(
    [
        "pdftoppm",
        "-f",
        str(page_number),
        "-l",
        str(page_number),
        "-r",
        "70",
        "-png",
        "-singlefile",
        "-",
        f"{OUT}/erratum-pdf-page",
    ],
    input=pdf,
    check=True,
)
