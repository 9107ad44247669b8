"""Template filters for the cost picture (issue 22)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

from projects.choices import Aspect

from .monitor import euros

register = template.Library()


@register.filter
def given_euros(value: Decimal | None) -> str:
    """An amount, or "niet opgegeven" where none was given: never shown as 0."""
    if value is None:
        return format_html('<span class="muted">{}</span>', _("not given"))
    return euros(value)


@register.simple_tag
def assessment_marker(report) -> str:
    """In the overview: where the controller's published light differs from the manager's,
    a text marker naming the aspects (never colour alone); empty otherwise."""
    if not settings.PUBLISH_CONTROLLER_ASSESSMENT:
        return ""
    record = (report.programme_at_publication or {}).get("controller_assessment") or []
    if not record:
        return ""
    aspects = ", ".join(str(Aspect(item["aspect"]).label) for item in record)
    return format_html(
        '<span class="assessment-marker">{}</span>',
        _("controller differs: %(aspects)s") % {"aspects": aspects},
    )
