"""Template tags for the monitor's traffic lights."""

from django import template

from projects.models import Rating

register = template.Library()


@register.inclusion_tag("components/light.html")
def light(rating: str | None, size: str = "small", show_label: bool = True) -> dict:
    """A light that reads without colour: shape, symbol and text label."""
    value = Rating(rating) if rating else None
    return {"rating": value, "size": size, "show_label": show_label}
