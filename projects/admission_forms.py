"""The coordinator's forms for issue 25: score against the classification model, admit to the
monitor, and leave it. The rules stay on the models (``Classification.save``,
``Admission.clean``, ``Departure.clean``); these forms only ask."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Aspect
from .models import Admission, Classification, ClassificationModel, Departure, ReportingPeriod


class ClassificationForm(forms.Form):
    """One choice per criterion (0 to its highest answer) and a note."""

    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, model: ClassificationModel, latest: Classification | None, **kw):
        super().__init__(*args, **kw)
        self.model = model
        self.latest = latest if latest and latest.model_id == model.pk else None
        note = self.fields.pop("note")
        for criterion in model.criteria.all():
            choices = [("", "—")] + [(str(n), str(n)) for n in range(criterion.scale_max + 1)]
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.question,
                choices=choices,
                coerce=int,
                initial=self.latest and self.latest.answers.get(str(criterion.pk)),
            )
        self.fields["note"] = note
        self.fields["note"].initial = self.latest.note if self.latest else ""

    def answers(self) -> dict[str, int]:
        return {
            name[1:]: value for name, value in self.cleaned_data.items() if name.startswith("c")
        }

    def unchanged(self) -> bool:
        """Saved untouched: the answers and note of the latest scoring, so nothing is added."""
        return bool(
            self.latest
            and self.latest.answers == self.answers()
            and self.latest.note == self.cleaned_data["note"]
        )


class AdmissionForm(forms.ModelForm):
    aspects = forms.MultipleChoiceField(
        label=_("aspects reported"),
        choices=Aspect.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all four."),
    )

    class Meta:
        model = Admission
        fields = [
            "decision_body",
            "decided_on",
            "reference",
            "first_period",
            "grounds",
            "aspects",
            "rhythm",
            "extra_items",
        ]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "grounds": forms.Textarea({"rows": 3}),
            "extra_items": forms.Textarea({"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_period"].queryset = ReportingPeriod.objects.order_by("start")


class DepartureForm(forms.ModelForm):
    class Meta:
        model = Departure
        fields = [
            "reason",
            "last_period",
            "decided_on",
            "reference",
            "explanation",
            "lessons",
            "evaluated_on",
        ]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "evaluated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "explanation": forms.Textarea({"rows": 3}),
            "lessons": forms.Textarea({"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_period"].queryset = ReportingPeriod.objects.order_by("start")
