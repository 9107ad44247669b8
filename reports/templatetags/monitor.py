"""Template tags for the monitor's traffic lights and its printed form."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import capfirst, date
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from projects.calculations import trend_direction
from projects.models import Rating, ReportingPeriod

register = template.Library()


@register.inclusion_tag("components/light.html")
def light(rating: str | None, size: str = "small", show_label: bool = True) -> dict:
    """A light that reads without colour: shape, symbol and text label."""
    value = Rating(rating) if rating else None
    return {"rating": value, "size": size, "show_label": show_label}


# --- Figures (issue 6) -------------------------------------------------------------------------


@register.filter
def euros(value: Decimal | None) -> str:
    """An amount in whole euros with the locale's grouping: "€ 1.500.000"; "–" when unknown."""
    if value is None or value == "":
        return "–"
    amount = number_format(Decimal(value), decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"€\u00a0{amount}".replace("€\u00a0-", "−€\u00a0")


@register.filter
def signed_euros(value: Decimal | None) -> str:
    """A difference in euros with an explicit sign: "+€ 1.500.000"."""
    if value is None:
        return "–"
    return euros(value) if value < 0 else f"+{euros(value)}"


@register.filter
def signed_number(value: Decimal | None) -> str:
    """A deviation with one decimal and an explicit sign: "+12,3", "0,0"; "–" when unknown."""
    if value is None:
        return "–"
    text = number_format(Decimal(value), decimal_pos=1, use_l10n=True)
    if value < 0:
        return text.replace("-", "−")
    return f"+{text}" if value > 0 else text


@register.inclusion_tag("components/figures.html#change_marker")
def change_marker(report) -> dict:
    """Marks a programme whose lights worsened or improved since the previous period.

    Uses ``report.previous_report`` as attached by ``in_monitor_order()``: no extra queries.
    """
    directions = trend_direction(report, getattr(report, "previous_report", None))
    return {"worse": "worse" in directions, "better": "better" in directions}


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


@register.filter
def any_suggested(signals) -> bool:
    """Whether the figures suggest a colour for any aspect yet."""
    return any(signal.suggested for signal in signals or [])
