"""A report's history as people read it: which field changed, from what to what."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils import formats


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime.datetime
    who: object
    created: bool
    version: int | None  # None: only figures, milestones or risks changed, outside a form save
    changes: list[FieldChange]
    reason: str = ""  # the history's change reason, e.g. the import that wrote this version


def readable_value(model_field: models.Field, value) -> str:
    """A stored value as people read it: "rood", "15 november 2023", "€ 1.120.000"; "" if empty."""
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.DecimalField):
        amount = Decimal(value)
        places = 0 if amount == amount.to_integral_value() else 2
        return "€\u00a0" + formats.number_format(amount, places, use_l10n=True, force_grouping=True)
    if isinstance(model_field, models.DateField):
        return formats.date_format(value, "j F Y")
    return str(value)
