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


def validate_storable_text(value: str | None) -> None:
    """Refuse text the database cannot store: a NUL character or an unpaired surrogate.

    PostgreSQL rejects both with an error, not a message, so without this a pasted NUL in a
    form, the admin or an imported cell ends in a 500 or a traceback instead of a reason.
    """
    if not value:
        return
    if "\x00" in value:
        raise ValidationError(
            _("The text contains a NUL character (\\0), which cannot be stored; remove it."),
            code="null_characters_not_allowed",
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            _("The text contains an invalid character (an unpaired surrogate); retype it."),
            code="unpaired_surrogate",
        ) from None


# First URL segments the period pages (``/<period>/``) must never take: the site's own paths.
RESERVED_SLUGS = frozenset(
    {"beheer", "admin", "signaal", "periodes", "accounts", "i18n", "static", "media"}
)


def reserved_slugs() -> frozenset[str]:
    """The fixed reserved words plus every literal first segment the root URLconf routes.

    Read from the URLconf, so a path added later (``/hulp/``) is reserved without anyone
    remembering this list; a period with that slug would otherwise be unreachable.
    """
    from django.conf import settings
    from django.urls import get_resolver

    segments = set(RESERVED_SLUGS)
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url:
            segments.add(str(url).strip("/").split("/")[-1])
    pending = list(get_resolver().url_patterns)
    while pending:
        pattern = pending.pop()
        route = str(pattern.pattern)
        first = route.lstrip("^").split("/", 1)[0]
        if not first:  # an include at the root: look at its own patterns
            pending.extend(getattr(pattern, "url_patterns", []))
        elif "<" not in first and "(" not in first and "\\" not in first:
            segments.add(first)
    return frozenset(segments)
