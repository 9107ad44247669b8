"""Template tags for the monitor's traffic lights and its printed form."""

from django import template
from django.template.defaultfilters import capfirst, date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from projects.models import Rating, ReportingPeriod

register = template.Library()


@register.inclusion_tag("components/light.html")
def light(rating: str | None, size: str = "small", show_label: bool = True) -> dict:
    """A light that reads without colour: shape, symbol and text label."""
    value = Rating(rating) if rating else None
    return {"rating": value, "size": size, "show_label": show_label}


@register.filter
def footer_period(period: ReportingPeriod) -> str:
    """The period as the printed monitor names it: "Februari 2023 t/m mei 2023"."""
    return gettext("%(start)s to %(end)s") % {
        "start": capfirst(date(period.start, "F Y")),
        "end": date(period.end, "F Y"),
    }


@register.filter(is_safe=True)
def css_string(value: object) -> str:
    """Escape text for use inside a double-quoted CSS string in a <style> element."""
    escaped = []
    for char in str(value):
        if char in "\"'\\<>&" or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return mark_safe("".join(escaped))  # every special character is escaped
