from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CouncilLetter


class LFTextField(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF; the letter stores LF (as projects does,
    projects/newlines.py), so an untouched paragraph is not seen as changed."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class CouncilLetterForm(forms.ModelForm):
    """The letter's free-text paragraphs and the period whose published figures it uses."""

    period = forms.ChoiceField(label=_("Figures from the period"))

    class Meta:
        model = CouncilLetter
        fields = CouncilLetter.TEXT_FIELDS
        field_classes = dict.fromkeys(CouncilLetter.TEXT_FIELDS, LFTextField)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in CouncilLetter.TEXT_FIELDS}
        help_texts = {
            "what": _("Starts from the goal as published."),
            "financing": _(
                "Printed after the list of budget decisions, which comes from the data."
            ),
            "planning": _(
                "Printed after the end dates and the slippage, which come from the data."
            ),
            "closing": _("Printed last, under “Outlook”; leave empty to omit."),
        }

    def __init__(self, *args, periods, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.slug, p.label) for p in periods]
