"""The report form's cost split and benefit statuses (issue 22), and the controller's
assessment on the review form.

Kept apart from ``forms.py``: ``ReportEntry`` extends ``FiguresEntry`` with two formsets, and
the view uses it in its place. Saving compares each row with what is stored and writes only
what changed, so an untouched save rewrites no row and adds no history record.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .calculations import CostLine, cost_split_errors
from .choices import Rating
from .forms import AmountField, FiguresEntry
from .models import (
    AspectStatus,
    Benefit,
    BenefitState,
    BenefitStatus,
    ControllerAssessment,
    CostCategory,
    CostSplit,
    StatusReport,
)


class CostSplitForm(forms.Form):
    """One Rijks category: every amount optional ("niet opgegeven", never 0)."""

    initial_estimate = AmountField(label=_("initial estimate"), required=False)
    current_estimate = AmountField(label=_("current estimate"), required=False)
    actual_to_date = AmountField(label=_("actual to date"), required=False)
    committed = AmountField(label=_("contracted"), required=False)

    def __init__(self, *args, category: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        self.category_label = CostCategory(category).label if category else ""
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{capfirst(field.label)}: {self.category_label}"

    def clean(self) -> dict:
        data = super().clean()
        error = CostSplit.committed_error(data.get("committed"), data.get("current_estimate"))
        if error:
            self.add_error("committed", error)
        return data

    def line(self) -> CostLine:
        data = self.cleaned_data
        return CostLine(
            self.category,
            data.get("initial_estimate"),
            data.get("current_estimate"),
            data.get("actual_to_date"),
            data.get("committed"),
        )


class BaseCostSplitFormSet(forms.BaseFormSet):
    """The four categories in order; the totals must agree with the report's money figures."""

    def __init__(self, *args, money: forms.Form | None = None, **kwargs) -> None:
        self.money = money
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int) -> dict:
        return {"category": list(CostCategory)[index].value}

    def clean(self) -> None:
        if any(form.errors for form in self.forms) or self.money is None:
            return
        money = self.money.cleaned_data if self.money.is_valid() else {}
        errors = cost_split_errors(
            [form.line() for form in self.forms],
            money.get("forecast_at_completion"),
            money.get("spent_to_date"),
        )
        if errors:
            raise ValidationError(errors, code="cost_split_total")


CostSplitFormSet = forms.formset_factory(
    CostSplitForm, formset=BaseCostSplitFormSet, extra=0, min_num=4, max_num=4, absolute_max=4
)


class BenefitStatusForm(forms.Form):
    """One promised benefit: its status this period and what has been measured so far."""

    status = forms.ChoiceField(
        label=_("status"),
        choices=[("", _("– not reported –")), *BenefitState.choices],
        required=False,
    )
    measured_value = forms.CharField(label=_("measured so far"), max_length=100, required=False)

    def __init__(self, *args, benefit: Benefit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.benefit = benefit
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{capfirst(field.label)}: {benefit}"


class BaseBenefitStatusFormSet(forms.BaseFormSet):
    def __init__(self, *args, benefits: list[Benefit] = (), **kwargs) -> None:
        self.benefits = list(benefits)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int) -> dict:
        return {"benefit": self.benefits[index]}


def benefit_formset(data, benefits: list[Benefit], initial: list[dict]):
    formset = forms.formset_factory(
        BenefitStatusForm,
        formset=BaseBenefitStatusFormSet,
        extra=0,
        min_num=len(benefits),
        max_num=len(benefits),
        absolute_max=len(benefits),
    )
    return formset(data, initial=initial, benefits=benefits, prefix="benefits")


def _cost_initial(report: StatusReport) -> list[dict]:
    stored = {row.category: row for row in report.cost_split.all()} if report.pk else {}
    return [
        {name: getattr(stored.get(c), name, None) for name in CostSplit.VALUES}
        for c in CostCategory
    ]


class ReportEntry(FiguresEntry):
    """The figures part of the report form plus the cost split and the benefit statuses."""

    def __init__(self, report: StatusReport, data=None) -> None:
        super().__init__(report, data)
        if data is not None and "costs-TOTAL_FORMS" not in data:
            data = None  # a post without this part leaves the stored rows alone
        self.costs = CostSplitFormSet(
            data, initial=_cost_initial(report), prefix="costs", money=self.figures
        )
        self.benefits = list(report.programme.benefits.all())
        self.stored_statuses = {s.benefit_id: s for s in report.benefit_statuses.all()}
        initial = [
            {
                "status": getattr(self.stored_statuses.get(b.pk), "status", ""),
                "measured_value": getattr(self.stored_statuses.get(b.pk), "measured_value", ""),
            }
            for b in self.benefits
        ]
        self.benefit_statuses = benefit_formset(data, self.benefits, initial)

    @property
    def forms(self) -> list:
        """Validated with the figures (``FiguresEntry.is_valid``) when posted."""
        mine = [self.costs, self.benefit_statuses] if self.costs.is_bound else []
        return [*super().forms, *mine]

    def save(self, *, capture: bool = False) -> bool:
        """The figures (``FiguresEntry.save``), then the split and statuses that changed.
        True when anything was written."""
        with transaction.atomic():
            written = super().save(capture=capture)
            if self.costs.is_bound:
                costs = save_cost_split(self.report, [form.line() for form in self.costs])
                statuses = save_benefit_statuses(self.report, self.benefit_statuses)
                written = costs or statuses or written
            return written


def save_cost_split(report: StatusReport, lines: list[CostLine]) -> bool:
    """Compare, write only what changed: an untouched category is not saved again. True when
    a row was written or deleted."""
    stored = {row.category: row for row in report.cost_split.all()}
    written = False
    for line in lines:
        values = {
            "initial_estimate": line.initial,
            "current_estimate": line.current,
            "actual_to_date": line.actual,
            "committed": line.committed,
        }
        row = stored.get(line.category)
        if all(v is None for v in values.values()):
            if row is not None:
                row.delete()
                written = True
            continue
        if row is not None and all(_same(getattr(row, k), v) for k, v in values.items()):
            continue
        row = row or CostSplit(report=report, category=line.category)
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        written = True
    return written


def _same(stored: Decimal | None, entered: Decimal | None) -> bool:
    return stored == entered  # Decimal("1.00") == Decimal("1"): formatting is not a change


def save_benefit_statuses(report: StatusReport, formset) -> bool:
    """Per benefit: the status and measured value, with a copy of the benefit as it stands;
    written only when any of it differs from the stored row. True when a row was written."""
    stored = {s.benefit_id: s for s in report.benefit_statuses.all()}
    written = False
    for form in formset:
        benefit, data = form.benefit, form.cleaned_data
        row = stored.get(benefit.pk)
        if not data.get("status"):
            if row is not None:
                row.delete()
                written = True
            continue
        wanted = {name: getattr(benefit, name) for name in Benefit.COPIED}
        wanted |= {"status": data["status"], "measured_value": data.get("measured_value", "")}
        if row is not None and all(getattr(row, k) == v for k, v in wanted.items()):
            continue
        row = row or BenefitStatus(report=report, benefit=benefit)
        for name, value in wanted.items():
            setattr(row, name, value)
        row.save()
        written = True
    return written


class AssessmentForm(forms.Form):
    """At approval, the controller's own light per aspect; by default the manager's."""

    def __init__(self, report: StatusReport, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        stored = {a.aspect: a for a in report.controller_assessments.all()}
        for status in report.aspects:
            aspect = status.aspect
            own = stored.get(aspect)
            self.fields[f"{aspect}_assessment"] = forms.ChoiceField(
                label=_("Your light: %(aspect)s") % {"aspect": aspect.label},
                choices=Rating.choices,
                required=False,
                initial=own.rating if own else status.rating,
            )
            self.fields[f"{aspect}_assessment_note"] = forms.CharField(
                label=_("Why your light differs: %(aspect)s") % {"aspect": aspect.label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=own.note if own else "",
            )

    def rows(self) -> list[tuple[AspectStatus, forms.BoundField, forms.BoundField]]:
        """Per aspect: the manager's light and words, the controller's light and note."""
        return [
            (s, self[f"{s.aspect}_assessment"], self[f"{s.aspect}_assessment_note"])
            for s in self.report.aspects
        ]

    def clean(self) -> dict:
        data = super().clean()
        for status in self.report.aspects:
            rating = data.get(f"{status.aspect}_assessment") or status.rating
            note = (data.get(f"{status.aspect}_assessment_note") or "").strip()
            if rating and rating != status.rating and not note:
                self.add_error(
                    f"{status.aspect}_assessment_note", ControllerAssessment.NOTE_REQUIRED
                )
        return data

    def save(self) -> None:
        """Rows only where the controller differs; compare, write only what changed."""
        stored = {a.aspect: a for a in self.report.controller_assessments.all()}
        for status in self.report.aspects:
            aspect = status.aspect
            rating = self.cleaned_data.get(f"{aspect}_assessment") or status.rating
            note = (self.cleaned_data.get(f"{aspect}_assessment_note") or "").strip()
            row = stored.get(aspect)
            if not rating or rating == status.rating:
                if row is not None:
                    row.delete()
                continue
            if row is not None and (row.rating, row.note) == (rating, note):
                continue
            row = row or ControllerAssessment(report=self.report, aspect=aspect)
            row.rating, row.note = rating, note
            row.save()
