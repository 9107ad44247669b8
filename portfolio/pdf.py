"""The portfolio as a section of the period PDF (``settings.MIP_PDF_SECTIONS``)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from projects.models import ReportingPeriod
from reports.pdf import PdfSection

from .data import portfolio

ANCHOR = "portfolio"


def period_section(period: ReportingPeriod, *, preview: bool) -> PdfSection | None:
    """The portfolio's totals, lights and changes; none in a concept preview, whose figures the
    council has not read (the portfolio is computed from the published record only)."""
    if preview or not period.is_published:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        title = _("The portfolio at a glance")
        html = render_to_string(
            "portfolio/pdf_section.html",
            {"portfolio": portfolio(period), "anchor": ANCHOR, "title": title, "print": True},
        )
    return PdfSection(anchor=ANCHOR, title=title, html=html)
