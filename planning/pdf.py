"""The plan as a PDF: the initiatives per domain, the totals and the contract calendar.

Rendered like the monitor's PDF (``reports.pdf.html_to_pdf``): the same print stylesheet and
shipped fonts, tagged, PDF/A-3a with the PDF/UA identifier, in the site's language (Dutch).
"""

from __future__ import annotations

from django.conf import settings
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from reports.pdf import html_to_pdf

from . import totals
from .models import Plan
from .table import plan_rows


def plan_html(plan: Plan) -> str:
    context = {
        "plan": plan,
        "document_language": settings.LANGUAGE_CODE,
        "table": plan_rows(plan, QueryDict()),
        "summary": totals.municipality_totals(plan),
        "sections": totals.plan_totals(plan),
        "contracts": plan.contracts.prefetch_related("replaced_by"),
        "missing_successors": plan.contracts_without_successor(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("planning/pdf/plan.html", context)


def render_plan_pdf(plan: Plan) -> bytes:
    return html_to_pdf(plan_html(plan))
