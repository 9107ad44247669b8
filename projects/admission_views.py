"""The coordinator's pages for issue 25: a programme's place in the monitor (its scorings, its
admission, its leaving). ``classify`` is shared with apps built on the monitor (the plan scores
an initiative with it) through ``classification_page``."""

from __future__ import annotations

from django.contrib import messages
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .admission_forms import AdmissionForm, ClassificationForm, DepartureForm
from .models import Admission, Classification, ClassificationModel, Departure, Programme
from .views import requires


def classification_page(
    request: HttpRequest, subject: models.Model, *, back: str, done: str
) -> HttpResponse:
    """Score ``subject`` on the model in use; saved untouched, no new scoring is added."""
    model = ClassificationModel.current()
    history = list(Classification.of(subject)) if subject.pk else []
    if model is None:
        messages.error(request, _("There is no classification model in use."))
        return redirect(back)
    form = ClassificationForm(
        request.POST or None, model=model, latest=history[0] if history else None
    )
    if request.method == "POST" and form.is_valid():
        if form.unchanged():
            messages.info(request, _("Nothing changed: the scoring stands."))
        else:
            scoring = Classification.record(
                subject, form.answers(), by=request.user, note=form.cleaned_data["note"]
            )
            verdict = _("meets the threshold") if scoring.admits else _("below the threshold")
            messages.success(
                request,
                _("Scored %(score)s: %(verdict)s.") % {"score": scoring.score, "verdict": verdict},
            )
        return redirect(done)
    context = {"form": form, "subject": subject, "model": model, "history": history, "back": back}
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/classification.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@requires("projects.run_round")
def classify(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.top_level(), pk=pk)
    here = request.path
    return classification_page(request, programme, back=_monitor_url(programme), done=here)


def _monitor_url(programme: Programme) -> str:
    return reverse("projects:admission", args=[programme.pk])


def latest_scoring(programme: Programme) -> Classification | None:
    """The programme's own newest scoring, else that of what it came from (an initiative)."""
    own = Classification.of(programme).first()
    if own is not None:
        return own
    origin = getattr(programme, "initiative", None)
    return Classification.of(origin).first() if origin is not None else None


@require_http_methods(["GET", "HEAD", "POST"])
@requires("projects.run_round")
def admission(request: HttpRequest, pk: int) -> HttpResponse:
    """Admit a programme (or change what was agreed): the decision, its date and reference."""
    programme = get_object_or_404(Programme.objects.top_level(), pk=pk)
    instance = getattr(programme, "admission", None) or Admission(programme=programme)
    scoring = latest_scoring(programme)
    form = AdmissionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if form.has_changed() or instance.pk is None:
                if instance.classification_id is None:
                    form.instance.classification = scoring
                form.save()
        messages.success(request, _("The admission is saved."))
        return redirect(request.path)
    context = {
        "programme": programme,
        "form": form,
        "scoring": scoring,
        "departure": getattr(programme, "departure", None),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/admission.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@requires("projects.run_round")
def departure(request: HttpRequest, pk: int) -> HttpResponse:
    """Leave the monitor: the reason, the last period, and later the evaluation."""
    programme = get_object_or_404(Programme.objects.top_level(), pk=pk)
    if getattr(programme, "admission", None) is None:
        messages.error(request, _("This programme has not been admitted to the monitor."))
        return redirect("projects:admission", programme.pk)
    instance = getattr(programme, "departure", None) or Departure(programme=programme)
    form = DepartureForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if form.has_changed() or instance.pk is None:
            form.save()
        messages.success(request, _("The departure is saved."))
        return redirect(request.path)
    context = {
        "programme": programme,
        "form": form,
        "final_report": instance.final_report() if instance.pk else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/departure.html", context, status=status)
