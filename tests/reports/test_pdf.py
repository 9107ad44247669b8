"""The monitor as a PDF: read back through pypdf, pdftotext and pikepdf, as the council gets it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess

import pikepdf
import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from projects.models import Programme, ReportingPeriod, StatusReport
from reports import tasks
from reports.models import PublishedDocument
from reports.publication import add_erratum, publish_period

# As the seed, "Monitor ICT Projecten | februari 2023 t/m mei 2023 10" (no pipe before the number),
# but with the month in lower case mid-line, as Dutch writes it (issue 18, item 13).
FOOTER = re.compile(r"^(CONCEPT \| )?Monitor ICT Projecten \| (?P<period>[^|]+?) (?P<page>\d+)$")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def page_texts(content: bytes) -> list[str]:
    """Text of each page as pdftotext reads it (the way assistive and search tools see it)."""
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    texts = []
    for number in range(1, pages + 1):
        result = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", "-", "-"],
            input=content,
            capture_output=True,
            check=True,
        )
        texts.append(result.stdout.decode())
    return texts


def body_text(texts: list[str]) -> str:
    """All pages without their footers, whitespace collapsed: paragraphs read across pages."""
    lines = []
    for text in texts:
        lines += [line for line in text.splitlines() if not FOOTER.match(line.strip())]
    return squash(" ".join(lines))


def squash(text: str) -> str:
    return " ".join(text.split())


def same_words(text: str) -> str:
    """pdftotext joins a word hyphenated at a line end ("live-|gang" → "livegang"): compare
    texts without hyphens."""
    return squash(text).replace("-", "")


def footers(texts: list[str]) -> list[re.Match | None]:
    return [
        next((m for line in text.splitlines() if (m := FOOTER.match(line.strip()))), None)
        for text in texts
    ]


def period_pdf_url(period: ReportingPeriod) -> str:
    return reverse("reports:period_pdf", kwargs={"period": period.slug})


def get_pdf(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {}


@pytest.fixture
def demo_pdf(client, demo, rendered) -> bytes:
    """Rendered once per module (15 s a time): every test loads the same demo, and none changes
    it before reading, so each would get the same document."""
    if "demo" not in rendered:
        rendered["demo"] = get_pdf(client, period_pdf_url(demo))
    return rendered["demo"]


@pytest.fixture
def controller(db, make_programme):
    user = get_user_model().objects.create_user("petra", password="x")
    make_programme("Gecontroleerd programma", controller=user)
    return user


def test_every_programme_and_its_texts_are_in_the_pdf_with_running_footer(demo, demo_pdf):
    texts = page_texts(demo_pdf)
    text = same_words(body_text(texts))
    reports = list(StatusReport.objects.published().filter(period=demo).select_related("programme"))
    assert len(reports) >= 8
    for report in reports:
        assert same_words(report.programme.name) in text
        assert same_words(report.developments) in text
        for status in report.aspects:
            if status.explanation:
                assert same_words(status.explanation) in text, (report.programme, status.aspect)
            if status.deviates:
                assert f"Toelichting afwijking {status.aspect.label}" in text
    for heading in ("Inleiding", "Verantwoording", "Doel/omschrijving", "Colofon"):
        assert heading in text
    assert same_words(demo.responsibility) in text

    # Footer as in the seed, on every page after the cover, numbered 2, 3, 4, …
    found = footers(texts)
    assert found[0] is None
    assert [m and m["period"] for m in found[1:]] == ["februari 2023 t/m mei 2023"] * (
        len(texts) - 1
    )
    assert [int(m["page"]) for m in found[1:]] == list(range(2, len(texts) + 1))


def test_pdf_reads_like_the_seed(demo, demo_pdf):
    """Issue 13: contents page, indicator description and colour definitions, the seed's
    wording and navigation, each track's text once and in the coordinator's order, no
    placeholders for green aspects without an explanation, illustrative figures said so."""
    texts = page_texts(demo_pdf)
    text = same_words(body_text(texts))

    contents = squash(texts[1])
    assert contents.startswith("Inhoud")
    reports = StatusReport.objects.published().filter(period=demo).in_monitor_order()
    names = [report.programme.name for report in reports]
    assert [contents.find(name) for name in names] == sorted(contents.find(n) for n in names)
    assert all(name in contents for name in ["Inleiding", "Colofon", *names])
    assert re.search(r"ADIDAS[ .]+\d+", contents)  # with its page number (dot leaders)

    assert "Omschrijving indicatoren" in text
    assert same_words(demo.indicator_description) in text
    for colour in ("green", "orange", "red"):
        definition = getattr(demo, f"{colour}_definition")
        assert len(definition) > 40 and same_words(definition) in text, colour

    assert "Toelichting per beheeraspect" in text
    assert "Toelichting per beheersaspect" not in text
    assert "Doel/omschrijving programma:" in text
    assert "Lees verder ›" in text and "‹ Ga terug" in text
    assert "Bekijk de status in alle projecten in één overzicht ›" in text
    assert "Geen toelichting nodig" not in text and "bijsturing is niet noodzakelijk." not in text
    assert "Verzonnen voor deze demo" in squash(texts[-1])  # the colophon: the note on figures

    rdi = Programme.objects.get(slug="rdi")
    tracks = list(rdi.tracks.all())
    assert [track.short_name or track.slug for track in tracks] == [
        t.short_name or t.slug for t in sorted(tracks, key=lambda t: t.position)
    ]
    assert [track.slug for track in tracks] == ["rdi-iam", "rdi-dwo", "rdi-hip", "rdi-dc"]
    where = []
    for track in tracks:
        assert text.count(same_words(track.goal)) == 1, track.slug
        where.append(text.index(same_words(track.goal)))
    assert where == sorted(where)

    # "Lees verder ›" and "‹ Ga terug" are internal links between a programme's pages.
    reader = pypdf.PdfReader(io.BytesIO(demo_pdf))
    targets = {
        str(annotation.get_object().get("/Dest"))
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    }
    assert {"programme-adidas-text", "programme-adidas-explanations"} <= targets


def test_outline_has_an_entry_per_programme_and_overview_links_to_each(demo, demo_pdf):
    reader = pypdf.PdfReader(io.BytesIO(demo_pdf))

    def titles(outline) -> list[str]:
        flat = []
        for item in outline:
            flat += titles(item) if isinstance(item, list) else [item.title]
        return flat

    outline = titles(reader.outline)
    programmes = [
        report.programme
        for report in StatusReport.objects.published()
        .filter(period=demo)
        .select_related("programme")
    ]
    for section in ("Inleiding", "Alle programma’s in één overzicht", "Colofon"):
        assert section in outline
    for programme in programmes:
        assert programme.name in outline

    # The overview page links every row to the page where that programme starts.
    texts = page_texts(demo_pdf)
    overview_page = next(
        i for i, t in enumerate(texts) if t.lstrip().startswith("Alle programma’s in één")
    )
    destinations = reader.named_destinations
    linked_pages, described_as = set(), set()
    for annotation in reader.pages[overview_page]["/Annots"]:
        annotation = annotation.get_object()
        assert annotation["/Subtype"] == "/Link"
        linked_pages.add(reader.get_destination_page_number(destinations[annotation["/Dest"]]))
        described_as.add(annotation["/Contents"])  # what a screen reader announces
    for programme in programmes:
        page = reader.get_destination_page_number(destinations[f"programme-{programme.slug}"])
        assert page in linked_pages
        assert programme.name in squash(texts[page])
        assert programme.name in described_as


def test_published_pdf_is_tagged_accessible_archival_and_in_dutch(demo_pdf):
    with pikepdf.open(io.BytesIO(demo_pdf)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "nl"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title).startswith("Monitor ICT Projecten februari t/m mei 2023")
        assert str(pdf.docinfo.Author) == "Gemeente Rotterdam"
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "A"
        # Fonts are the ones shipped in static/fonts, embedded.
        fonts = {
            str(font.BaseFont): font for page in pdf.pages for font in page.Resources.Font.values()
        }
        assert fonts and all("MIP-Sans" in name for name in fonts)
        for font in fonts.values():
            assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor
    texts = page_texts(demo_pdf)
    assert "CONCEPT" not in "".join(texts)
    assert "Concept" not in texts[0]


def test_publishing_archives_the_pdf_once_and_downloads_serve_the_stored_bytes(
    client, make_period, make_report, media_root
):
    period = make_period("juni t/m september 2023", state=ReportingPeriod.State.IN_REVIEW)
    report = make_report(period=period, money_rating="red", money_explanation="Tekort van € 2 mln")
    assert not PublishedDocument.objects.exists()

    publish_period(period, by=None)

    document = PublishedDocument.objects.get(period=period, report=None)
    stored = document.file.read()
    assert document.file.path.startswith(str(media_root))
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert document.size == len(stored)

    response = client.get(period_pdf_url(period))
    served = b"".join(response.streaming_content)
    assert served == stored
    assert response["X-Content-SHA256"] == hashlib.sha256(served).hexdigest()
    assert "Tekort van € 2 mln" in body_text(page_texts(served))
    assert report.programme.name in body_text(page_texts(served))

    # What was published stays: later edits do not change the download.
    Programme.objects.filter(pk=report.programme_id).update(goal="Achteraf gewijzigd")
    assert b"".join(client.get(period_pdf_url(period)).streaming_content) == stored

    # The page shows the checksum and size beside the link.
    page = client.get(period.get_absolute_url()).content.decode()
    assert period_pdf_url(period) in page
    assert document.sha256 in page

    with pytest.raises(ValidationError):
        publish_period(period, by=None)
    with pytest.raises(ValidationError) as refused:
        PublishedDocument.archive(period)
    assert refused.value.code == "archived"
    assert PublishedDocument.objects.filter(report=None).count() == 1


def test_concept_preview_only_for_coordinators_and_controllers(
    client, make_period, make_report, controller
):
    period = make_period("oktober 2023 t/m januari 2024", state=ReportingPeriod.State.OPEN)
    make_report(period=period, state=StatusReport.State.DRAFT)
    url = period_pdf_url(period)

    assert client.get(url).status_code == 404
    nobody = get_user_model().objects.create_user("nobody", password="x")
    client.force_login(nobody)
    assert client.get(url).status_code == 404

    client.force_login(controller)
    texts = page_texts(get_pdf(client, url))
    assert all(m and m.group(1) for m in footers(texts)[1:])  # "CONCEPT | …" on every page
    assert "Concept – niet gepubliceerd" in texts[0]

    admin = get_user_model().objects.create_superuser("admin", password="x")
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not PublishedDocument.objects.exists()


def test_programme_pdf_and_download_link_on_the_drill_down(
    client, make_period, make_report, make_programme
):
    previous = make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    period = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    parent = make_programme("Digitale Stad")
    track = make_programme("Spoor Open Data", parent=parent, kind="track")
    make_report(parent, previous, time_rating="red", time_explanation="Vertraagd")
    make_report(parent, period, time_rating="orange", time_explanation="Herstel ingezet")
    make_report(track, period, risk_rating="red", risk_explanation="Leverancier failliet")

    page = client.get(reverse("reports:programme", args=[period.slug, parent.slug]))
    programme_url = reverse("reports:programme_pdf", args=[period.slug, parent.slug])
    assertContains(page, programme_url)
    assertContains(page, period_pdf_url(period))

    texts = page_texts(get_pdf(client, programme_url))
    text = body_text(texts)
    assert "Digitale Stad" in text
    assert "Toelichting afwijking tijd Herstel ingezet" in text
    assert "Spoor Open Data" in text  # its lights, in the tracks table
    assert "Vertraagd" not in text  # the previous period's text is not repeated
    assert "CONCEPT" not in text
    missing = reverse("reports:programme_pdf", args=[period.slug, "nope"])
    assert client.get(missing).status_code == 404


def test_the_published_pdf_names_excluded_programmes_and_why(
    client, make_period, make_report, make_programme
):
    period = make_period("juni t/m september 2023", state=ReportingPeriod.State.IN_REVIEW)
    make_report(period=period)
    left_out = make_report(
        make_programme("Forza MOR"), period=period, state=StatusReport.State.DRAFT
    )
    left_out.exclude_from_publication(by=None, reason="Aanbesteding opnieuw gestart.")
    publish_period(period, by=None)
    Programme.objects.filter(pk=left_out.programme_id).update(name="Forza MOR 2.0")

    document = PublishedDocument.objects.get(period=period, report=None)
    text = body_text(page_texts(document.file.read()))
    assert "Niet opgenomen in deze rapportage" in text
    assert "Forza MOR: Aanbesteding opnieuw gestart." in squash(text)
    html = client.get(period.get_absolute_url()).content.decode()
    assert 'Forza MOR</strong>: <span lang="nl">Aanbesteding opnieuw gestart.' in html
    assert "Forza MOR 2.0" not in html  # renamed later: the publication keeps its name


def test_programme_pdf_shows_errata_added_after_publication(client, make_period, make_report):
    period = make_period("juni t/m september 2023", state=ReportingPeriod.State.IN_REVIEW)
    report = make_report(period=period)
    publish_period(period, by=None)
    # Through the service: the programme PDF is served from the archive, the erratum's task
    # archives its next version.
    coordinator = get_user_model().objects.create_user("carla")
    add_erratum(report, text="Het budget is € 7,2 mln, niet € 2,7 mln.", by=coordinator)
    url = reverse(
        "reports:programme_pdf",
        kwargs={"period": period.slug, "programme": report.programme.slug},
    )
    response = client.get(url)
    assert response.status_code == 200
    text = body_text(page_texts(b"".join(response.streaming_content)))
    assert "Errata" in text and "Het budget is € 7,2 mln, niet € 2,7 mln." in squash(text)


@pytest.fixture
def failure_after_archiving(monkeypatch, media_root):
    """Every PDF is rendered and stored, then storing the records fails (the database goes)."""

    def store_then_fail(job, documents, *rest):
        assert list(media_root.rglob("*.pdf")), "the files were written before the failure"
        raise RuntimeError("database gone")

    monkeypatch.setattr(tasks, "_store", store_then_fail)


def test_a_failed_publication_leaves_no_archived_file_and_no_public_period(
    client, make_period, make_report, media_root, failure_after_archiving
):
    period = make_period("juni t/m september 2023", state=ReportingPeriod.State.IN_REVIEW)
    make_report(period=period)
    job = publish_period(period, by=None)  # frozen at once; the task fails on every attempt
    job.refresh_from_db()
    assert job.status == "failed" and "database gone" in job.error
    assert not ReportingPeriod.objects.public().exists()
    assert client.get(period.get_absolute_url()).status_code == 404
    assert client.get(period_pdf_url(period)).status_code == 404
    assert not PublishedDocument.objects.exists()
    assert not [p for p in media_root.rglob("*.pdf")]
