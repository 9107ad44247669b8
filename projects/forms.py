"""Forms of the reporting round. Validation rules live on the models; forms only collect input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseInlineFormSet, BaseModelFormSet
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .calculations import signal_checks
from .models import (
    MONEY,
    Aspect,
    Milestone,
    Programme,
    Rating,
    ReportFigures,
    ReportingPeriod,
    Risk,
    StatusReport,
    capture_figures,
    frame_of,
)
from .validators import validate_plausible_amount, validate_plausible_date

DATE_INPUT = {"format": "%Y-%m-%d", "attrs": {"type": "date"}}
MONEY_DIGITS, MONEY_PLACES = MONEY["max_digits"], MONEY["decimal_places"]


class StatusReportForm(forms.ModelForm):
    """The manager's entry: four lights with explanations, and developments and outlook.

    ``version`` travels as a hidden field so a save based on an old copy is refused
    (``StatusReport.save`` compares it with the stored version).
    """

    class Meta:
        model = StatusReport
        fields = [*StatusReport.CONTENT_FIELDS, "version"]
        widgets = {
            "version": forms.HiddenInput,
            "developments": forms.Textarea(attrs={"rows": 8}),
            **{f"{aspect}_explanation": forms.Textarea(attrs={"rows": 5}) for aspect in Aspect},
            **{
                f"{aspect}_greener_reason": forms.Textarea(attrs={"rows": 3})
                for aspect in StatusReport.GREENER_ASPECTS
            },
        }

    def __init__(self, *args, signal_checks=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The signal checks of the figures posted with this form (``bound_report_forms``);
        # None: the stored figures. A submission is checked against them.
        self.signal_checks = signal_checks
        for aspect in Aspect:
            field = self.fields[f"{aspect}_rating"]
            field.widget = forms.RadioSelect()
            field.choices = Rating.choices
            field.required = False
            if aspect in (Aspect.MONEY, Aspect.TIME):  # the signal box compares these
                field.widget.attrs["class"] = SignalInput.CLASS
            self.fields[f"{aspect}_explanation"].label = _("Explanation")
        for aspect in StatusReport.GREENER_ASPECTS:
            self.fields[f"{aspect}_greener_reason"].label = _("Why not orange/red?")

    def _post_clean(self) -> None:
        super()._post_clean()
        if "submit" in self.data:
            # Checked with the other fields, not only by ``submit()`` after they pass: the
            # error summary then names every item of ``submission_errors`` at once, together
            # with any wrong figure. A greener light's reason is judged against the figures of
            # this same post (``signal_checks``), as ``submit()`` will after storing them.
            errors = self.instance.submission_errors(checks=self.signal_checks)
            for name, error in errors.items():
                if name not in self.errors:
                    self.add_error(name, error)

    def aspect_rows(self, checks: list, previous: StatusReport | None, aspects=tuple(Aspect)):
        """Per aspect what its card shows: the fields, the reason field, the previous status.

        Built here once for the whole form and for the inline check of one aspect (htmx).
        """
        earlier = {status.aspect: status for status in previous.aspects} if previous else {}
        return [
            {
                "aspect": aspect,
                "rating": self[f"{aspect}_rating"],
                "explanation": self[f"{aspect}_explanation"],
                "reason": self._greener_reason(aspect, checks),
                "previous": earlier.get(aspect),
            }
            for aspect in aspects
        ]

    def _greener_reason(self, aspect: Aspect, checks: list) -> dict | None:
        """The "why not orange/red" field under money and time, marked required when greener."""
        if aspect not in StatusReport.GREENER_ASPECTS:
            return None
        return {
            "field": self[f"{aspect}_greener_reason"],
            "required": any(c.aspect == aspect and c.is_greener for c in checks),
        }


def _as_stored(value):
    """A value as the database keeps it: text with LF line breaks (``newlines.py``)."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def row_changed(form: forms.ModelForm) -> bool:
    """Whether saving this validated model form would change what is stored.

    A new row: whether anything was entered (an untouched empty row adds nothing). A stored
    row: its fields as posted against the row as stored now, line breaks as stored. Browsers
    post CRLF and localized numbers, so ``form.has_changed()`` alone saw edits nobody made.
    Any model form of the report page can be asked, so new parts plug in without new rules.
    """
    instance = form.instance
    if instance.pk is None or instance._state.adding:
        return form.has_changed()
    model_fields = {f.name: f for f in instance._meta.concrete_fields}
    fields = [model_fields[name] for name in form.fields if name in model_fields]
    stored = (
        type(instance)
        ._base_manager.filter(pk=instance.pk)
        .values(*[field.attname for field in fields])
        .first()
    )
    if stored is None:
        return True
    return any(
        _as_stored(field.value_from_object(instance)) != _as_stored(stored[field.attname])
        for field in fields
    )


def add_model_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a model's ``ValidationError`` on ``form``: per field where the form has that field
    (unless it already says what is wrong there), above the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        if field not in form.errors:
            form.add_error(field if field in form.fields else None, errors)


class ReviewForm(forms.Form):
    """A controller's verdict. The comment is required when returning (checked by the model)."""

    review_comment = forms.CharField(
        label=_("Comment for the programme manager"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # The version the controller read: a verdict on a report changed since is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ExclusionForm(forms.Form):
    """The coordinator's reason; the model says when it is missing (one message for both)."""

    exclusion_reason = forms.CharField(
        label=_("Reason for exclusion (shown in the publication)"),
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
        required=False,
    )


class ErratumForm(forms.Form):
    """A correction; the model says when it is missing (one message for both)."""

    text = forms.CharField(
        label=_("Correction"),
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
        required=False,
    )


class PeriodForm(forms.ModelForm):
    """Opening a new round: the label, its dates and the deadline for managers."""

    class Meta:
        model = ReportingPeriod
        fields = ["label", "start", "end", "deadline"]
        # <input type="date"> takes ISO dates only; the localised "01-06-2023" shows empty.
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("start", "end", "deadline")
        }


# --- Figures on the report form (issue 6) -------------------------------------------------------


class SignalInput:
    """Inputs the signal box listens to: htmx re-renders the box when they change."""

    CLASS = "signal-input"


class AmountField(forms.DecimalField):
    """Euros as people write them: "1.250.000,50" or "1250000,50" in Dutch, "1,250,000.50" or
    "1250000.50" in English; a leading or trailing "€" and spaces around it are allowed.

    A text input, not ``<input type="number">``: a browser cannot show a localized value such
    as "13.890.000" in a number input, so it posted the field empty on an untouched save, and
    it dropped a Dutch decimal comma ("13890000,50" became 1389000050). The text is parsed
    here, exactly: grouping separators (the locale's, or spaces) only in groups of three, so
    "1.5" in Dutch is refused with an example rather than silently read as fifteen. Whatever
    ``prepare_value`` renders parses back to the same amount.
    """

    widget = forms.TextInput
    default_error_messages = {
        "amount": _("Write amounts like %(example)s or %(plain)s."),
    }
    SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces: read as spaces

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def run_validators(self, value) -> None:
        if value not in self.empty_values:
            validate_plausible_amount(value)  # one clear message, not also "at most 14 digits"
        super().run_validators(value)

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        text = str(value).translate({ord(c): " " for c in self.SPACES}).strip()
        if text.startswith("€"):  # one euro sign, before or after the amount
            text = text[1:].strip()
        elif text.endswith("€"):
            text = text[:-1].strip()
        grouping = re.escape(formats.get_format("THOUSAND_SEPARATOR"))
        decimal = re.escape(formats.get_format("DECIMAL_SEPARATOR"))
        match = re.fullmatch(
            rf"(?P<sign>[-+]?)(?P<whole>[0-9]{{1,3}}(?:{grouping}[0-9]{{3}})+"
            rf"|[0-9]{{1,3}}(?: [0-9]{{3}})+|[0-9]+)(?:{decimal}(?P<fraction>[0-9]+))?",
            text,
        )
        if match is None:
            raise ValidationError(
                self.error_messages["amount"],
                code="amount",
                params={
                    "example": self.prepare_value(Decimal("1250000.50")),
                    "plain": formats.number_format(Decimal("1250000.50"), 2, use_l10n=True),
                },
            )
        whole = re.sub(r"[^0-9]", "", match["whole"])
        return Decimal(f"{match['sign']}{whole}.{match['fraction'] or 0}")

    def prepare_value(self, value):
        """The amount as the locale writes it, grouped, with exactly the decimals it has."""
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if isinstance(value, Decimal) and value.is_finite():
            places = 0 if value == value.to_integral_value() else max(2, -value.as_tuple().exponent)
            return formats.number_format(value, places, use_l10n=True, force_grouping=True)
        return value


class ReportFiguresForm(forms.ModelForm):
    """What the manager enters this period: forecast at completion, spent, forecast end date.

    Field names match ``SignalForm``'s, so the signal box reads them straight from the form.
    """

    class Meta:
        model = ReportFigures
        fields = ["forecast_at_completion", "spent_to_date", "forecast_end_date"]
        widgets = {"forecast_end_date": forms.DateInput(**DATE_INPUT)}
        field_classes = {"forecast_at_completion": AmountField, "spent_to_date": AmountField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("forecast_at_completion", "forecast_end_date"):
            self.fields[name].widget.attrs["class"] = SignalInput.CLASS


class MilestoneForm(forms.ModelForm):
    """A milestone's forecast, actual date and note; name and baseline date are the frame."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The table's inputs have no visible label of their own: name them for screen readers.
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{capfirst(field.label)}: {self.instance.name}"

    class Meta:
        model = Milestone
        fields = ["forecast_date", "actual_date", "note"]
        widgets = {
            "forecast_date": forms.DateInput(**DATE_INPUT),
            "actual_date": forms.DateInput(**DATE_INPUT),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class RiskForm(forms.ModelForm):
    """One entry of the risk register; a score is chosen from 1 to 5 with its meaning."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("likelihood", "impact"):
            field = self.fields[name]
            field.choices = [("", _("– choose –")), *list(field.choices)[1:]]

    class Meta:
        model = Risk
        fields = ["title", "cause", "likelihood", "impact", "measure", "owner", "state"]
        widgets = {
            "cause": forms.Textarea(attrs={"rows": 2}),
            "measure": forms.Textarea(attrs={"rows": 2}),
        }


class MilestoneFormSet(BaseModelFormSet):
    """Only the programme's own milestones, in plan order; none added or removed here."""


class RiskFormSet(BaseInlineFormSet):
    """The programme's risk register; one empty row adds a risk, an untouched one is skipped."""


milestone_formset = forms.modelformset_factory(
    # edit_only: milestones come from the frame; a forged extra row must not create one.
    Milestone,
    form=MilestoneForm,
    formset=MilestoneFormSet,
    extra=0,
    can_delete=False,
    edit_only=True,
)
risk_formset = forms.inlineformset_factory(
    Programme, Risk, form=RiskForm, formset=RiskFormSet, extra=1, can_delete=False
)


class FiguresEntry:
    """The figures part of the report form: this period's figures, milestones and risks.

    Validated together with the lights and saved in the caller's transaction, so a report is
    never stored with half its figures. ``save`` ends with ``capture_figures``: the report's
    copy then shows exactly what was entered, which is what the controller reviews.
    """

    MARKER = "risks-TOTAL_FORMS"

    def __init__(self, report: StatusReport, data=None) -> None:
        self.report = report
        # A post without the figures part (an older form, a script posting only the lights)
        # leaves the stored figures alone instead of wiping them.
        if data is not None and self.MARKER not in data:
            data = None
        programme = report.programme
        existing = ReportFigures.objects.filter(report=report).first()
        if existing is not None:
            # The same report object as the lights' form: ``ReportFigures.clean`` reads the
            # money explanation being entered, not the stored one.
            existing.report = report
        self.figures = ReportFiguresForm(
            data, instance=existing or ReportFigures(report=report), prefix=None
        )
        self.milestones = milestone_formset(
            data, queryset=programme.milestones.all(), prefix="milestones"
        )
        self.risks = risk_formset(
            data, instance=programme, queryset=programme.risks.all(), prefix="risks"
        )
        self.frame = frame_of(programme)

    @property
    def forms(self) -> list:
        return [self.figures, self.milestones, self.risks]

    @property
    def is_bound(self) -> bool:
        return self.figures.is_bound

    def is_valid(self) -> bool:
        if not self.is_bound:
            return True  # nothing entered: nothing to refuse
        return all([form.is_valid() for form in self.forms])  # a list: validate every part

    @property
    def rows(self) -> list[forms.ModelForm]:
        """Every model form of the entry, one per stored (or new) row."""
        rows = [self.figures]
        for formset in (self.milestones, self.risks):
            # An edit-only set (milestones come from the frame) never adds a row, forged or not.
            rows += formset.initial_forms if formset.edit_only else formset.forms
        return rows

    def changed_rows(self) -> list[forms.ModelForm]:
        """The rows whose input differs from what is stored: the only ones ``save`` writes."""
        return [form for form in self.rows if row_changed(form)] if self.is_bound else []

    def save(self, *, capture: bool = False) -> bool:
        """Store what changed and copy the figures into the report; call inside the report's
        transaction. Nothing changed (and no ``capture`` asked, as a submission does): nothing
        is written, not even the copy, so an untouched save leaves no trace in any history.
        True when anything was written."""
        with transaction.atomic():
            changed = self.changed_rows()
            for form in changed:
                row = form.save(commit=False)
                if form is self.figures:
                    row.report = self.report
                row.save()
            if changed or capture:
                capture_figures(self.report)
                return True
            return False

    def signal_data(self, rating_data: dict) -> dict:
        """The values the signal box starts from: the frame, the forecasts and the two lights."""
        source = self.figures.data if self.figures.is_bound else None
        data = {
            "original_budget": self.frame.original_budget,
            "current_budget": self.frame.current_budget,
            "original_end_date": self.frame.original_end_date,
            "current_end_date": self.frame.current_end_date,
        }
        for name in ("forecast_at_completion", "forecast_end_date"):
            data[name] = (
                source.get(name, "") if source is not None else self.figures.initial.get(name)
            )
        for aspect in (Aspect.MONEY, Aspect.TIME):
            data[f"{aspect}_rating"] = rating_data.get(f"{aspect}_rating") or ""
        return {k: "" if v is None else v for k, v in data.items()}


def bound_report_forms(
    report: StatusReport, data, entry_class: type[FiguresEntry] = FiguresEntry
) -> tuple[StatusReportForm, FiguresEntry]:
    """The lights' form and the figures' entry for one post, the lights checked against the
    figures of that post (their signal decides whether a greener light needs a reason).

    The report form's view passes its own entry (``insight_forms.ReportEntry``, with the cost
    split and benefit statuses): given the plain one, those parts of the post are dropped."""
    entry = entry_class(report, data)
    checks = None
    if entry.is_bound:
        checks = SignalForm(entry.signal_data(data)).box_context()["checks"]
    return StatusReportForm(data, instance=report, signal_checks=checks), entry


class SignalForm(forms.Form):
    """The figures and chosen lights the signal box needs; names match the report form's."""

    money_rating = forms.ChoiceField(label=_("money"), choices=Rating.choices, required=False)
    time_rating = forms.ChoiceField(label=_("time"), choices=Rating.choices, required=False)
    forecast_at_completion = AmountField(
        label=_("forecast at completion (€)"), required=False, min_value=0
    )
    # The frame comes from hidden inputs in machine format ("12400000.00"), not from typing;
    # anyone can send anything to /signaal/, so the same bounds apply as to typed figures.
    original_budget = forms.DecimalField(
        label=_("original budget (€)"),
        required=False,
        min_value=0,
        **MONEY,
        validators=[validate_plausible_amount],
    )
    current_budget = forms.DecimalField(
        label=_("current budget (€)"),
        required=False,
        min_value=0,
        **MONEY,
        validators=[validate_plausible_amount],
    )
    forecast_end_date = forms.DateField(
        label=_("forecast end date"), required=False, validators=[validate_plausible_date]
    )
    original_end_date = forms.DateField(
        label=_("original end date"), required=False, validators=[validate_plausible_date]
    )
    current_end_date = forms.DateField(
        label=_("current end date"), required=False, validators=[validate_plausible_date]
    )

    FIGURES = [
        "forecast_at_completion",
        "original_budget",
        "current_budget",
        "forecast_end_date",
        "original_end_date",
        "current_end_date",
    ]

    def box_context(self) -> dict:
        """``signals`` and ``checks`` for ``components/figures.html#signal``; empty if invalid.

        Computes only from the input: it reads no report, so it reveals nothing unpublished.
        """
        if not self.is_valid():
            return {"signals": [], "checks": []}
        data = self.cleaned_data
        figures = ReportFigures(**{name: data[name] for name in self.FIGURES})
        # A manager typing before any re-baseline has only one budget and end date.
        figures.original_budget = figures.original_budget or figures.current_budget
        figures.original_end_date = figures.original_end_date or figures.current_end_date
        signals = figures.signals()
        chosen = {
            aspect: Rating(data[f"{aspect}_rating"]) if data[f"{aspect}_rating"] else None
            for aspect in (Aspect.MONEY, Aspect.TIME)
        }
        return {"signals": signals, "checks": signal_checks(signals, chosen)}


# --- The error summary at the top of the report form (issue 9, defect 5) ------------------------


@dataclass(frozen=True)
class FieldError:
    """One wrong field for the summary: what it is called, what is wrong, the input's id."""

    label: str
    message: str
    anchor: str


def _messages(errors) -> str:
    return " ".join(str(message) for message in errors)


def _label_and_anchor(form: StatusReportForm, name: str, message: str) -> tuple[str, str, str]:
    """A field of the lights form as the summary and the checklist name and link it."""
    aspect, _sep, part = name.partition("_")
    if part == "rating":
        label = _("Rating %(aspect)s") % {"aspect": Aspect(aspect).label}
        anchor = f"{form[name].auto_id}_0"  # the first radio button
    elif part == "explanation":
        label = _("Explanation %(aspect)s") % {"aspect": Aspect(aspect).label}
        anchor = form[name].auto_id
    elif part == "greener_reason":
        label = _("Why not orange/red: %(aspect)s") % {"aspect": Aspect(aspect).label}
        anchor = form[name].auto_id
    else:
        label, anchor = capfirst(form.fields[name].label), form[name].auto_id
    return str(label), message, anchor


def submission_checklist(form: StatusReportForm) -> list[FieldError]:
    """What still blocks submission, each linking to its input: shown, not enforced, on a draft.

    Read from the form's report as entered (bound) or as stored (unbound).
    """
    if form.is_bound and "submit" in form.data:
        return []  # a refused submission lists the same items in the error summary
    if form.is_bound:
        form.is_valid()  # the entered values on the instance
    return [
        FieldError(*_label_and_anchor(form, name, _messages(error.messages)))
        for name, error in form.instance.submission_errors().items()
        if name in form.fields
    ]


def error_summary(form: StatusReportForm, entry: FiguresEntry) -> list[FieldError]:
    """Every wrong field of the report form, in page order, each linking to its input.

    A failed save used to say only "some figures are not valid", also when a light was
    missing. The lights form's own non-field errors (state, version) are shown above it.
    """
    found = [
        FieldError(*_label_and_anchor(form, name, _messages(errors)))
        for name, errors in form.errors.items()
        if name in form.fields and name != "version"
    ]
    found += _figures_errors(entry.figures)
    found += _formset_errors(
        entry.milestones,
        _("Milestone"),
        "forecast_date",
        lambda mform: mform.instance.name,
        (_("Milestones"), "figures-entry-heading"),
    )
    found += _formset_errors(
        entry.risks,
        _("risk"),
        "title",
        lambda rform: rform.instance.title if rform.instance.pk else _("Add a risk"),
        (_("Risk register"), "risks-heading"),
    )
    return found


def _figures_errors(figures: ReportFiguresForm) -> list[FieldError]:
    return [
        FieldError(
            str(capfirst(figures.fields[name].label)), _messages(errors), figures[name].auto_id
        )
        if name in figures.fields
        else FieldError(str(_("Figures this period")), _messages(errors), "figures-entry-heading")
        for name, errors in figures.errors.items()
    ]


def _formset_errors(formset, fallback_label, first_field: str, title, whole) -> list[FieldError]:
    """A formset's errors per row, named "<field>: <row's title>", then the set's own errors.

    ``whole`` is the label and anchor of the formset's own (non-form) errors.
    """
    found = []
    for row in formset.forms:
        for name, errors in row.errors.items():
            field = row.fields.get(name)
            label = capfirst(field.label) if field else fallback_label
            anchor = row[name if field else first_field].auto_id
            found.append(FieldError(f"{label}: {title(row)}", _messages(errors), anchor))
    if formset.non_form_errors():
        found.append(FieldError(str(whole[0]), _messages(formset.non_form_errors()), whole[1]))
    return found
