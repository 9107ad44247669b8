"""Template helpers of the reporting round."""

from __future__ import annotations

import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, ngettext

from projects.models import StatusReport

register = template.Library()


@register.filter
def days_phrase(days: int | None) -> str:
    """'3 days left', '1 day late': how a deadline reads on the board and the worklist."""
    if days is None:
        return ""
    if days < 0:
        return ngettext("%(n)d day late", "%(n)d days late", -days) % {"n": -days}
    return ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}


@register.filter
def person(user) -> str:
    """A user's full name, else their username; empty for nobody."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@register.simple_tag
def error_summary(form, entry) -> list:
    """The report form's wrong fields, each with its message and the id of its input."""
    from projects.forms import error_summary as summary

    return summary(form, entry)


@register.simple_tag
def submission_checklist(form) -> list:
    """What still blocks the report's submission, each with its message and input id."""
    from projects.forms import submission_checklist as checklist

    return checklist(form)


@register.simple_tag
def state_badge(report: StatusReport) -> str:
    """A report's state as a badge ("excluded" for an excluded one).

    A simple tag, not an included template: the completeness board shows one per programme,
    and each distinct badge is built once per language (``_badge_markup``).
    """
    return _badge_markup(report.round_state, get_language())


@functools.lru_cache(maxsize=64)
def _badge_markup(state: str, language: str) -> str:
    """The markup of one badge; ``language`` is the active one, so the label is its own."""
    labels = dict(StatusReport.State.choices)
    label = gettext("excluded") if state == "excluded" else labels[state]
    return format_html('<span class="badge badge--{}">{}</span>', state, label)


@register.filter
def report_url(report: StatusReport, route: str = "projects:detail") -> str:
    """``{% url route report.pk %}`` (the report's page by default), reversed once per route
    and script prefix: the board links 500 rows and posts each row's action, and a reverse()
    each was an eighth of its time."""
    head, tail = _report_url_parts(route, get_script_prefix())
    return f"{head}{report.pk}{tail}"


@functools.lru_cache(maxsize=32)
def _report_url_parts(route: str, prefix: str) -> tuple[str, str]:
    """The route's URL around a report's key (the script prefix is part of the cache key)."""
    marker = 987654321
    head, _, tail = reverse(route, args=[marker]).partition(str(marker))
    return head, tail
