"""The monitor as a PDF for the council, rendered by WeasyPrint from Django templates.

One module owns the PDF: which reports go in, the HTML it is rendered from, and the PDF variant.
The published document is tagged (structure tree, ``/Lang``, title shown in the viewer), written
as PDF/A-3a for archiving and declares PDF/UA-1 in its XMP metadata; see docs/pdf.md for what
that does and does not cover.
"""

from __future__ import annotations

import functools
import multiprocessing
import re
import resource
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from projects.models import Aspect, Erratum, Programme, Rating, ReportingPeriod, StatusReport
from projects.presentation import figures_context

from .insight import drift_points_by_programme, insight_context
from .pdf_join import RenderedPart, join_parts

# PDF/A-3 level A: tagged and Unicode-mapped, embeds all fonts and an sRGB output intent.
PDF_VARIANT = "pdf/a-3a"
PDF_VARIANT_LABEL = "PDF/A-3a, PDF/UA-1"
PRINT_CSS = "css/print.css"
# Programmes per part of the period PDF. Memory grows with the part (about 2.5 MB a page while
# WeasyPrint lays it out, ~7 pages a programme), time hardly: fonts are subset once per part.
PART_SIZE = 20
# Stands in for the contents page's numbers before they are known: four digits, as wide as the
# real ones of a monitor up to 9,999 pages (DejaVu's digits are equally wide).
CONTENTS_PLACEHOLDER = 8888

# PDF/A-1..3 only allow XMP properties from declared schemas, so the PDF/UA identifier comes
# with the extension schema that declares it.
_PDF_UA_XMP = b"""
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


@dataclass(frozen=True)
class PdfSection:
    """A section another app adds to the period PDF, after the overview: its anchor (the id of
    its first element), its title in the contents page, and its print HTML."""

    anchor: str
    title: str
    html: str


def extra_sections(period: ReportingPeriod, *, preview: bool) -> list[PdfSection]:
    """The sections of ``settings.MIP_PDF_SECTIONS``: each a dotted path to a callable
    ``(period, *, preview) -> PdfSection | None``. A hook, so that reports never imports the
    apps that read it (the portfolio adds its section this way)."""
    found = []
    for path in getattr(settings, "MIP_PDF_SECTIONS", []):
        section = import_string(path)(period, preview=preview)
        if section is not None:
            found.append(section)
    return found


def _may_view(viewer, report: StatusReport) -> bool:
    return viewer is None or viewer.has_perm("projects.view_report", report)


# The rows each programme section prints: the figures' copies and issue 22's cost and benefits.
REPORT_ROWS = ("milestone_snapshots", "risk_snapshots", "cost_split", "benefit_statuses")


def _attach_insight(reports: list[StatusReport], period: ReportingPeriod, preview: bool) -> None:
    """Issue 22's sections as ``report.insight_context``, computed only for the sections the
    template prints; every programme's drift is fetched once, not once per programme."""
    ids = [r.programme_id for r in reports]
    drift = functools.cache(functools.partial(drift_points_by_programme, ids, period, not preview))
    for report in reports:
        report.insight_context = functools.partial(_insight, report, preview, drift)


def _insight(report: StatusReport, preview: bool, drift) -> dict:
    return insight_context(report, published_only=not preview, drift=drift())


def reports_for(
    period: ReportingPeriod, *, preview: bool, viewer=None, errata: bool = True
) -> list[StatusReport]:
    """Approved reports of a published period; a concept preview shows every report it may.

    A concept preview is rendered for a ``viewer``: only the reports they may view (rule
    ``projects.view_report``) go in, so a controller previews their own programmes' drafts and
    not the others' (the report page would give them 403). ``viewer=None``: no filter (the
    publication, scripts).

    ``errata=False`` for version 1 of the period PDF: the monitor as published, even when it
    is archived late (a period published before archiving existed) and errata exist by then.
    """
    reports = StatusReport.objects.filter(period=period)
    if not preview:
        reports = reports.published()
    with_errata = "errata" if errata else Prefetch("errata", queryset=Erratum.objects.none())
    reports = (
        reports.for_overview()
        .with_admission()
        .select_related("figures")
        .prefetch_related(with_errata, *REPORT_ROWS)
        .in_monitor_order()
    )
    reported = {report.programme_id for report in reports}  # a hidden track still reported
    if preview and viewer is not None and not viewer.has_perm("projects.run_round"):
        # The coordinator views every report; others are checked per report.
        reports = [report for report in reports if _may_view(viewer, report)]
    tracks_by_parent: dict[int, list[StatusReport]] = {}
    for report in reports:
        if report.programme.parent_id:
            tracks_by_parent.setdefault(report.programme.parent_id, []).append(report)
    unreported_tracks: dict[int, list[Programme]] = {}
    if preview:  # the tracks as they stand; a published report has its tracks as published
        for track in Programme.objects.filter(parent__in=reported).exclude(pk__in=reported):
            unreported_tracks.setdefault(track.parent_id, []).append(track)
    for report in reports if not preview else []:
        unreported_tracks[report.programme_id] = report.tracks_without_own_text(reported)
    _attach_insight(reports, period, preview)
    for index, report in enumerate(reports):
        # The report's own copy of the figures: as they were when it was captured/published.
        # A callable, so the template computes it only for the sections it prints.
        report.figures_context = functools.partial(
            figures_context, report, published_only=not preview, include_trend=False
        )
        report.track_reports = tracks_by_parent.get(report.programme_id, [])
        report.tracks_without_report = unreported_tracks.get(report.programme_id, [])
        report.next_in_list = reports[index + 1] if index + 1 < len(reports) else None
    return reports


def _context(
    period: ReportingPeriod, reports: list[StatusReport], *, preview: bool, viewer=None
) -> dict:
    return {
        "period": period,
        "previous_period": period.previous(),
        "reports": reports,
        "preview": preview,
        "aspects": list(Aspect),
        "ratings": list(Rating),
        "municipality": settings.MIP_MUNICIPALITY,
        "document_language": settings.LANGUAGE_CODE,
        "inline_lights": True,  # see reports.templatetags.monitor.light
        "pdf_variant_label": PDF_VARIANT_LABEL,
        # The council is told which programmes are missing, and why.
        "excluded": [
            report
            for report in StatusReport.objects.filter(period=period)
            .excluded()
            .select_related("programme")
            .as_published()
            if not preview or _may_view(viewer, report)
        ],
    }


def period_context(
    period: ReportingPeriod, *, preview: bool = False, version: int = 1, viewer=None
) -> dict:
    """What the period document prints; every part of it is rendered from this one context."""
    reports = reports_for(period, preview=preview, viewer=viewer, errata=preview or version > 1)
    context = _context(period, reports, preview=preview, viewer=viewer) | {"version": version}
    context["extra_sections"] = extra_sections(period, preview=preview)
    context["extra_contents"] = [(section, None) for section in context["extra_sections"]]
    if version > 1:
        # Each with its report, whose programme shows as published.
        context["errata"] = sorted(
            ((report, erratum) for report in reports for erratum in report.errata.all()),
            key=lambda pair: (pair[1].created_at, pair[1].pk),
        )
    return context


def period_part_html(
    context: dict, *, part: str = "", part_reports=None, first: bool = True, last: bool = True
) -> str:
    """Print HTML of the whole monitor (``part=""``) or of one part of it: ``"contents"`` (cover
    and contents), ``"front"`` (errata, introduction, overview) or ``"programmes"``
    (``part_reports``, under the "Programmes" heading when ``first``, followed by the
    colophon when ``last``)."""
    if part in ("contents", "front"):
        part_reports, first, last = [], False, False
    reports = context["reports"] if part_reports is None else part_reports
    context = context | {"part": part, "part_reports": reports}
    context |= {"first_part": first, "last_part": last}
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("reports/pdf/period.html", context)


def period_html(
    period: ReportingPeriod, *, preview: bool = False, version: int = 1, viewer=None
) -> str:
    """The whole monitor as print HTML, in the interface's default language (Dutch).

    Version 1 is the monitor as published; a later version (see
    ``PublishedDocument.issue_errata_version``) lists the errata added since up front.
    """
    context = period_context(period, preview=preview, version=version, viewer=viewer)
    return period_part_html(context)


def programme_html(
    period: ReportingPeriod,
    report: StatusReport,
    reports: list[StatusReport],
    *,
    preview: bool,
    viewer=None,
) -> str:
    """One programme (with its tracks' lights) as a standalone print document."""
    context = _context(period, reports, preview=preview, viewer=viewer) | {"report": report}
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("reports/pdf/programme.html", context)


def html_to_pdf(html: str, *, style: tuple | None = None) -> bytes:
    """Render print HTML with the shipped print stylesheet and fonts; no system fonts needed.
    A publication renders many programme PDFs: it passes one ``print_style()`` to them all."""
    stylesheet, font_config = style or print_style()
    return HTML(string=html, base_url=str(_static_path(PRINT_CSS).parent)).write_pdf(
        stylesheets=[stylesheet],
        font_config=font_config,
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        finisher=_declare_pdf_ua,
    )


def render_period_pdf(
    period: ReportingPeriod, *, preview: bool = False, version: int = 1, viewer=None
) -> bytes:
    """The period PDF as bytes (rendered in parts, see ``write_period_pdf``)."""
    with tempfile.TemporaryDirectory(prefix="mip-pdf-") as folder:
        path = Path(folder) / "mip.pdf"
        write_period_pdf(period, path, preview=preview, version=version, viewer=viewer)
        return path.read_bytes()


def write_period_pdf(
    period: ReportingPeriod,
    path: Path,
    *,
    preview: bool = False,
    version: int = 1,
    viewer=None,
    part_size: int | None = None,
    memory: dict | None = None,
) -> int:
    """Write the period PDF to ``path`` in bounded memory; return its number of pages.

    WeasyPrint keeps a whole document's layout in memory (about 2.5 MB a page), so the monitor
    is rendered in parts — cover and contents; introduction and overview; then ``part_size``
    programmes at a time — each written to a temporary file before the next is laid out, and
    joined by ``reports.pdf_join``. Each part's footer counts on from the pages before it. The
    contents part is laid out first to count its pages, and rendered last, with the page each
    section and programme starts on. The layout and the join run in child processes
    (``PartRenderer``); ``memory``, if given, gets each child's peak resident memory (bytes).
    """
    context = period_context(period, preview=preview, version=version, viewer=viewer)
    reports = context["reports"]
    size = part_size or PART_SIZE
    batches = [reports[start : start + size] for start in range(0, len(reports), size)] or [[]]
    _number_contents(context, {})  # placeholders, as wide as real page numbers
    with tempfile.TemporaryDirectory(prefix="mip-pdf-parts-") as folder:
        with PartRenderer() as renderer:
            head_html = period_part_html(context, part="contents")
            head_pages = renderer.render(head_html, None).pages
            for _attempt in range(3):  # again only if the real numbers change the contents
                parts, pages = _render_body(context, batches, Path(folder), head_pages, renderer)
                _number_contents(context, pages)
                head_html = period_part_html(context, part="contents")
                head = renderer.render(head_html, Path(folder) / "contents.pdf")
                if head.pages == head_pages:
                    break
                head_pages = head.pages
        joined_peak = PartRenderer.join([head, *parts], path)
    if memory is not None:
        memory.update(render=renderer.peak, join=joined_peak)
    return head.pages + sum(part.pages for part in parts)


class PartRenderer:
    """WeasyPrint in a child process for one document: the layout's memory ends with the
    child, not with the worker (a Python process seldom hands freed memory back). Children are
    forked from a ``forkserver`` that preloaded ``reports.pdf_child``. The join runs in a child
    of its own."""

    def __enter__(self) -> PartRenderer:
        self.executor, self.peak = _child_executor(), 0
        return self

    def render(self, html: str, path: Path | None, *, first_page: int = 1) -> RenderedPart:
        """Lay out (and write, unless ``path`` is None) one part in the child."""
        return self.executor.submit(_render_part_in_child, html, path, first_page).result()

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.peak = self.executor.submit(_peak_memory).result()
        self.executor.shutdown(cancel_futures=True)

    @staticmethod
    def join(parts: list[RenderedPart], path: Path) -> int:
        """``join_parts`` in a fresh child; return that child's peak resident memory."""
        with _child_executor() as executor:
            return executor.submit(_join_in_child, parts, path).result()


def _child_executor() -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reports.pdf_child"])
    return ProcessPoolExecutor(max_workers=1, mp_context=context)


@functools.cache
def _child_style() -> tuple:
    return print_style()  # parsed once per child, for every part it lays out


def _render_part_in_child(html: str, path: Path | None, first_page: int) -> RenderedPart:
    return render_part(html, path, first_page=first_page, style=_child_style())


def _join_in_child(parts: list[RenderedPart], path: Path) -> int:
    join_parts(parts, path)
    return _peak_memory()


def _peak_memory() -> int:
    """This process's resident high-water mark in bytes.

    VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child started by a large
    process (a worker, a test runner) would report its parent's size as its own.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _render_body(
    context: dict, batches: list, folder: Path, pages_before: int, renderer: PartRenderer
) -> tuple[list[RenderedPart], dict[str, int]]:
    """Render what follows the contents, one part after the other: introduction and overview,
    then the programmes; return the parts and the page number of each anchor in them."""
    htmls = [functools.partial(period_part_html, context, part="front")] + [
        functools.partial(
            period_part_html,
            context,
            part="programmes",
            part_reports=batch,
            first=number == 0,
            last=number == len(batches) - 1,
        )
        for number, batch in enumerate(batches)
    ]
    parts, pages = [], {}
    first_page = pages_before + 1
    for number, html in enumerate(htmls):
        path = folder / f"part-{number:04}.pdf"
        part = renderer.render(html(), path, first_page=first_page)
        for name, (page, _x, _y) in part.anchors.items():
            pages.setdefault(name, first_page + page)
        parts.append(part)
        first_page += part.pages
    return parts, pages


def _number_contents(context: dict, pages: dict[str, int]) -> None:
    """The contents page's numbers: where each section and programme starts (placeholders
    while not known)."""
    for report in context["reports"]:
        report.first_page = pages.get(f"programme-{report.programme.slug}", CONTENTS_PLACEHOLDER)
    context["section_pages"] = {
        name: pages.get(name, CONTENTS_PLACEHOLDER)
        for name in ("errata", "introduction", "overview", "colophon")
    }
    context["extra_contents"] = [
        (section, pages.get(section.anchor, CONTENTS_PLACEHOLDER))
        for section in context.get("extra_sections", [])
    ]


def print_style() -> tuple[CSS, FontConfiguration]:
    """The print stylesheet with its fonts, parsed once for all parts of a document."""
    font_config = FontConfiguration()
    return CSS(filename=_static_path(PRINT_CSS), font_config=font_config), font_config


def render_part(
    html: str, path: Path | None, *, first_page: int = 1, style: tuple | None = None
) -> RenderedPart:
    """Lay out one part and write it to ``path`` (``None``: lay out only, to count pages).

    Links to anchors in other parts get empty stand-in anchors, so WeasyPrint keeps them (it
    drops links to missing anchors); ``join_parts`` points them at the real ones.
    """
    html, stubs = _with_stub_anchors(html)
    stylesheet, font_config = style or print_style()
    stylesheets = [stylesheet]
    if first_page > 1:  # the footer counts on from the parts before this one
        stylesheets.append(CSS(string=f"@page :first {{ counter-set: page {first_page} }}"))
    options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
    document = HTML(string=html, base_url=str(_static_path(PRINT_CSS).parent)).render(
        stylesheets=stylesheets, font_config=font_config, **options
    )
    part = RenderedPart(path=path, pages=len(document.pages))
    for number, page in enumerate(document.pages):
        height = page.height
        for name, (x, y, *_size) in page.anchors.items():
            if name not in stubs:
                part.anchors.setdefault(name, (number, x * 0.75, (height - y) * 0.75))
        for level, label, (x, y), _state in page.bookmarks:
            part.bookmarks.append((level, label, number, x * 0.75, (height - y) * 0.75))
    if path is not None:
        document.write_pdf(path, finisher=_declare_pdf_ua, **options)
    return part


def _with_stub_anchors(html: str) -> tuple[str, set[str]]:
    """Add an empty, out-of-flow anchor for each link target that is not in this part."""
    stubs = set(re.findall(r'href="#([^"]+)"', html)) - set(re.findall(r'\sid="([^"]+)"', html))
    if not stubs:
        return html, stubs
    spans = "".join(f'<span id="{name}"></span>' for name in sorted(stubs))
    block = f'<div style="position: absolute; top: 0; left: 0">{spans}</div>'
    head, _, tail = html.rpartition("</body>")
    return f"{head}{block}</body>{tail}", stubs


def render_programme_pdf(
    period: ReportingPeriod,
    report: StatusReport,
    reports: list[StatusReport],
    *,
    preview: bool,
    viewer=None,
    style: tuple | None = None,
) -> bytes:
    html = programme_html(period, report, reports, preview=preview, viewer=viewer)
    return html_to_pdf(html, style=style)


def _declare_pdf_ua(document, pdf) -> None:
    """Add the PDF/UA-1 identifier to the XMP packet WeasyPrint wrote for PDF/A, describe
    each link by its full text (WeasyPrint uses the bare target, e.g. "programme-adidas"), and
    give each table header cell the /Scope of its HTML ``scope`` (WeasyPrint writes none)."""
    number = int(pdf.catalog["Metadata"].split()[0])  # a reference: b"12 0 R"
    metadata = pdf.objects[number]
    packet = b"".join(metadata.stream)
    metadata.stream = [packet.replace(b"</rdf:RDF>", _PDF_UA_XMP + b"</rdf:RDF>", 1)]
    for page in document.pages:
        for box in page._page_box.descendants(placeholders=True):
            _scope_header_cell(box)
            annotation = getattr(box, "link_annotation", None)
            if annotation is None:
                continue
            element = getattr(box, "element", None)
            text = " ".join("".join(element.itertext()).split()) if element is not None else ""
            if text:
                annotation["Contents"] = pydyf.String(text)


def _scope_header_cell(box) -> None:
    """A <th>'s tag gets /Scope /Row for ``scope="row"``, else /Column (as WeasyPrint pairs
    header and data cells), so a screen reader announces the right header with each cell."""
    mark = getattr(box, "mark", None)  # the cell's structure element, set by WeasyPrint
    if mark is None or getattr(box, "element_tag", None) != "th" or "A" not in mark:
        return
    scope = "/Row" if box.element.get("scope") == "row" else "/Column"
    mark["A"]["Scope"] = scope


def _static_path(name: str) -> Path:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"Static file {name} not found")
    return Path(found)
