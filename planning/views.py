"""The plan's pages: the plan per domain, an initiative's card, totals, contracts, editing.

Reading is for signed-in users (``planning.view_plan``), editing for the coordinator and the
planners (``planning.edit_plan``), promoting to the monitor for the coordinator.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from mip.htmx import HtmxHttpRequest, page_or_partial
from projects.admission_views import classification_page
from projects.views import requires

from . import totals
from .forms import InitiativeEditor
from .models import PRIORITY_ORDER, Initiative, Plan, Priority
from .pdf import render_plan_pdf
from .promotion import promote
from .table import cost_grid, plan_rows


def _plan(slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def _initiative(plan: Plan, pk: int) -> Initiative:
    return get_object_or_404(
        Initiative.objects.select_related("domain__plan", "programme"), pk=pk, domain__plan=plan
    )


@require_safe
@requires("planning.view_plan")
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.all()
    if len(plans) == 1:
        return redirect("planning:plan", plans[0].slug)
    return render(request, "planning/plan_list.html", {"plans": plans})


@require_safe
@vary_on_headers("HX-Request")
@requires("planning.view_plan")
def plan_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    context = {
        "plan": plan,
        "table": plan_rows(plan, request.GET),
        "domains": plan.domains.all(),
        "priorities": Priority.choices,
        "municipalities": plan.municipalities.all(),
        "missing_successors": plan.contracts_without_successor(),
        "may_edit": request.user.has_perm("planning.edit_plan", plan),
    }
    return render(request, page_or_partial(request, "planning/plan.html", "table"), context)


@require_safe
@requires("planning.view_plan")
def initiative_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(slug)
    initiative = _initiative(plan, pk)
    context = {
        "plan": plan,
        "initiative": initiative,
        "cost_tables": cost_grid(initiative, plan.years),
        "may_edit": request.user.has_perm("planning.edit_plan", plan),
        "may_promote": request.user.has_perm("planning.promote_initiative", plan)
        and initiative.programme_id is None,
        # Issue 25: the coordinator scores the initiative and, once promoted, admits it.
        "may_admit": request.user.has_perm("planning.promote_initiative", plan),
    }
    return render(request, "planning/initiative.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@requires("planning.view_plan")
def initiative_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(slug)
    if not request.user.has_perm("planning.edit_plan", plan):
        return render(request, "403.html", status=403)
    initiative = _initiative(plan, pk)
    editor = InitiativeEditor(initiative, request.POST if request.method == "POST" else None)
    if request.method == "POST" and editor.is_valid():
        if editor.save():
            messages.success(request, _("The initiative was saved."))
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("planning:initiative", plan.slug, initiative.pk)
    status = 400 if request.method == "POST" else 200
    context = {"plan": plan, "initiative": initiative, "editor": editor}
    return render(request, "planning/initiative_form.html", context, status=status)


@require_POST
@requires("planning.view_plan")
def initiative_promote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(slug)
    if not request.user.has_perm("planning.promote_initiative", plan):
        return render(request, "403.html", status=403)
    initiative = _initiative(plan, pk)
    try:
        programme = promote(initiative)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The programme %(name)s is now in the monitor.") % {"name": programme.name}
        )
    return redirect("planning:initiative", plan.slug, initiative.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@requires("planning.view_plan")
def initiative_classify(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The coordinator scores an initiative on the monitor's classification model (issue 25)."""
    plan = _plan(slug)
    if not request.user.has_perm("planning.promote_initiative", plan):
        return render(request, "403.html", status=403)
    initiative = _initiative(plan, pk)
    here = request.path
    back = reverse("planning:initiative", args=[plan.slug, initiative.pk])
    return classification_page(request, initiative, back=back, done=here)


@require_safe
@requires("planning.view_plan")
def plan_totals(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    context = {
        "plan": plan,
        "summary": totals.municipality_totals(plan),
        "sections": totals.plan_totals(plan),
    }
    return render(request, "planning/totals.html", context)


@require_safe
@requires("planning.view_plan")
def plan_totals_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    response = HttpResponse(
        totals.workbook(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"{slugify(plan.slug)}-totalen.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@requires("planning.view_plan")
def plan_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    response = HttpResponse(render_plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(plan.slug)}.pdf"'
    return response


@require_safe
@requires("planning.view_plan")
def contract_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(slug)
    contracts = plan.contracts.prefetch_related("municipalities", "replaced_by")
    years: dict[int, list] = {}
    for contract in contracts:
        years.setdefault(contract.end_date.year, []).append(contract)
    context = {"plan": plan, "years": sorted(years.items()), "priorities": PRIORITY_ORDER}
    return render(request, "planning/contracts.html", context)
