"""The reporting round behind the login: managers enter, controllers review, the coordinator
opens, watches and publishes. Who may do what is decided by the rules in ``projects/rules.py``;
what a report's state allows is decided by the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

import audit
from mip.htmx import HtmxHttpRequest, page_or_partial

from . import merge, notifications
from .forms import (
    ErratumForm,
    ExclusionForm,
    MilestoneForm,
    PeriodForm,
    ReportFiguresForm,
    ReviewForm,
    RiskForm,
    SignalForm,
    StatusReportForm,
    add_model_errors,
    bound_report_forms,
    row_changed,
)

# The figures entry with issue 22's cost split and benefit statuses (a FiguresEntry).
from .insight_forms import AssessmentForm
from .insight_forms import ReportEntry as FiguresEntry
from .models import (
    Aspect,
    Rating,
    ReportingPeriod,
    SignalThresholds,
    StaleReportError,
    StatusReport,
)
from .presentation import figures_context
from .templatetags.workflow import person
from .textdiff import highlight_changes

BOARD_PAGE_SIZE = 50  # rows of the round board per page


def get_report_for(request: HttpRequest, pk: int, rule: str) -> StatusReport:
    """The report a URL names, if ``rule`` lets the user act on it: else 404 or 403.

    Fetched once per request, with what every workflow page shows of it; the view uses the
    same object the rule was checked on.
    """
    report = _workflow_report(pk)
    if not request.user.has_perm(rule, report):
        raise PermissionDenied
    return report


def _workflow_report(pk: int) -> StatusReport:
    """A fresh copy of the report, with what every workflow page shows of it."""
    return get_object_or_404(
        StatusReport.objects.select_related(
            "programme__manager", "programme__controller", "programme__unit", "period"
        ),
        pk=pk,
    )


def requires(perm: str):
    """Anonymous visitors go to the login page; signed-in users without the right get 403."""

    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


STALE = _lazy("Someone else changed this report meanwhile; look again.")


def _attempt(request: HttpRequest, action: Callable[[], object], done: str, refused="") -> None:
    """Run a workflow action and tell the user how it went: ``done``, or why it was refused
    (``refused`` if given, else the model's reason)."""
    try:
        action()
    except StaleReportError:
        messages.error(request, refused or STALE)
    except ValidationError as error:
        messages.error(request, refused or " ".join(_error_messages(error)))
    else:
        messages.success(request, done)


def _error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- Managers ---------------------------------------------------------------------------------


@require_safe
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where a login lands: the page of the user's main task in the round."""
    if request.user.has_perm("projects.run_round"):
        return redirect("projects:board")
    manages = StatusReport.objects.for_manager(request.user).exists()
    if not manages and request.user.has_perm("projects.review_queue"):
        return redirect("projects:review_queue")
    return redirect("projects:my_reports")


@require_safe
@requires("projects.list_own_reports")
def my_reports(request: HttpRequest) -> HttpResponse:
    """The open round's reports of the user's own programmes, with state and deadline."""
    reports = (
        StatusReport.objects.for_manager(request.user)
        .open_round()
        .select_related("programme", "period")
        .order_by("-period__start", "programme__name")
    )
    return render(request, "projects/my_reports.html", {"reports": reports})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The status form: save as draft, or submit to the controller."""
    report = get_report_for(request, pk, "projects.enter_report")
    if not report.is_editable:
        if request.method == "POST":  # submitted meanwhile: show the input, don't drop it
            return _unsaved_input(request, report)
        messages.info(request, _("This report is not open for changes in its current state."))
        return redirect("projects:detail", pk=report.pk)
    if request.method == "POST":
        return _save_report(request, report)
    form, entry = StatusReportForm(instance=report), FiguresEntry(report)
    return _report_form(request, report, form, entry, merge.sign_base(report))


def _save_report(request: HttpRequest, report: StatusReport) -> HttpResponse:
    """Save (or submit) the posted form; on a conflict or a refusal, show the form again."""
    # What the user loaded; without it (a script), the merge knows no base for the figures.
    posted_base = request.POST.get("base", "")
    if merge.read_base(report, posted_base) is None:
        posted_base = ""
    base_token = posted_base or merge.sign_base(report)
    data, unchosen = _apply_choices(request.POST, report, posted_base)
    form, entry = bound_report_forms(report, data, FiguresEntry)
    if not all([form.is_valid(), entry.is_valid()]):  # a list: validate both, show all errors
        return _report_form(request, report, form, entry, base_token)
    submitting = "submit" in request.POST
    conflict = None
    try:
        if unchosen:
            raise _Unchosen(unchosen)
        written = _store(request, report, form, entry, posted_base, submitting)
    except _Unchosen as missing:
        conflict = _choice_still_open(report, form, entry, data, base_token, missing.keys)
    except StaleReportError:
        merged = _save_stale(request, report, form, entry, data, posted_base, submitting)
        if isinstance(merged, HttpResponse):
            return merged
        form, entry, conflict, base_token = merged
        report = form.instance  # as stored, not as the failed submit left it
    except ValidationError as error:
        report.refresh_from_db()
        form, entry = _refused(report, data, error)
    else:
        done = "" if submitting else _("Draft saved.")
        if not written:
            done = _("Nothing changed since the last save; nothing was saved.")
        return _saved(request, report, submitting=submitting, message=done)
    return _report_form(request, report, form, entry, base_token, conflict)


def _store(request, report, form, entry, posted_base: str, submitting: bool) -> bool:
    """The lights and the figures together, or nothing; raises what refuses the save.

    Writes only what differs from what is stored: an untouched save writes nothing (no
    version raised, so nobody else editing gets a conflict for nothing). False then.
    """
    with transaction.atomic():
        if entry.is_bound and merge.figures_changed_since(report, posted_base):
            raise StaleReportError(report)  # e.g. a milestone changed in the admin
        if submitting:  # one save: the content and the new state together
            entry.save(capture=True)  # first: submit() compares the lights with these figures
            form.save(commit=False).submit(by=request.user)
            return True
        lights = row_changed(form)  # the version counts: a stale copy is refused by save()
        if lights:
            form.save()
        return entry.save() or lights


def _refused(report: StatusReport, data, error: ValidationError) -> tuple:
    """The form and figures as posted onto the stored report, with the model's refusal."""
    form, entry = bound_report_forms(report, data, FiguresEntry)
    form.is_valid()
    entry.is_valid()
    add_model_errors(form, error)
    return form, entry


def _saved(request, report: StatusReport, *, submitting: bool, message: str) -> HttpResponse:
    """After a save: a submitted report leaves for the worklist, a draft stays on its form."""
    if message:
        messages.success(request, message)
    if submitting:
        messages.success(
            request, _("Submitted to the controller. A message to them is in the queue.")
        )
        return redirect("projects:my_reports")
    return redirect("projects:edit", pk=report.pk)


def _report_form(request, report, form, entry, base_token: str, conflict=None) -> HttpResponse:
    signal_form = SignalForm(entry.signal_data(form.data if form.is_bound else form.initial))
    box = signal_form.box_context()
    previous = report.previous()
    context = {
        "report": report,
        "form": form,
        "entry": entry,
        "signal_form": signal_form,
        "thresholds": SignalThresholds.current(),
        **box,
        "previous": previous,
        "rows": form.aspect_rows(box["checks"], previous),
        "conflict": conflict,
        "base_token": base_token,
    }
    return render(request, "projects/report_form.html", context)


# --- The conflict paths of the report form (see projects/merge.py) ---------------------------


class _Unchosen(Exception):
    def __init__(self, keys: list[str]) -> None:
        self.keys = keys


# The form class whose field renders each kind of key; used to re-show a chosen value.
_FORM_OF = {"figures": ReportFiguresForm, "milestone": MilestoneForm, "risk": RiskForm}


def _form_field(key: str):
    kind = key.split(".")[0]
    form_class = _FORM_OF.get(kind, StatusReportForm)
    return form_class.base_fields[key.rsplit(".", 1)[-1]]


def _with_values(data, values: dict, keys) -> None:
    """Put ``values`` for ``keys`` into the (mutable) form data, spelt as the form shows them."""
    for key in keys:
        name = merge.form_name(key, data)
        if name is not None:
            data[name] = merge.form_value(key, values[key], _form_field(key))


def _apply_choices(posted, report: StatusReport, base_token: str) -> tuple:
    """After a conflict, each field both changed has a choice: "theirs" restores their value.

    Their value is the base of this post (the form was re-based on it), so a field taken from
    them counts as untouched by this user and the merge keeps whatever is stored.
    """
    keys = posted.getlist("conflict_keys")
    if not keys:
        return posted, []
    data = posted.copy()
    version = int(posted.get("version") or 0) if posted.get("version", "").isdigit() else 0
    base = merge.loaded_values(report, version, base_token)
    theirs = [k for k in keys if posted.get(merge.choose(k)) == "theirs" and k in base]
    _with_values(data, base, theirs)
    unchosen = [k for k in keys if posted.get(merge.choose(k)) not in {"mine", "theirs"}]
    return data, unchosen


def _choice_still_open(report, form, entry, data, base_token: str, keys: list[str]) -> dict:
    """The user saved without choosing for every conflicting field: ask again, nothing saved.

    Their values are read from a fresh copy of the report: ``report`` now carries this post's
    input (the bound form wrote it onto the instance), which would show the user's own text
    as "theirs", and a later "theirs" would store a text nobody saw.
    """
    version = int(data.get("version") or 0)
    base = merge.loaded_values(_workflow_report(report.pk), version, base_token)
    mine = merge.posted_values(form, entry)
    conflicts = {
        k: merge.Conflict(None, mine.get(k, base.get(k)), base.get(k)) for k in keys if k in base
    }
    return {"rows": merge.conflict_rows(conflicts), "unchosen": True, "by": [], "merged": []}


def _save_stale(request, report, form, entry, data, base_token: str, submitting: bool):
    """Someone saved after this user loaded the form: merge per field (projects/merge.py).

    Without overlapping changes the merge is saved and the user told what came from whom;
    otherwise the form comes back with the non-overlapping changes merged in and, per field
    both changed, both values and a choice.
    """
    new_risks = []
    if entry.is_bound:  # an unbound extra form "changed" from its initial state: not a risk
        new_risks = [f.save(commit=False) for f in entry.risks.extra_forms if f.has_changed()]
    try:
        outcome = merge.save_merged(
            report.pk,
            version=int(data.get("version") or 0),
            base_token=base_token,
            mine=merge.posted_values(form, entry),
            new_risks=new_risks,
            user=request.user,
            submit=submitting,
        )
    except ValidationError as error:  # merged, the report breaks a rule: show it, unsaved
        current = _workflow_report(report.pk)
        form = StatusReportForm(data, instance=current)
        form.is_valid()
        add_model_errors(form, error)
        return form, FiguresEntry(current, data), None, base_token
    who = ", ".join(person(user) for user in outcome.by) or _("someone else")
    if outcome.saved:
        kept = ", ".join(merge.label(k) for k in outcome.theirs_changed)
        message = (
            _("Saved. Meanwhile %(who)s changed this report; their changes were kept: %(fields)s.")
            % {"who": who, "fields": kept}
            if kept
            else _("Draft saved.")
        )
        return _saved(request, report, submitting=submitting, message=message)
    form, entry = _rebased(outcome, form, entry, data)
    return form, entry, _conflict(outcome, who), outcome.base_token


def _conflict(outcome: merge.MergeOutcome, who: str) -> dict:
    """What the form says of a merge that needs the user's choice: per field both values."""
    last = outcome.report.history.select_related("history_user").order_by("-history_date")
    last = last.first()
    return {
        "rows": merge.conflict_rows(outcome.conflicts),
        "by": outcome.by,
        "who": who,
        "at": last.history_date if last else None,
        "merged": [merge.label(k) for k in outcome.theirs_changed],
    }


def _rebased(outcome: merge.MergeOutcome, form, entry, data) -> tuple:
    """The form re-based on the stored report: the others' changes that do not conflict with
    this user's taken in, the choices of an earlier conflict dropped."""
    current = outcome.report
    rebased = data.copy()
    rebased["version"] = current.version
    rebased["base"] = outcome.base_token
    mine = merge.posted_values(form, entry)
    conflicting = outcome.conflicts
    taken = [k for k, v in outcome.merged.items() if k not in conflicting and mine.get(k) != v]
    _with_values(rebased, outcome.merged, taken)
    for key in list(rebased):
        if key.startswith("choose-") or key == "conflict_keys":
            del rebased[key]
    form = StatusReportForm(rebased, instance=current)
    form.is_valid()
    entry = FiguresEntry(current, rebased)
    entry.is_valid()
    return form, entry


def _unsaved_input(request: HttpRequest, report: StatusReport) -> HttpResponse:
    """The report was submitted (or closed) while this user typed: show their input to copy."""
    form = StatusReportForm(request.POST, instance=_workflow_report(report.pk))
    entry = FiguresEntry(report, request.POST)
    form.is_valid()
    entry.is_valid()
    rows = merge.unsaved_input(report.pk, form, entry, request.POST.get("base", ""))
    last = report.history.select_related("history_user").order_by("-history_date").first()
    submitted = report.state == StatusReport.State.SUBMITTED and report.submitted_at
    return render(
        request,
        "projects/report_unsaved.html",
        {
            "report": report,
            "rows": rows,
            "who": report.submitted_by if submitted else (last.history_user if last else None),
            "when": report.submitted_at if submitted else (last.history_date if last else None),
            "submitted": submitted,
        },
        status=409,
    )


@require_POST
@login_required
def check_aspect(request: HtmxHttpRequest, pk: int, aspect: str) -> HttpResponse:
    """Inline check of one aspect as its rating or explanation changes (htmx)."""
    report = get_report_for(request, pk, "projects.enter_report")
    try:
        aspect = Aspect(aspect)
    except ValueError:
        raise Http404 from None
    form = StatusReportForm(request.POST, instance=report)
    for name in StatusReport.CONTENT_FIELDS:
        if name.startswith(f"{aspect}_"):
            setattr(report, name, form[name].value() or "")
    # The signal from the figures as typed (the whole form is posted), as the signal box shows.
    entry = FiguresEntry(report, request.POST)
    checks = SignalForm(entry.signal_data(request.POST)).box_context()["checks"]
    previous = report.previous()
    [row] = form.aspect_rows(checks, previous, aspects=[aspect])
    row["inline_errors"] = _inline_errors(report, aspect, checks)
    return render(
        request,
        "projects/report_form.html#aspect_check",
        {"report": report, "row": row, "form": form, "previous": previous},
    )


def _inline_errors(report: StatusReport, aspect: Aspect, checks: list) -> list[str]:
    """What would still block submitting this aspect as typed; an untouched light is fine."""
    if getattr(report, f"{aspect}_rating") not in Rating.values:  # no colour: check as unrated
        setattr(report, f"{aspect}_rating", "")
    errors = report.submission_errors(aspects={aspect}, checks=checks)
    errors.pop(f"{aspect}_rating", None)  # an untouched light is not worth a message yet
    return [str(m) for e in errors.values() for m in e.messages]


@require_safe
@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One report as it stands, the actions the user may take, and its history."""
    report = get_report_for(request, pk, "projects.view_report")
    user = request.user
    return render(
        request,
        "projects/report_detail.html",
        {
            "report": report,
            "previous": report.previous(),
            "can_edit": report.is_editable and user.has_perm("projects.enter_report", report),
            "can_review": report.is_reviewable and user.has_perm("projects.review_report", report),
            "timeline": report.timeline(),
            "errata": report.errata.select_related("created_by"),
            "erratum_form": ErratumForm(),
            "exclusion_form": ExclusionForm(),
        },
    )


# --- Controllers ------------------------------------------------------------------------------


@require_safe
@requires("projects.review_queue")
def review_queue(request: HttpRequest) -> HttpResponse:
    reports = (
        StatusReport.objects.awaiting_review(by=request.user)
        .select_related("programme__manager", "period")
        .order_by("submitted_at")
    )
    return render(request, "projects/review_queue.html", {"reports": reports})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def review_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The submitted report beside the previous period, changed words highlighted."""
    report = get_report_for(request, pk, "projects.review_report")
    form = ReviewForm(request.POST or None)
    assessment = AssessmentForm(report, request.POST or None)
    verdict = request.method == "POST" and form.is_valid()
    verdict = verdict and ("approve" not in request.POST or assessment.is_valid())
    if verdict and (response := _record_verdict(request, report, form, assessment)) is not None:
        return response
    previous = report.previous()
    return render(
        request,
        "projects/review.html",
        {
            **figures_context(report, published_only=False),
            "report": report,
            "previous": previous,
            "rows": _compared_rows(report, previous),
            "developments": highlight_changes(
                previous.developments if previous else "", report.developments
            ),
            "form": form,
            "assessment": assessment,
        },
    )


def _record_verdict(
    request, report: StatusReport, form: ReviewForm, assessment: AssessmentForm
) -> HttpResponse | None:
    """Approve or return; None when the model refuses it for a reason shown on the form."""
    if form.cleaned_data["version"] is not None:
        report.version = form.cleaned_data["version"]  # as read; save() refuses if stale
    comment = form.cleaned_data["review_comment"]
    try:
        if "approve" in request.POST:
            with transaction.atomic():  # the controller's own lights with the approval
                assessment.save()
                report.approve(by=request.user, comment=comment)
            messages.success(
                request, _("Approved. A message to the programme manager is in the queue.")
            )
        else:
            report.return_to_manager(by=request.user, comment=comment)
            messages.success(
                request, _("Returned to the programme manager. A message to them is in the queue.")
            )
    except StaleReportError:
        messages.error(request, STALE)
        return redirect("projects:review", pk=report.pk)
    except ValidationError as error:
        report.refresh_from_db()
        if not hasattr(error, "error_dict"):  # the state moved on: say so, show it as it is
            messages.error(request, " ".join(_error_messages(error)))
            return redirect("projects:review", pk=report.pk)
        add_model_errors(form, error)
        return None
    return redirect("projects:review_queue")


def _compared_rows(report: StatusReport, previous: StatusReport | None) -> list[dict]:
    """Per aspect the status now and in the previous report, changed words highlighted."""
    earlier = {status.aspect: status for status in previous.aspects} if previous else {}
    return [_compared_row(status, earlier.get(status.aspect)) for status in report.aspects]


def _compared_row(status, before) -> dict:
    return {
        "status": status,
        "previous": before,
        "changed_text": highlight_changes(before.explanation if before else "", status.explanation),
        "rating_changed": before is not None and before.rating != status.rating,
    }


# --- The coordinator --------------------------------------------------------------------------


def _board_period(request: HttpRequest, periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The period asked for, else the newest not yet published, else the newest; chosen from
    ``periods`` (newest first, the picker's list), so the board asks for periods once."""
    if slug := request.GET.get("period"):
        if not slug_re.fullmatch(slug):  # e.g. a NUL character, which PostgreSQL cannot compare
            raise Http404
        chosen = next((period for period in periods if period.slug == slug), None)
        if chosen is None:
            raise Http404
        return chosen
    unpublished = (period for period in periods if not period.is_published)
    return next(unpublished, periods[0] if periods else None)


def _to_board(period: ReportingPeriod) -> HttpResponse:
    return redirect(f"{reverse('projects:board')}?period={period.slug}")


@require_safe
@vary_on_headers("HX-Request")  # the filter swaps the table in; a reload wants the page
@requires("projects.run_round")
def board(request: HtmxHttpRequest) -> HttpResponse:
    """Completeness of the round: per programme its state, who acts next, days to deadline.

    A page of ``BOARD_PAGE_SIZE`` rows at a time (issue 24): every report's state and place in
    the order from one query of small columns (``round_index``), counted and filtered here, and
    only the page's reports loaded, with only what a row shows: 500 programmes cost about 50.
    """
    periods = list(ReportingPeriod.objects.order_by("-start"))
    period = _board_period(request, periods)
    state = request.GET.get("state", "")
    index = period.reports.round_index() if period is not None else []
    counts = Counter(round_state for _pk, round_state in index)
    pks = [pk for pk, round_state in index if not state or round_state == state]
    page = Paginator(pks, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    reports = []
    if page.object_list:
        loaded = period.reports.for_board().order_by().in_bulk(page.object_list)
        reports = [loaded[pk] for pk in page.object_list]  # in the order of ``pks``
        StatusReport.load_next_people(reports)
    states = [*StatusReport.State.choices, ("excluded", _("excluded"))]
    return render(
        request,
        page_or_partial(request, "projects/board.html", "table"),
        {
            "period": period,
            "periods": periods,
            "reports": reports,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "states": [(value, label, counts.get(value, 0)) for value, label in states],
            "selected_state": state,
            "days_left": period.days_to_deadline() if period else None,
            "blockers": sum(n for s, n in counts.items() if StatusReport.blocks_publication(s)),
            "failed_mails": notifications.failed_mails(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires("projects.run_round")
def open_period(request: HttpRequest) -> HttpResponse:
    """A new round: the period plus a prefilled draft for every programme in the monitor."""
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                period = form.save()
                created = period.create_draft_reports()
        except IntegrityError:
            # Someone opened the same period between our check and our save (a double click,
            # two coordinators): the unique slug refused ours. Check again to say why.
            form = PeriodForm(request.POST)
            if form.is_valid():
                form.add_error(None, _("The period could not be opened; try again."))
            return render(request, "projects/open_period.html", {"form": form})
        messages.success(
            request,
            _("Period %(label)s opened with %(count)d draft reports.")
            % {"label": period.label, "count": len(created)},
        )
        return _to_board(period)
    return render(request, "projects/open_period.html", {"form": form})


@require_POST
@requires("projects.run_round")
def close_period(request: HttpRequest, slug: str) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, slug=slug)
    _attempt(request, period.close_for_review, _("Entry closed; the round is in review."))
    return _to_board(period)


@require_POST
@requires("projects.run_round")
def exclude_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for(request, pk, "projects.run_round")
    form = ExclusionForm(request.POST)

    def exclude() -> None:
        if not form.is_valid():  # e.g. a NUL character, which the database cannot store
            raise ValidationError(form.errors["exclusion_reason"])
        reason = form.cleaned_data["exclusion_reason"]
        report.exclude_from_publication(by=request.user, reason=reason)
        audit.record(
            audit.Action.EXCLUSION,
            actor=request.user,
            target=report,
            request=request,
            reason=reason,
        )

    done = _("%(programme)s is left out of the publication.") % {"programme": report.programme}
    _attempt(request, exclude, done)
    return _to_board(report.period)


@require_POST
@requires("projects.run_round")
def readmit_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo an exclusion, e.g. when the report arrives after all."""
    report = get_report_for(request, pk, "projects.run_round")
    done = _("%(programme)s takes part in the publication again.") % {"programme": report.programme}
    refused = _("This report can no longer be readmitted.")

    def readmit() -> None:
        report.readmit(by=request.user)
        audit.record(audit.Action.READMISSION, actor=request.user, target=report, request=request)

    _attempt(request, readmit, done, refused)
    return _to_board(report.period)
