"""Plausibility rules for what people type, shared by models, forms and imports.

One place for the bounds: a date outside 2000–2100 or an amount beyond a trillion euros is a
typo, never a fact of a municipal ICT programme, and letting it through breaks the pages that
compute with it (month arithmetic, percentages) for everyone who reads them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
# Fits MONEY (14 digits, 2 decimals) with room to spare; no municipal programme comes near.
LARGEST_AMOUNT = Decimal("999999999999.99")


def validate_plausible_date(value: dt.date | None) -> None:
    """Refuse dates outside 2000–2100: a typo such as 9999-12-31 would break every page."""
    if value is None:
        return
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("%(date)s is not a plausible date; use a date between %(first)s and %(last)s."),
            code="implausible_date",
            params={
                "date": value.isoformat(),
                "first": date_format(EARLIEST_DATE, "j F Y"),
                "last": date_format(LATEST_DATE, "j F Y"),
            },
        )


def validate_plausible_amount(value: Decimal | None) -> None:
    """Refuse amounts beyond ``LARGEST_AMOUNT`` (either sign) and NaN or infinity.

    Computing a percentage with a 40-digit amount overflows Decimal's precision
    (``decimal.InvalidOperation``); such an amount is always a typo.
    """
    if value is None:
        return
    if not value.is_finite() or abs(value) > LARGEST_AMOUNT:
        raise ValidationError(
            _("This amount is not plausible; amounts go up to %(largest)s euros."),
            code="implausible_amount",
            params={
                "largest": number_format(LARGEST_AMOUNT, 2, use_l10n=True, force_grouping=True)
            },
        )
