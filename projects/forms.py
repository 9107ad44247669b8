"""Forms of the reporting round. Validation rules live on the models; forms only collect input."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import Aspect, Rating, ReportingPeriod, StatusReport


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
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for aspect in Aspect:
            field = self.fields[f"{aspect}_rating"]
            field.widget = forms.RadioSelect()
            field.choices = Rating.choices
            field.required = False
            self.fields[f"{aspect}_explanation"].label = _("Explanation")

    def aspect_fields(self, aspect: Aspect) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"{aspect}_rating"], self[f"{aspect}_explanation"]


class ReviewForm(forms.Form):
    """A controller's verdict. The comment is required when returning (checked by the model)."""

    review_comment = forms.CharField(
        label=_("Comment for the programme manager"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExclusionForm(forms.Form):
    exclusion_reason = forms.CharField(
        label=_("Reason for exclusion (shown in the publication)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ErratumForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 3}))


class PeriodForm(forms.ModelForm):
    """Opening a new round: the label, its dates and the deadline for managers."""

    class Meta:
        model = ReportingPeriod
        fields = ["label", "start", "end", "deadline"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_label(self) -> str:
        label = self.cleaned_data["label"]
        if ReportingPeriod.objects.filter(slug=slugify(label.replace("/", ""))).exists():
            raise forms.ValidationError(_("A period with this name already exists."))
        return label
