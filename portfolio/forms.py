from __future__ import annotations

import datetime as dt

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
    # When the stored letter was last changed as this user saw it: a later change is a conflict.
    # ISO text, not a DateTimeField: its widget drops the microseconds that tell two saves apart.
    opened = forms.CharField(required=False, widget=forms.HiddenInput)

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
        for name in CouncilLetter.TEXT_FIELDS:
            self.fields[name].theirs = None  # set by show_conflict
        if self.instance.pk and not self.is_bound:
            self.initial["opened"] = self.instance.updated_at.isoformat()

    def clean_opened(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.cleaned_data["opened"])
        except ValueError:  # empty for a new letter; anything else counts as "seen nothing"
            return None

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in CouncilLetter.TEXT_FIELDS}

    def show_conflict(self, theirs: CouncilLetter) -> None:
        """Keep this user's text in the fields, show the other's beside each one that differs,
        and take their version as the new base so a second save overwrites knowingly."""
        author = theirs.updated_by
        who = (author.get_full_name() or author.username) if author else ""
        self.add_error(
            None,
            _(
                "%(who)s saved this letter after you opened it. Your text is kept below; their "
                "version is shown under each paragraph that differs. Save again to keep yours."
            )
            % {"who": who or _("Someone else")},
        )
        for name, text in theirs.texts().items():
            if text != self.cleaned_data.get(name):
                self.fields[name].theirs = text
        data = self.data.copy()
        data["opened"] = theirs.updated_at.isoformat()
        self.data = data
