"""Editing an initiative: its card, its score and its cost lines, saved together or not at all.

The rules are the models' (``Score.clean``, ``CostLine.clean``, the field validators); these
forms only offer them. An untouched save writes nothing: unchanged forms are not saved, so no
history row appears either (``InitiativeEditor.save``).
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from projects.forms import AmountField

from .models import POINTS_MESSAGE, YIELD_MESSAGE, CostLine, Initiative, Score


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "number",
            "title",
            "priority",
            "municipalities",
            "explanation",
            "goal",
            "action_lines",
            "benefits",
            "duration",
            "organisations",
            "applications",
            "costs_note",
            "financing_note",
            "replaces",
        ]
        widgets = {
            "municipalities": forms.CheckboxSelectMultiple,
            "replaces": forms.CheckboxSelectMultiple,
            "explanation": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "organisations": forms.Textarea(attrs={"rows": 2}),
            "applications": forms.Textarea(attrs={"rows": 2}),
            "costs_note": forms.Textarea(attrs={"rows": 2}),
            "financing_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plan = self.instance.domain.plan
        self.fields["municipalities"].queryset = plan.municipalities.all()
        self.fields["replaces"].queryset = plan.contracts.all()


class ScoreForm(forms.ModelForm):
    """All four parts or none: an initiative without a score says so on the plan."""

    class Meta:
        model = Score
        fields = ["vision", "reach", "effect", "yield_points"]
        error_messages = {
            name: {"invalid_choice": message}
            for name, message in (
                ("vision", POINTS_MESSAGE),
                ("reach", POINTS_MESSAGE),
                ("effect", POINTS_MESSAGE),
                ("yield_points", YIELD_MESSAGE),
            )
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.choices = [("", "–"), *list(field.choices)[1:]]

    @property
    def is_empty(self) -> bool:
        return all(self.cleaned_data.get(name) in (None, "") for name in self.Meta.fields)

    def clean(self) -> dict:
        data = super().clean()
        filled = [data.get(name) not in (None, "") for name in self.Meta.fields]
        if any(filled) and not all(filled):
            raise forms.ValidationError(
                _("Fill in all four parts of the score (I-visie, Bereik, Effect, Opbrengst)."),
                code="incomplete",
            )
        return data

    def _post_clean(self) -> None:
        # An empty score is no score: nothing to validate against the model.
        if self.is_bound and not self.errors and self.is_empty:
            return
        super()._post_clean()


class CostLineForm(forms.ModelForm):
    amount = AmountField(label=_("needed (euro)"), required=False)
    covered = AmountField(label=_("already covered (euro)"), required=False)

    class Meta:
        model = CostLine
        fields = ["municipality", "year", "kind", "label", "is_pm", "amount", "covered"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.help_text = ""  # said once above the lines, not on every line

    def clean_covered(self):
        return self.cleaned_data.get("covered") or 0


CostLineFormSet = inlineformset_factory(
    Initiative, CostLine, form=CostLineForm, extra=1, can_delete=True
)


class InitiativeEditor:
    """The three forms of the edit page, validated and saved as one."""

    def __init__(self, initiative: Initiative, data=None) -> None:
        self.initiative = initiative
        self.form = InitiativeForm(data, instance=initiative, prefix="initiative")
        score = initiative.score_or_none or Score(initiative=initiative)
        self.score_form = ScoreForm(data, instance=score, prefix="score")
        self.costs = CostLineFormSet(data, instance=initiative, prefix="costs")
        plan = initiative.domain.plan
        for form in [*self.costs.forms, self.costs.empty_form]:
            form.fields["municipality"].queryset = plan.municipalities.all()

    def is_valid(self) -> bool:
        # The initiative first: the score's rule (no score for AO) reads the new priority.
        valid = self.form.is_valid()
        return self.score_form.is_valid() and self.costs.is_valid() and valid

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or self.score_form.errors
            or any(self.costs.errors)
            or self.costs.non_form_errors()
        )

    @transaction.atomic
    def save(self) -> bool:
        """Save what changed; return whether anything did."""
        changed = False
        if self.form.has_changed():
            self.form.save()
            changed = True
        score = self.score_form.instance
        if self.score_form.is_empty:
            if score.pk:
                score.delete()
                changed = True
        elif self.score_form.has_changed():
            self.score_form.save()
            changed = True
        self.costs.save()
        changed = changed or bool(
            self.costs.new_objects or self.costs.changed_objects or self.costs.deleted_objects
        )
        return changed
