"""The coordinator imports a round in Chromium (issue 21): a file with two bad rows is
previewed with both marked, nothing written; the fixed file is imported, and each report's
history names the import. The screenshot in the docs is taken from the preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from projects.models import StatusReport
from tests.e2e.test_phone import assert_no_axe_violations
from tests.e2e.test_reporting_round import log_in
from tests.workflow_data import build_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "import-preview.png"
HEADER = "slug;quality;money;time;risk;time_explanation;risk_explanation\n"
BAD = HEADER + (
    "sorga;groen;groen;paars;groen;;\n"  # not a colour
    "adidas;groen;groen;groen;rood;;\n"  # red without explanation
)
FIXED = HEADER + (
    "sorga;groen;groen;oranje;groen;Oplevering schuift naar juni.;\n"
    "adidas;groen;groen;groen;rood;;Leverancier failliet.\n"
)


def choose(page, tmp_path: Path, content: str, name: str = "ronde.csv") -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.get_by_label("Spreadsheet (.xlsx, .ods of .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Bestand controleren").click()


def test_two_bad_rows_are_marked_then_the_fixed_file_is_imported(
    browser, live_server, make_programme, make_period, tmp_path
):
    round_ = build_round(make_programme, make_period)
    page = log_in(browser, live_server, round_.coordinator.username)
    page.goto("/beheer/rondebord/")
    page.get_by_role("link", name="Rapportages importeren").click()
    page.get_by_label("Rapportageperiode").select_option(label=round_.period.label)
    choose(page, tmp_path, BAD)
    preview = page.locator("#import-preview")
    preview.get_by_text("“paars” is geen kleur").wait_for()
    bad = preview.locator("tr.import-preview__bad")
    assert bad.count() == 2
    assert "paars" in bad.nth(0).inner_text()
    assert "Een toelichting is verplicht als risico’s op rood staat." in bad.nth(1).inner_text()
    assert preview.get_by_role("button", name="Deze rijen importeren").count() == 0
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert StatusReport.objects.get(pk=round_.report.pk).time_rating == ""

    choose(page, tmp_path, FIXED, "ronde-hersteld.csv")
    preview.get_by_text("Geen problemen gevonden: 2 rijen").wait_for()
    preview.get_by_role("button", name="Deze rijen importeren").click()
    page.wait_for_url("**/beheer/rondebord/**")
    assert "2 bijgewerkt" in page.locator("main").inner_text()

    page.goto(f"/beheer/rapportage/{round_.other_report.pk}/")
    history = page.locator("#history").inner_text()
    assert "Import van ronde-hersteld.csv" in history
    report = StatusReport.objects.get(pk=round_.report.pk)
    assert (report.time_rating, report.time_explanation) == (
        "orange",
        "Oplevering schuift naar juni.",
    )
