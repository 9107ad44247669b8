"""Public pages of the monitor: what the council and the public read. Never drafts."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from projects.models import (
    Aspect,
    OrganisationUnit,
    PortfolioHolder,
    Rating,
    ReportingPeriod,
    StatusReport,
)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    period = ReportingPeriod.objects.latest_published()
    if period is None:
        return render(request, "reports/no_publication.html")
    return overview(request, period=period.slug)


@require_GET
def choose_period(request: HtmxHttpRequest) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod.objects.published(), slug=request.GET.get("period"))
    return redirect(period)


def _selected(queryset, value: str | None):
    if not value or not value.isdigit():
        return None
    return queryset.filter(pk=value).first()


@require_GET
def overview(request: HtmxHttpRequest, period: str) -> HttpResponse:
    period_obj = get_object_or_404(ReportingPeriod.objects.published(), slug=period)
    units = OrganisationUnit.objects.filter(programmes__reports__period=period_obj).distinct()
    holders = PortfolioHolder.objects.filter(programmes__reports__period=period_obj).distinct()
    unit = _selected(units, request.GET.get("unit"))
    holder = _selected(holders, request.GET.get("holder"))

    reports = StatusReport.objects.published().filter(period=period_obj).for_overview()
    if unit:
        reports = reports.filter(programme__unit=unit)
    if holder:
        reports = reports.filter(programme__portfolio_holder=holder)

    template_name = "reports/overview.html"
    if request.htmx and not request.htmx.boosted:
        template_name += "#table"
    return render(
        request,
        template_name,
        {
            "period": period_obj,
            "previous_period": period_obj.previous(),
            "periods": ReportingPeriod.objects.published(),
            "reports": reports.in_monitor_order(),
            "units": units,
            "holders": holders,
            "selected_unit": unit,
            "selected_holder": holder,
            "aspects": list(Aspect),
            "ratings": list(Rating),
            # Left out of this publication by the coordinator; the council reads why.
            "excluded": StatusReport.objects.filter(period=period_obj)
            .excluded()
            .select_related("programme"),
        },
    )


@require_GET
def programme_detail(request: HtmxHttpRequest, period: str, programme: str) -> HttpResponse:
    period_obj = get_object_or_404(ReportingPeriod.objects.published(), slug=period)
    reports = (
        StatusReport.objects.published().filter(period=period_obj).for_overview().in_monitor_order()
    )
    index = next((i for i, r in enumerate(reports) if r.programme.slug == programme), None)
    if index is None:
        raise Http404
    report = reports[index]
    tracks = [r for r in reports if r.programme.parent_id == report.programme_id]
    return render(
        request,
        "reports/programme.html",
        {
            "period": period_obj,
            "report": report,
            "previous_report": report.previous_report,
            "errata": report.errata.all(),
            "tracks": tracks,
            "tracks_without_report": report.programme.tracks.exclude(
                pk__in=[t.programme_id for t in tracks]
            ),
            "previous_in_list": reports[index - 1] if index > 0 else None,
            "next_in_list": reports[index + 1] if index + 1 < len(reports) else None,
        },
    )
