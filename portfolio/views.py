"""The portfolio page (public) and the council information letter (the coordinator's)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from projects.models import Programme, ReportingPeriod, StatusReport
from projects.views import requires
from reports.prepared import serve_prepared

from .data import portfolio
from .forms import CouncilLetterForm
from .letter import build_letter, default_texts, published_report
from .letter_files import DOCX_TYPE, letter_docx, letter_pdf
from .models import CouncilLetter, LetterConflict


def prepared_paths(period: ReportingPeriod) -> list[str]:
    """The portfolio page among a period's prepared pages (settings.MIP_PREPARED_PAGES)."""
    return [reverse("portfolio:portfolio", args=[period.slug])]


@require_safe
@serve_prepared()
def portfolio_page(request: HttpRequest, period: str) -> HttpResponse:
    """The whole portfolio of a public period, from the frozen published record."""
    period_obj = get_object_or_404(ReportingPeriod.objects.public(), slug=period)
    return render(
        request,
        "portfolio/portfolio.html",
        {"period": period_obj, "portfolio": portfolio(period_obj)},
    )


# --- The council information letter (the coordinator, behind the login) ------------------------


def _letter_periods(programme: Programme) -> list[ReportingPeriod]:
    """Public periods in which the programme has a published report, newest first."""
    reported = StatusReport.objects.published().filter(programme=programme).values("period")
    return list(ReportingPeriod.objects.public().filter(pk__in=reported).order_by("-start"))


def _chosen(periods: list[ReportingPeriod], slug: str | None) -> ReportingPeriod:
    return next((p for p in periods if p.slug == slug), periods[0])


@require_http_methods(["GET", "HEAD", "POST"])
@requires("projects.run_round")
def letter(request: HttpRequest, programme: str) -> HttpResponse:
    """Edit the letter's paragraphs, keep them, download the letter as PDF or .docx."""
    programme_obj = get_object_or_404(Programme, slug=programme)
    periods = _letter_periods(programme_obj)
    context = {"programme": programme_obj, "form": None}
    if not periods:
        return render(request, "portfolio/letter.html", context)
    stored = CouncilLetter.objects.filter(programme=programme_obj).first()
    if request.method == "POST":
        return _letter_post(request, programme_obj, periods, stored)
    period = _chosen(periods, request.GET.get("period"))
    report = published_report(programme_obj.pk, period)
    instance = stored or CouncilLetter(programme=programme_obj, **default_texts(report))
    context["form"] = CouncilLetterForm(
        instance=instance, initial={"period": period.slug}, periods=periods
    )
    return render(request, "portfolio/letter.html", context)


def _letter_post(request, programme: Programme, periods, stored) -> HttpResponse:
    period = _chosen(periods, request.POST.get("period"))
    report = published_report(programme.pk, period)
    instance = stored or CouncilLetter(programme=programme, **default_texts(report))
    form = CouncilLetterForm(request.POST, instance=instance, periods=periods)
    if not form.is_valid():
        context = {"programme": programme, "form": form}
        return render(request, "portfolio/letter.html", context, status=400)
    try:
        CouncilLetter.keep_texts(
            programme, form.texts(), opened=form.cleaned_data["opened"], by=request.user
        )
    except LetterConflict as conflict:
        form.show_conflict(conflict.current)
        context = {"programme": programme, "form": form}
        return render(request, "portfolio/letter.html", context, status=409)
    action = request.POST.get("action")
    if action not in ("pdf", "docx"):
        messages.success(request, _("The paragraphs of the letter are saved."))
        return redirect(
            f"{reverse('portfolio:letter', args=[programme.slug])}?period={period.slug}"
        )
    built = build_letter(report, form.texts())
    if action == "pdf":
        content, kind, suffix = letter_pdf(built), "application/pdf", "pdf"
    else:
        content, kind, suffix = letter_docx(built), DOCX_TYPE, "docx"
    response = HttpResponse(content, content_type=kind)
    filename = f"{built.filename_stem}-{programme.slug}.{suffix}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
