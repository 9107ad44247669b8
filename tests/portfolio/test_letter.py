"""Issue 23: the council information letter, written from the published data (seed 002)."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from portfolio.models import CouncilLetter
from projects.models import Programme, ReportingPeriod, StatusReport

SEED_HEADINGS = [
    "Inleiding",
    "Wat is ICT Beweegt?",
    "Waarom ICT Beweegt?",
    "Behaalde mijlpalen",
    "Wat staat er nog te gebeuren?",
    "Hoe is het programma gefinancierd?",
    "Planning en uitloop",
    "Welke risico’s zijn er?",
]
DORDRECHT_FACTS = [
    "6 april 2021",
    "1 februari 2023",
    "€ 9.500.000",  # illustrative amounts: the seed gives none
    "€ 12.000.000",
    "31 december 2023",  # the planned end
    "een uitloop van 3 maanden ten opzichte van de oorspronkelijke planning",
    "Applicatiemigratie",
    "Datamigratie",
    "Adoptie",
    "Verouderd eigen rekencentrum",
    "Onverwachte technische uitdagingen",
    "Verstoring van de continuïteit van de dienstverlening",
]


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def docx_text(content: bytes) -> tuple[str, list[str]]:
    document = Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    return " ".join(" ".join(p.text for p in document.paragraphs).split()), headings


@pytest.fixture
def coordinator_client(client):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    return client


@pytest.fixture
def dordrecht(db):
    call_command("loaddemo", "dordrecht", "--no-archive", stdout=io.StringIO())
    return Programme.objects.get(slug="ict-beweegt")


def form_data(client, url: str, **changes) -> dict:
    """The letter form as the browser sends it back: every field with its shown value."""
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return data | changes


def download(client, programme: Programme, action: str, **changes) -> bytes:
    url = reverse("portfolio:letter", args=[programme.slug])
    response = client.post(url, form_data(client, url, **changes) | {"action": action})
    assert response.status_code == 200, response.content[:500]
    return response.content


@pytest.mark.django_db
def test_the_dordrecht_demo_loads_on_its_own(dordrecht):
    assert Programme.objects.count() == 1
    assert ReportingPeriod.objects.public().count() == 2
    report = StatusReport.objects.published().get(period__label="juli t/m oktober 2023")
    assert report.figures.forecast_end_date.isoformat() == "2024-03-31"
    assert [d.decided_on.isoformat() for d in report.figures.decision_history] == [
        "2021-04-06",
        "2023-02-01",
    ]
    assert report.risk_snapshots.count() == 3
    assert "illustratie" in report.period.figures_note  # the amounts are marked as made up


@pytest.mark.django_db
def test_the_ict_beweegt_letter_as_pdf_and_docx(dordrecht, coordinator_client):
    text = pdf_text(download(coordinator_client, dordrecht, "pdf"))
    for expected in [*SEED_HEADINGS, *DORDRECHT_FACTS]:
        assert expected in text, expected
    positions = [text.index(heading) for heading in SEED_HEADINGS]
    assert positions == sorted(positions)  # in the seed's order
    words, headings = docx_text(download(coordinator_client, dordrecht, "docx"))
    assert headings[: len(SEED_HEADINGS)] == SEED_HEADINGS
    for expected in DORDRECHT_FACTS:
        assert expected in words, expected


@pytest.mark.django_db
def test_the_pdf_is_tagged_dutch_with_fonts_embedded(dordrecht, coordinator_client):
    import pikepdf

    with pikepdf.open(io.BytesIO(download(coordinator_client, dordrecht, "pdf"))) as pdf:
        assert str(pdf.Root.Lang) == "nl"
        assert pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


@pytest.mark.django_db
def test_an_edited_paragraph_is_printed_and_kept_but_the_figures_stay(
    dordrecht, coordinator_client
):
    edited = "Deze alinea schreef de coördinator zelf."
    words, _ = docx_text(download(coordinator_client, dordrecht, "docx", why=edited))
    assert edited in words
    assert "6 april 2021" in words
    assert CouncilLetter.objects.get(programme=dordrecht).why == edited


@pytest.mark.django_db
def test_the_letter_of_a_rotterdam_programme(demo, coordinator_client):
    rdi = Programme.objects.get(slug="rdi")
    text = pdf_text(download(coordinator_client, rdi, "pdf"))
    report = StatusReport.objects.published().get(programme=rdi, period=demo)
    reached = [m for m in report.milestone_snapshots.all() if m.actual_date]
    assert reached
    for milestone in reached:
        assert milestone.name in text
    assert "18 april 2023" in text and "€ 22.500.000" in text  # the re-baseline, its date
    assert "(herijking)" in text
    open_risks = [r for r in report.risk_snapshots.all() if r.state != "closed"]
    top = sorted(open_risks, key=lambda r: -r.score)[:3]
    assert top
    for risk in top:  # the top risks by score, each with its measure
        assert risk.title in text
        assert risk.measure.split(".")[0] in text


@pytest.mark.django_db
def test_the_period_is_chosen_and_defaults_to_the_latest(dordrecht, coordinator_client):
    url = reverse("portfolio:letter", args=[dordrecht.slug])
    assert coordinator_client.get(url).context["form"]["period"].value() == "juli-tm-oktober-2023"
    older = ReportingPeriod.objects.get(label="januari t/m juni 2023")
    data = form_data(coordinator_client, url, period=older.slug) | {"action": "pdf"}
    text = pdf_text(coordinator_client.post(url, data).content)
    assert "januari t/m juni 2023" in text
    assert "een uitloop van 0 maanden" in text  # in that period it was still on time


@pytest.mark.django_db
def test_only_the_coordinator_writes_letters_and_the_round_links_to_it(dordrecht, client):
    url = reverse("portfolio:letter", args=[dordrecht.slug])
    client.force_login(get_user_model().objects.get(username="manager"))
    assert client.get(url).status_code == 403
    client.force_login(get_user_model().objects.get(username="coordinator"))
    report = StatusReport.objects.filter(programme=dordrecht).first()
    detail = client.get(reverse("projects:detail", args=[report.pk])).content.decode()
    assert url in detail
