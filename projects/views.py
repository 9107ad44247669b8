"""The reporting round behind the login: managers enter, controllers review, the coordinator
opens, watches and publishes. Who may do what is decided by the rules in ``projects/rules.py``;
what a report's state allows is decided by the model.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from mip.htmx import HtmxHttpRequest, page_or_partial

from . import merge
from .forms import (
    ErratumForm,
    ExclusionForm,
    FiguresEntry,
    MilestoneForm,
    PeriodForm,
    ReportFiguresForm,
    ReviewForm,
    RiskForm,
    SignalForm,
    StatusReportForm,
)
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


def report_for(request: HttpRequest, pk: int, **kwargs) -> StatusReport:
    """The report a URL names, with what every workflow page shows of it."""
    return get_object_or_404(
        StatusReport.objects.select_related(
            "programme__manager", "programme__controller", "programme__unit", "period"
        ),
        pk=pk,
    )


def requires(perm: str, *, with_report: bool = False):
    """Anonymous visitors go to the login page; signed-in users without the right get 403."""

    def decorator(view):
        checked = permission_required(
            perm, fn=report_for if with_report else None, raise_exception=True
        )(view)
        return login_required(checked)

    return decorator


def _error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- Managers ---------------------------------------------------------------------------------


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where a login lands: the page of the user's main task in the round."""
    if request.user.has_perm("projects.run_round"):
        return redirect("projects:board")
    manages = StatusReport.objects.filter(programme__manager=request.user).exists()
    if not manages and request.user.has_perm("projects.review_queue"):
        return redirect("projects:review_queue")
    return redirect("projects:my_reports")


@require_GET
@requires("projects.list_own_reports")
def my_reports(request: HttpRequest) -> HttpResponse:
    """The open round's reports of the user's own programmes, with state and deadline."""
    reports = (
        StatusReport.objects.filter(programme__manager=request.user)
        .exclude(period__state=ReportingPeriod.State.PUBLISHED)
        .select_related("programme", "period")
        .order_by("-period__start", "programme__name")
    )
    return render(request, "projects/my_reports.html", {"reports": reports})


def _previous_by_aspect(report: StatusReport) -> tuple[StatusReport | None, dict]:
    previous = report.previous()
    return previous, {status.aspect: status for status in previous.aspects} if previous else {}


@require_http_methods(["GET", "POST"])
@requires("projects.enter_report", with_report=True)
def edit_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The status form: save as draft, or submit to the controller."""
    report = report_for(request, pk)
    if not report.is_editable:
        if request.method == "POST":  # submitted meanwhile: show the input, don't drop it
            return _unsaved_input(request, report)
        messages.info(request, _("This report is not open for changes in its current state."))
        return redirect("projects:detail", pk=report.pk)
    conflict = None
    if request.method == "POST":
        # What the user loaded; without it (a script), the merge knows no base for the figures.
        posted_base = request.POST.get("base", "")
        if merge.read_base(report, posted_base) is None:
            posted_base = ""
        base_token = posted_base or merge.sign_base(report)
        data, unchosen = _apply_choices(request.POST, report, posted_base)
        form = StatusReportForm(data, instance=report)
        entry = FiguresEntry(report, data)
        if all([form.is_valid(), entry.is_valid()]):  # a list: validate both, show all errors
            submitting = "submit" in request.POST
            try:
                if unchosen:
                    raise _Unchosen(unchosen)
                with transaction.atomic():  # the lights and the figures together, or nothing
                    if entry.is_bound and merge.figures_changed_since(report, posted_base):
                        raise StaleReportError(report)  # e.g. a milestone changed in the admin
                    if submitting:  # one save: the content and the new state together
                        entry.save()  # first: submit() compares the lights with these figures
                        form.save(commit=False).submit(by=request.user)
                    else:
                        form.save()
                        entry.save()
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
                form = StatusReportForm(data, instance=report)
                form.is_valid()
                entry = FiguresEntry(report, data)
                entry.is_valid()
                _add_errors(form, error)
            else:
                if submitting:
                    messages.success(request, _("Submitted to the controller."))
                    return redirect("projects:my_reports")
                messages.success(request, _("Draft saved."))
                return redirect("projects:edit", pk=report.pk)
    else:
        form = StatusReportForm(instance=report)
        entry = FiguresEntry(report)
        base_token = merge.sign_base(report)
    previous, previous_aspects = _previous_by_aspect(report)
    signal_form = SignalForm(entry.signal_data(form.data if form.is_bound else form.initial))
    box = signal_form.box_context()
    return render(
        request,
        "projects/report_form.html",
        {
            "report": report,
            "form": form,
            "entry": entry,
            "signal_form": signal_form,
            "thresholds": SignalThresholds.current(),
            **box,
            "previous": previous,
            "rows": [
                {
                    "aspect": aspect,
                    "rating": form[f"{aspect}_rating"],
                    "explanation": form[f"{aspect}_explanation"],
                    "reason": _greener_reason(form, aspect, box["checks"]),
                    "previous": previous_aspects.get(aspect),
                }
                for aspect in Aspect
            ],
            "conflict": conflict,
            "base_token": base_token,
        },
    )


def _greener_reason(form: StatusReportForm, aspect: Aspect, checks: list) -> dict | None:
    """The "why not orange/red" field under money and time, marked required when greener."""
    if aspect not in StatusReport.GREENER_ASPECTS:
        return None
    return {
        "field": form[f"{aspect}_greener_reason"],
        "required": any(c.aspect == aspect and c.is_greener for c in checks),
    }


def _add_errors(form: StatusReportForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            if field not in form.errors:  # the form may have named it already
                form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
    """The user saved without choosing for every conflicting field: ask again, nothing saved."""
    version = int(data.get("version") or 0)
    base = merge.loaded_values(report, version, base_token)
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
        current = report_for(request, report.pk)
        form = StatusReportForm(data, instance=current)
        form.is_valid()
        _add_errors(form, error)
        return form, FiguresEntry(current, data), None, base_token
    who = ", ".join(person(user) for user in outcome.by) or _("someone else")
    if outcome.saved:
        kept = ", ".join(merge.label(k) for k in outcome.theirs_changed)
        messages.success(
            request,
            _("Saved. Meanwhile %(who)s changed this report; their changes were kept: %(fields)s.")
            % {"who": who, "fields": kept}
            if kept
            else _("Draft saved."),
        )
        if submitting:
            messages.success(request, _("Submitted to the controller."))
            return redirect("projects:my_reports")
        return redirect("projects:edit", pk=report.pk)
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
    last = current.history.select_related("history_user").order_by("-history_date").first()
    conflict = {
        "rows": merge.conflict_rows(outcome.conflicts),
        "by": outcome.by,
        "who": who,
        "at": last.history_date if last else None,
        "merged": [merge.label(k) for k in outcome.theirs_changed],
    }
    return form, entry, conflict, outcome.base_token


def _unsaved_input(request: HttpRequest, report: StatusReport) -> HttpResponse:
    """The report was submitted (or closed) while this user typed: show their input to copy."""
    form = StatusReportForm(request.POST, instance=report_for(request, report.pk))
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
@requires("projects.enter_report", with_report=True)
def check_aspect(request: HtmxHttpRequest, pk: int, aspect: str) -> HttpResponse:
    """Inline check of one aspect as its rating or explanation changes (htmx)."""
    report = report_for(request, pk)
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
    if getattr(report, f"{aspect}_rating") not in Rating.values:  # no colour: check as unrated
        setattr(report, f"{aspect}_rating", "")
    errors = report.submission_errors(aspects={aspect}, checks=checks)
    errors.pop(f"{aspect}_rating", None)  # an untouched light is not worth a message yet
    previous, previous_aspects = _previous_by_aspect(report)
    row = {
        "aspect": aspect,
        "rating": form[f"{aspect}_rating"],
        "explanation": form[f"{aspect}_explanation"],
        "reason": _greener_reason(form, aspect, checks),
        "previous": previous_aspects.get(aspect),
        "inline_errors": [str(m) for e in errors.values() for m in e.messages],
    }
    return render(
        request,
        "projects/report_form.html#aspect_check",
        {"report": report, "row": row, "form": form, "previous": previous},
    )


@require_GET
@requires("projects.view_report", with_report=True)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One report as it stands, the actions the user may take, and its history."""
    report = report_for(request, pk)
    return render(
        request,
        "projects/report_detail.html",
        {
            "report": report,
            "previous": report.previous(),
            "can_edit": report.is_editable
            and request.user.has_perm("projects.enter_report", report),
            "can_review": report.is_reviewable
            and request.user.has_perm("projects.review_report", report),
            "timeline": report.timeline(),
            "errata": report.errata.select_related("created_by"),
            "erratum_form": ErratumForm(),
            "exclusion_form": ExclusionForm(),
        },
    )


# --- Controllers ------------------------------------------------------------------------------


@require_GET
@requires("projects.review_queue")
def review_queue(request: HttpRequest) -> HttpResponse:
    reports = (
        StatusReport.objects.filter(state=StatusReport.State.SUBMITTED, exclusion_reason="")
        .exclude(period__state=ReportingPeriod.State.PUBLISHED)
        .select_related("programme__manager", "period")
        .order_by("submitted_at")
    )
    if not request.user.has_perm("projects.run_round"):
        reports = reports.filter(programme__controller=request.user)
    return render(request, "projects/review_queue.html", {"reports": reports})


@require_http_methods(["GET", "POST"])
@requires("projects.review_report", with_report=True)
def review_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The submitted report beside the previous period, changed words highlighted."""
    report = report_for(request, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] is not None:
            report.version = form.cleaned_data["version"]  # as read; save() refuses if stale
        try:
            if "approve" in request.POST:
                report.approve(by=request.user, comment=form.cleaned_data["review_comment"])
                messages.success(request, _("Approved. The programme manager has been told."))
            else:
                report.return_to_manager(
                    by=request.user, comment=form.cleaned_data["review_comment"]
                )
                messages.success(request, _("Returned to the programme manager."))
        except StaleReportError:
            messages.error(request, _("Someone else changed this report meanwhile; look again."))
            return redirect("projects:review", pk=report.pk)
        except ValidationError as error:
            report.refresh_from_db()
            if not hasattr(error, "error_dict"):  # the state moved on: say so, show it as it is
                messages.error(request, " ".join(_error_messages(error)))
                return redirect("projects:review", pk=report.pk)
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("projects:review_queue")
    previous = report.previous()
    previous_aspects = {s.aspect: s for s in previous.aspects} if previous else {}
    rows = [
        {
            "status": status,
            "previous": previous_aspects.get(status.aspect),
            "changed_text": highlight_changes(
                previous_aspects[status.aspect].explanation
                if status.aspect in previous_aspects
                else "",
                status.explanation,
            ),
            "rating_changed": status.aspect in previous_aspects
            and previous_aspects[status.aspect].rating != status.rating,
        }
        for status in report.aspects
    ]
    return render(
        request,
        "projects/review.html",
        {
            **figures_context(report, published_only=False),
            "report": report,
            "previous": previous,
            "rows": rows,
            "developments": highlight_changes(
                previous.developments if previous else "", report.developments
            ),
            "form": form,
        },
    )


# --- The coordinator --------------------------------------------------------------------------


def _board_period(request: HttpRequest) -> ReportingPeriod | None:
    periods = ReportingPeriod.objects.exclude(state=ReportingPeriod.State.PUBLISHED)
    if slug := request.GET.get("period"):
        if not slug_re.fullmatch(slug):  # e.g. a NUL character, which PostgreSQL cannot compare
            raise Http404
        return get_object_or_404(ReportingPeriod, slug=slug)
    return periods.order_by("-start").first() or ReportingPeriod.objects.order_by("-start").first()


@require_GET
@requires("projects.run_round")
def board(request: HtmxHttpRequest) -> HttpResponse:
    """Completeness of the round: per programme its state, who acts next, days to deadline."""
    period = _board_period(request)
    reports = []
    counts = {}
    state = request.GET.get("state", "")
    if period is not None:
        all_reports = list(
            period.reports.select_related(
                "programme__manager", "programme__controller", "programme__parent", "period"
            )
        )
        for report in all_reports:
            key = "excluded" if report.is_excluded else report.state
            counts[key] = counts.get(key, 0) + 1
        reports = sorted(
            (
                r
                for r in all_reports
                if not state or state == ("excluded" if r.is_excluded else r.state)
            ),
            key=lambda r: r.programme.monitor_sort_key,
        )
    states = [(value, label) for value, label in StatusReport.State.choices]
    states.append(("excluded", _("excluded")))
    template = page_or_partial(request, "projects/board.html", "table")
    return render(
        request,
        template,
        {
            "period": period,
            "periods": ReportingPeriod.objects.order_by("-start"),
            "reports": reports,
            "states": [(value, label, counts.get(value, 0)) for value, label in states],
            "selected_state": state,
            "days_left": period.days_to_deadline() if period else None,
            "blockers": period.publication_blockers() if period else [],
        },
    )


@require_http_methods(["GET", "POST"])
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
        return redirect(f"{reverse('projects:board')}?period={period.slug}")
    return render(request, "projects/open_period.html", {"form": form})


@require_POST
@requires("projects.run_round")
def close_period(request: HttpRequest, slug: str) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, slug=slug)
    try:
        period.close_for_review()
        messages.success(request, _("Entry closed; the round is in review."))
    except ValidationError as error:
        messages.error(request, " ".join(_error_messages(error)))
    return redirect(f"{reverse('projects:board')}?period={period.slug}")


@require_POST
@requires("projects.run_round")
def exclude_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk)
    form = ExclusionForm(request.POST)
    try:
        if not form.is_valid():  # e.g. a NUL character, which the database cannot store
            raise ValidationError(form.errors["exclusion_reason"])
        report.exclude_from_publication(
            by=request.user, reason=form.cleaned_data["exclusion_reason"]
        )
        messages.success(
            request,
            _("%(programme)s is left out of the publication.") % {"programme": report.programme},
        )
    except StaleReportError:
        messages.error(request, _("Someone else changed this report meanwhile; look again."))
    except ValidationError as error:
        messages.error(request, " ".join(_error_messages(error)))
    return redirect(f"{reverse('projects:board')}?period={report.period.slug}")


@require_POST
@requires("projects.run_round")
def readmit_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo an exclusion, e.g. when the report arrives after all."""
    report = report_for(request, pk)
    try:
        report.readmit(by=request.user)
        messages.success(
            request,
            _("%(programme)s takes part in the publication again.")
            % {"programme": report.programme},
        )
    except (StaleReportError, ValidationError):
        messages.error(request, _("This report can no longer be readmitted."))
    return redirect(f"{reverse('projects:board')}?period={report.period.slug}")
