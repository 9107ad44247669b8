"""Public pages of the monitor: what the council and the public read. Never drafts."""

from __future__ import annotations

import base64
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from mip.htmx import HtmxHttpRequest, page_or_partial
from projects.forms import ErratumForm, SignalForm
from projects.models import (
    Aspect,
    Rating,
    ReportingPeriod,
    StatusReport,
    left_before,
)
from projects.presentation import figures_context
from projects.views import get_report_for, requires

from . import publication
from .export import defuse_formulas, period_dataframe
from .files import stored_file_response
from .insight import insight_context
from .models import PublishedDocument
from .pdf import render_period_pdf, render_programme_pdf, reports_for
from .prepared import serve_prepared
from .publication import add_erratum, publish_period


@require_safe
@serve_prepared()
def index(request: HtmxHttpRequest) -> HttpResponse:
    period = ReportingPeriod.objects.latest_published()
    if period is None:
        return render(request, "reports/no_publication.html")
    return overview(request, period=period.slug)


@require_safe
def choose_period(request: HtmxHttpRequest) -> HttpResponse:
    slug = request.GET.get("period", "")
    if not slug_re.fullmatch(slug):  # e.g. a NUL character, which PostgreSQL cannot compare
        raise Http404
    period = get_object_or_404(ReportingPeriod.objects.public(), slug=slug)
    return redirect(period)


def _selected(choices: list, value: str | None):
    if not value or not value.isdecimal():  # "²" is a digit, but int() refuses it
        return None
    return next((choice for choice in choices if choice.pk == int(value)), None)


def _distinct_by_pk(objects) -> list:
    """Units or holders as the reports were published with them, once each, by name."""
    unique = {obj.pk: obj for obj in objects if obj is not None}
    return sorted(unique.values(), key=lambda obj: obj.name.casefold())


def _published_with_document():
    # Every archived version's size and checksum are listed beside the download link.
    period_documents = PublishedDocument.objects.filter(report=None)
    return ReportingPeriod.objects.public().prefetch_related(
        Prefetch("published_documents", queryset=period_documents)
    )


def _archived(period: ReportingPeriod, documents: list | None = None) -> dict:
    """The latest archived PDF (what mip.pdf serves) and all versions, as published first."""
    if documents is None:
        documents = list(period.published_documents.all())  # the period's, not the programmes'
    return {"document": documents[-1] if documents else None, "documents": documents}


def _period_and_programme_documents(period: ReportingPeriod, report: StatusReport) -> tuple:
    """The period's archived PDFs and this programme's, in one query, each oldest first."""
    documents = list(
        PublishedDocument.objects.filter(period=period)
        .filter(Q(report=None) | Q(report=report))
        .order_by("version")
    )
    return (
        [d for d in documents if d.report_id is None],
        [d for d in documents if d.report_id == report.pk],
    )


@require_safe
@vary_on_headers("HX-Request")  # the filters swap the table in; a reload wants the page
@serve_prepared(reads=("unit", "holder"))
def overview(request: HtmxHttpRequest, period: str) -> HttpResponse:
    period_obj = get_object_or_404(_published_with_document(), slug=period)
    # Without texts (issue 24): the overview shows lights and names, from 1,000 report rows.
    published = StatusReport.objects.published().filter(period=period_obj).for_overview()
    listed = published.without_texts().defer("programme__goal")
    reports = listed.in_monitor_order(previous_texts=False)
    # Offer only choices that show something: units and holders as the reports were published
    # with them (a programme that moved to another unit since stays under its old one here).
    units = _distinct_by_pk(r.programme.unit for r in reports)
    holders = _distinct_by_pk(r.programme.portfolio_holder for r in reports)
    unit = _selected(units, request.GET.get("unit"))
    holder = _selected(holders, request.GET.get("holder"))
    if unit:
        reports = [r for r in reports if r.programme.unit_id == unit.pk]
    if holder:
        reports = [r for r in reports if r.programme.portfolio_holder_id == holder.pk]

    template_name = page_or_partial(request, "reports/overview.html", "table")
    previous_period = period_obj.previous()
    return render(
        request,
        template_name,
        {
            "period": period_obj,
            **_archived(period_obj),
            "previous_period": previous_period,
            "periods": ReportingPeriod.objects.public(),
            "reports": reports,
            "units": units,
            "holders": holders,
            "selected_unit": unit,
            "selected_holder": holder,
            "aspects": list(Aspect),
            "ratings": list(Rating),
            # Left the monitor after the period before: "Uit de monitor" with the reason.
            "left": left_before(period_obj, previous_period),
            # Left out of this publication by the coordinator; the council reads why.
            "excluded": StatusReport.objects.filter(period=period_obj)
            .excluded()
            .select_related("programme")
            .as_published(),
        },
    )


# The texts a drill-down's list of neighbours does not show: left in the database.
LISTING_DEFERRED = [*StatusReport.LIST_DEFERRED, "exclusion_reason", "programme__goal"]


@require_safe
@serve_prepared()
def programme_detail(request: HtmxHttpRequest, period: str, programme: str) -> HttpResponse:
    period_obj = get_object_or_404(ReportingPeriod.objects.public(), slug=period)
    published = StatusReport.objects.published().filter(period=period_obj).for_overview()
    # The order and the neighbours' names need every report of the period, not their texts.
    listing = published.defer(*LISTING_DEFERRED).in_monitor_order(previous=False)
    index = _published_slug_index(listing, programme)
    if index is None:
        return _redirect_to_published_slug(listing, "reports:programme", period_obj, programme)
    shown = {listing[index].pk}
    shown |= {r.pk for r in listing if r.programme.parent_id == listing[index].programme_id}
    # In full: this report and its tracks, each with its previous report (one row each).
    full = published.filter(pk__in=shown).with_admission().in_monitor_order()
    report = next(r for r in full if r.pk == listing[index].pk)
    tracks = [r for r in full if r.pk != report.pk]
    reported = {t.programme_id for t in tracks}
    # Every archived version of the period's and this programme's PDF, each with its checksum.
    period_documents, programme_documents = _period_and_programme_documents(period_obj, report)
    return render(
        request,
        "reports/programme.html",
        {
            "period": period_obj,
            **_archived(period_obj, period_documents),
            "report": report,
            "previous_report": report.previous_report,
            "programme_documents": programme_documents,
            "errata": report.errata.all(),
            "tracks": tracks,
            "tracks_without_report": report.tracks_without_own_text(reported),
            "previous_in_list": listing[index - 1] if index > 0 else None,
            "next_in_list": listing[index + 1] if index + 1 < len(listing) else None,
            **figures_context(report),
            "insight": insight_context(report),
        },
    )


def _published_slug_index(reports: list[StatusReport], slug: str) -> int | None:
    """Where the programme with this slug *as published in the period* is in the list."""
    return next((i for i, r in enumerate(reports) if r.programme.slug == slug), None)


def _redirect_to_published_slug(
    reports: list[StatusReport], view: str, period: ReportingPeriod, slug: str
) -> HttpResponse:
    """A programme renamed since publication: its new slug leads, permanently, to the URL the
    council was given, which stays canonical (it is printed in the PDF and cited elsewhere)."""
    report = next((r for r in reports if r.current_programme_slug == slug), None)
    if report is None:
        raise Http404
    return redirect(view, period=period.slug, programme=report.programme.slug, permanent=True)


@require_safe
@serve_prepared()
def export(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    """The period as open data: CSV for spreadsheets, JSON for re-use."""
    period_obj = get_object_or_404(ReportingPeriod.objects.public(), slug=period)
    frame = period_dataframe(period_obj)
    if fmt == "csv":
        # Semicolons and a BOM: what Excel with Dutch regional settings opens as columns.
        response = HttpResponse(
            defuse_formulas(frame)
            .to_csv(index=False, sep=";", lineterminator="\r\n")
            .encode("utf-8-sig"),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = HttpResponse(
            json.dumps(frame.to_dict(orient="records"), ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="mip-{period_obj.slug}.{fmt}"'
    return response


@require_safe
def signal_box(request: HtmxHttpRequest) -> HttpResponse:
    """The signal box for the manager's form, re-rendered by htmx while the manager types.

    Takes the figures and the chosen money and time lights as GET parameters (optionally with
    the form's ``prefix``) and says where a light is greener than the figures suggest. Computes
    only from what it is given: it reads no report, so it reveals nothing unpublished.
    """
    form = SignalForm(request.GET, prefix=request.GET.get("prefix") or None)
    context = {"form": form, **form.box_context()}
    return render(request, "components/figures.html#signal", context)


# --- PDF downloads -------------------------------------------------------------------------------


def _period_for_pdf(request: HttpRequest, slug: str) -> tuple[ReportingPeriod, bool]:
    """The period and whether the PDF is a concept preview; 404 for those who may not see it.

    Which reports a concept preview holds is decided per report by ``reports_for(viewer=…)``.
    """
    period = get_object_or_404(ReportingPeriod, slug=slug)
    if period.is_public:
        return period, False
    if period.is_published:  # frozen, its PDFs still being archived: not public yet
        raise Http404
    if not request.user.has_perm("projects.preview_period", period):
        raise Http404
    return period, True


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@require_safe
def period_pdf(request: HttpRequest, period: str, version: int | None = None) -> HttpResponse:
    """The published monitor exactly as archived: the latest version (with any errata) or the
    version asked for (1: as published); or, before publication, a concept preview."""
    period_obj, preview = _period_for_pdf(request, period)
    if preview and version is not None:
        raise Http404
    if preview:
        response = _pdf_response(
            render_period_pdf(period_obj, preview=True, viewer=request.user),
            f"concept-mip-{period_obj.slug}.pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response
    document = PublishedDocument.for_period(period_obj)
    if version is not None and version != document.version:
        document = get_object_or_404(
            PublishedDocument, period=period_obj, report=None, version=version
        )
    return _archived_response(request, document, latest=version is None)


def _archived_response(
    request: HttpRequest, document: PublishedDocument, *, latest: bool
) -> HttpResponseBase:
    """The stored bytes with their SHA-256, never rendered again, sent as a file
    (reports/files.py): a numbered version is immutable, "the latest" is revalidated."""
    response = stored_file_response(
        request,
        document.file,
        sha256=document.sha256,
        filename=document.filename,
        content_type="application/pdf",
        immutable=not latest,
    )
    if response.status_code in (200, 206):
        response["X-Content-SHA256"] = document.sha256
        digest = base64.b64encode(bytes.fromhex(document.sha256)).decode()
        response["Repr-Digest"] = f"sha-256=:{digest}:"  # RFC 9530
    return response


@require_safe
def programme_pdf(
    request: HttpRequest, period: str, programme: str, version: int | None = None
) -> HttpResponse:
    """One programme's pages as archived (the latest version, with errata, or the version
    asked for: 1 is as published); a concept preview is rendered from the same data and
    templates as the period PDF."""
    period_obj, preview = _period_for_pdf(request, period)
    if preview and version is not None:
        raise Http404
    if not preview:
        return _archived_programme_pdf(request, period_obj, programme, version)
    viewer = request.user
    # A concept holds only the reports this user may view: another programme's draft is a 404.
    reports = reports_for(period_obj, preview=preview, viewer=viewer)
    index = _published_slug_index(reports, programme)
    if index is None:
        return _redirect_to_published_slug(reports, "reports:programme_pdf", period_obj, programme)
    report = reports[index]
    content = render_programme_pdf(period_obj, report, reports, preview=preview, viewer=viewer)
    response = _pdf_response(content, f"concept-mip-{period_obj.slug}-{programme}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


def _archived_programme_pdf(
    request: HttpRequest, period: ReportingPeriod, programme: str, version: int | None = None
) -> HttpResponseBase:
    """Found by the programme's slug as published, by its key (not through the listing)."""
    published = StatusReport.objects.published().filter(period=period)
    report = published.with_published_slug(programme).without_texts().first()
    if report is None:
        if version is not None:
            raise Http404
        listing = published.for_overview().defer(*LISTING_DEFERRED).in_monitor_order(previous=False)
        return _redirect_to_published_slug(listing, "reports:programme_pdf", period, programme)
    document = report.published_documents.order_by("-version").first()
    if document is None:  # published before programme PDFs were archived: archive it once
        reports = reports_for(period, preview=False)
        content = render_programme_pdf(
            period, next(r for r in reports if r.pk == report.pk), reports, preview=False
        )
        document = PublishedDocument.store_programme(period, report, content)
    # Like the period PDF: version 1 of a period published before archiving is the one just made.
    if version is not None and version != document.version:
        document = get_object_or_404(report.published_documents, version=version)
    return _archived_response(request, document, latest=version is None)


# --- The round's publishing acts (the coordinator, behind the login) -------------------------


@require_POST
@requires("projects.run_round")
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, slug=slug)
    try:
        publish_period(period, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('projects:board')}?period={period.slug}")
    messages.success(
        request,
        _(
            "Publication started: the PDFs are being archived. The council can read the "
            "monitor as soon as that is done; the board shows the progress."
        ),
    )
    return redirect(f"{reverse('projects:board')}?period={period.slug}")


@require_safe
@requires("projects.run_round")
def publication_status(request: HttpRequest, slug: str) -> HttpResponse:
    """The board's publication progress, polled by htmx while the task runs."""
    period = get_object_or_404(ReportingPeriod, slug=slug)
    return render(request, "reports/publication_status.html", {"period": period})


@require_POST
@requires("projects.run_round")
def retry_publication(request: HttpRequest, slug: str) -> HttpResponse:
    """The coordinator's "try again" after a failed or interrupted archiving."""
    period = get_object_or_404(ReportingPeriod, slug=slug)
    if publication.retry_publication(period, by=request.user) is None:
        messages.error(request, _("There is no failed publication to try again."))
    else:
        messages.success(request, _("Trying again: the PDFs are being archived."))
    return redirect(f"{reverse('projects:board')}?period={period.slug}")


@require_POST
@requires("projects.run_round")
def erratum(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for(request, pk, "projects.run_round")
    form = ErratumForm(request.POST)
    try:
        if not form.is_valid():  # e.g. a NUL character, which the database cannot store
            raise ValidationError(form.errors["text"])
        add_erratum(report, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, _("Erratum added; it is shown with the published report."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("projects:detail", pk=report.pk)
