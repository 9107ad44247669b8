"""Template filters for the cost picture (issue 22)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .monitor import euros

register = template.Library()


@register.filter
def given_euros(value: Decimal | None) -> str:
    """An amount, or "niet opgegeven" where none was given: never shown as 0."""
    if value is None:
        return format_html('<span class="muted">{}</span>', _("not given"))
    return euros(value)
