"""Everything the demo made up is marked where it is shown (issue 18, item 8).

The seed (000) has no previous period "oktober 2022 t/m januari 2023", no portfolio holders or
sponsors and no figures per programme: the demo wrote them. The page, the PDF page and the open
data mark each of them, and the note on the figures says only what is true, beside the figures.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from django.urls import reverse

from projects.models import ReportingPeriod
from reports.pdf import render_programme_pdf, reports_for

from .test_dutch import visible_text

SEED = next(Path("/work/shared/seeds").glob("000_*.txt"), None)
MARK = "verzonnen voor de demo"
DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def seed_text() -> str:
    return " ".join(SEED.read_text().split()) if SEED else ""


def pdf_pages(content: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def previous_period() -> ReportingPeriod:
    return ReportingPeriod.objects.get(label="oktober 2022 t/m januari 2023")


def test_the_made_up_period_says_so_on_each_page(client, demo):
    older = previous_period()
    assert older.illustrative and not demo.illustrative
    for url in (older.get_absolute_url(), f"{older.get_absolute_url()}adidas/"):
        text = visible_text(client.get(url).content.decode())
        assert "Deze hele periode" in text and MARK in text.lower(), url
    text = visible_text(client.get(demo.get_absolute_url()).content.decode())
    assert "Deze hele periode" not in text
    # The overview's previous lights are the made-up period's: marked in their heading.
    assert re.search(r"oktober 2022 t/m januari 2023 Verzonnen voor de demo", text, re.I)


def test_the_drill_down_marks_holder_sponsor_previous_lights_and_each_figures_block(client, demo):
    page = client.get(f"{demo.get_absolute_url()}adidas/").content.decode()
    text = visible_text(page)
    for fact in ("Wethouder Werk en Inkomen", "gedeeld ambtelijk opdrachtgeverschap)"):
        assert re.search(re.escape(fact) + r" Verzonnen voor de demo", text, re.I), fact
    assert re.search(r"\(oktober 2022 t/m januari 2023\) Verzonnen voor de demo", text, re.I)
    for block in ("Geld", "Tijd", "Mijlpalen", "Belangrijkste risico’s"):
        assert re.search(re.escape(block) + r" Verzonnen voor de demo", text, re.I), block
    # The note stands before the figures, and says only what is true.
    assert text.index("Over de cijfers") < text.index("Mijlpalen")


def test_the_note_on_the_figures_claims_no_more_than_the_seed_holds(demo):
    note = demo.figures_note
    assert "volgen de teksten" not in note
    assert "verzonnen" in note.lower()
    if SEED:  # every date the note cites as in the seed is in the seed
        seed = seed_text()
        months = "|".join(DUTCH_MONTHS)
        for date in re.findall(rf"\d{{1,2}} (?:{months}) \d{{4}}", note):
            assert date in seed, date


def test_the_open_data_says_which_columns_are_made_up(client, demo):
    older = previous_period()
    rows = json.loads(client.get(reverse("reports:export_json", args=[older.slug])).content)
    assert rows and {row["illustrative"] for row in rows} == {"all"}
    rows = json.loads(client.get(reverse("reports:export_json", args=[demo.slug])).content)
    adidas = next(row for row in rows if row["slug"] == "adidas")
    assert set(adidas["illustrative"].split(";")) == {
        "quality_previous",
        "money_previous",
        "time_previous",
        "risk_previous",
        "portfolio_holder",
    }
    csv = client.get(reverse("reports:export_csv", args=[demo.slug])).content.decode("utf-8-sig")
    assert csv.splitlines()[0].endswith(";illustrative")


def test_the_pdf_marks_the_made_up_parts_on_their_own_pages(demo, tmp_path):
    reports = reports_for(demo, preview=False)
    report = next(r for r in reports if r.programme.slug == "adidas")
    content = render_programme_pdf(demo, report, reports, preview=False)
    (tmp_path / "adidas.pdf").write_bytes(content)
    pages = pdf_pages(content)
    assert MARK.upper() in pages[0]  # holder and sponsor, beside them
    figures = [page for page in pages if re.search(r"Geld VERZONNEN|Mijlpalen VERZONNEN", page)]
    assert figures
    # The note stands with the figures (under their heading, just before "Geld"), not only in
    # the colophon.
    money = next(i for i, page in enumerate(pages) if "Geld VERZONNEN" in page)
    assert any("Over de cijfers" in page for page in pages[money - 1 : money + 1])

    older = previous_period()
    old_reports = reports_for(older, preview=False)
    old = next(r for r in old_reports if r.programme.slug == "adidas")
    old_pages = pdf_pages(render_programme_pdf(older, old, old_reports, preview=False))
    assert all("VERZONNEN VOOR DE DEMO |" in page for page in old_pages)  # every footer
