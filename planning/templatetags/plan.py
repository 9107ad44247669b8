"""How the plan's figures read: a cost cell with its PM-posts, a score to one decimal."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from reports.templatetags.monitor import euros

register = template.Library()


@register.filter
def cost_cell(cell) -> str:
    """ "€ 12.900", "PM", "€ 12.900 + PM", or "" when the card leaves the year empty."""
    if cell.needed is None:
        return "PM" if cell.pm else ""
    return f"{euros(cell.needed)} + PM" if cell.pm else euros(cell.needed)


@register.filter
def request_cell(cell) -> str:
    if cell.needed is None:
        return "PM" if cell.pm else ""
    return euros(cell.to_request)


@register.filter
def score_text(score) -> str:
    return score.display if score else ""


@register.filter
def priority_text(priority: str) -> str:
    return _("AO") if priority == "AO" else priority
