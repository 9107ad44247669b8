"""The period PDF rendered in parts and joined (reports/pdf_join.py) against the same period
rendered as one document: the council must not be able to tell them apart."""

from __future__ import annotations

import datetime as dt
import io
import re

import pikepdf
import pypdf
import pytest

from reports.pdf import html_to_pdf, period_html, write_period_pdf

FOOTER = re.compile(r"Monitor ICT Projecten \| februari 2023 t/m mei 2023 (\d+)\s*$", re.M)
TEXT = "Het programma ligt op koers; de planning is herijkt met de leverancier. " * 12


@pytest.fixture
def period(make_period, make_programme, make_report):
    """Three programmes with texts long enough for several pages each; one with a track."""
    period = make_period(
        label="februari t/m mei 2023", start=dt.date(2023, 2, 1), introduction=TEXT
    )
    alfa = make_programme(name="Alfa", slug="alfa", goal=TEXT)
    for programme in (alfa, make_programme(name="Bravo", slug="bravo", goal=TEXT)):
        make_report(
            programme=programme,
            period=period,
            developments=TEXT * 2,
            money_rating="orange",
            money_explanation=TEXT,
        )
    track = make_programme(name="Alfa spoor", slug="alfa-spoor", parent=alfa, goal=TEXT)
    make_report(
        programme=track, period=period, developments=TEXT, risk_rating="red", risk_explanation=TEXT
    )
    return period


@pytest.fixture
def joined_and_whole(period, tmp_path) -> tuple[bytes, bytes]:
    path = tmp_path / "mip.pdf"
    pages = write_period_pdf(period, path, part_size=1)  # front + one part per programme
    joined = path.read_bytes()
    assert len(pypdf.PdfReader(io.BytesIO(joined)).pages) == pages
    return joined, html_to_pdf(period_html(period))


def footer_numbers(texts: list[str]) -> list[int | None]:
    found = (FOOTER.search(text) for text in texts)
    return [int(match.group(1)) if match else None for match in found]


def outline(reader: pypdf.PdfReader, items=None, level: int = 1) -> list[tuple[int, str, int]]:
    """(level, title, target page) of every bookmark, depth first."""
    flat = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            flat += outline(reader, item, level + 1)
        else:
            flat.append((level, item.title, reader.get_destination_page_number(item)))
    return flat


def links(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(page, named destination, page it leads to) of every internal link."""
    destinations = reader.named_destinations
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            name = annotation.get_object().get("/Dest")
            if name is not None:
                target = reader.get_destination_page_number(destinations[name])
                found.append((number, str(name), target))
    return found


def structure(pdf: pikepdf.Pdf) -> list[str]:
    """The structure types in reading order (headings, paragraphs, tables, links…)."""
    types = []

    def walk(element) -> None:
        if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
            types.append(str(element.S))
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    for element in pdf.Root.StructTreeRoot.K:
        walk(element)
    return types


def test_joined_pdf_has_the_pages_bookmarks_and_links_of_the_whole_document(joined_and_whole):
    joined, whole = (pypdf.PdfReader(io.BytesIO(content)) for content in joined_and_whole)
    assert len(joined.pages) == len(whole.pages) > 12

    assert outline(joined) == outline(whole)
    assert [(level, title) for level, title, _page in outline(joined)] == [
        (1, "Monitor ICT Projecten"),
        (1, "Inhoud"),
        (1, "Inleiding"),
        (1, "Alle programma’s in één overzicht"),
        (1, "De portefeuille in één oogopslag"),  # settings.MIP_PDF_SECTIONS (portfolio)
        (1, "Programma’s"),
        (2, "Alfa"),  # the first part
        (3, "Alfa spoor"),  # the second, nested across parts
        (2, "Bravo"),
        (1, "Colofon"),
    ]
    # Each bookmark leads to the page that carries its title.
    for _level, title, page in outline(joined)[6:]:
        assert title in joined.pages[page].extract_text()

    joined_links = links(joined)
    assert joined_links == links(whole)
    targets = {name for _page, name, _target in joined_links}
    assert {"programme-alfa", "programme-bravo-text", "programme-alfa-spoor", "overview"} <= targets
    # Each programme's link leads to the page that carries its name, in another part.
    for _page, name, target in joined_links:
        if name in ("programme-alfa", "programme-bravo", "programme-alfa-spoor"):
            heading = {"programme-alfa": "Alfa", "programme-bravo": "Bravo"}.get(name, "Alfa spoor")
            assert heading in joined.pages[target].extract_text()


def test_joined_pdf_counts_pages_on_across_parts_and_numbers_the_contents(joined_and_whole):
    joined, whole = (pypdf.PdfReader(io.BytesIO(content)) for content in joined_and_whole)
    texts = [page.extract_text() for page in joined.pages]
    numbers = footer_numbers(texts)
    assert numbers[1:] == list(range(2, len(texts) + 1))
    assert numbers == footer_numbers([page.extract_text() for page in whole.pages])
    # The contents page: the same numbers as target-counter() gives the whole document.
    assert texts[1] == whole.pages[1].extract_text()
    starts = {title: page for _level, title, page in outline(joined)}
    for name in ("Alfa", "Alfa spoor", "Bravo", "Colofon"):
        listed = re.search(rf"^{name}[ .]*(\d+)$", texts[1], re.M)
        assert int(listed.group(1)) == starts[name] + 1  # printed numbers count from 1


def test_joined_pdf_is_tagged_in_dutch_and_keeps_its_pdf_a_and_ua_metadata(joined_and_whole):
    joined, whole = joined_and_whole
    with pikepdf.open(io.BytesIO(joined)) as pdf, pikepdf.open(io.BytesIO(whole)) as reference:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "nl"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == str(reference.docinfo.Title)
        meta = pdf.open_metadata()
        assert (meta["pdfuaid:part"], meta["pdfaid:part"], meta["pdfaid:conformance"]) == (
            "1",
            "3",
            "A",
        )
        # One Document element holding every part's structure, in reading order.
        tree = root.StructTreeRoot
        assert len(tree.K) == 1 and tree.K[0].S == "/Document"
        # The same elements, but for an empty Div of stand-in anchors per part (pdf.py).
        assert [t for t in structure(pdf) if t not in ("/Span", "/Div")] == [
            t for t in structure(reference) if t not in ("/Span", "/Div")
        ]
        # Every page and link annotation finds its structure through one ParentTree.
        nums = list(tree.ParentTree.Nums)
        parents = dict(zip((int(key) for key in nums[::2]), nums[1::2], strict=True))
        assert int(tree.ParentTreeNextKey) == max(parents) + 1
        keys = []
        for page in pdf.pages:
            keys.append(int(page.obj.StructParents))
            for element in parents[keys[-1]]:
                assert element.Pg.objgen == page.obj.objgen
            for annotation in page.obj.get("/Annots", []):
                keys.append(int(annotation.StructParent))
                link = parents[keys[-1]]
                assert link.S == "/Link"
                assert any(
                    isinstance(kid, pikepdf.Dictionary) and kid.Obj.objgen == annotation.objgen
                    for kid in link.K
                )
        assert len(keys) == len(set(keys))  # no two parts share a key
