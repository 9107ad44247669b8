"""The portfolio page (public) and the council information letter (the coordinator's)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from projects.models import ReportingPeriod

from .data import portfolio


@require_GET
def portfolio_page(request: HttpRequest, period: str) -> HttpResponse:
    """The whole portfolio of a public period, from the frozen published record."""
    period_obj = get_object_or_404(ReportingPeriod.objects.public(), slug=period)
    return render(
        request,
        "portfolio/portfolio.html",
        {"period": period_obj, "portfolio": portfolio(period_obj)},
    )
