"""Template tags for the monitor's traffic lights and its printed form."""

import base64
import functools
from decimal import Decimal

from django import template
from django.template.defaultfilters import capfirst, date
from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from projects.calculations import trend_direction
from projects.models import Aspect, Rating, ReportingPeriod
from projects.templatetags.workflow import days_phrase, person, report_url, state_badge

register = template.Library()


# The shape of each light, drawn once: the web pages hold these as <symbol>s (light_symbols)
# and refer to them; the PDF draws them inline (WeasyPrint resolves no <use> across <svg>s).
LIGHT_SHAPES = {
    "green": '<circle cx="10" cy="10" r="9.5"/><path d="M5.5 10.5l3 3 6-7" fill="none" '
    'stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>',
    "orange": '<path d="M10 0.8L19.4 18.6H0.6Z"/><path d="M10 7v5.2" stroke="#fff" '
    'stroke-width="2.4" stroke-linecap="round"/><circle cx="10" cy="15.3" r="1.4" fill="#fff"/>',
    "red": '<rect x="1" y="1" width="18" height="18" rx="2"/><path d="M6 6l8 8M14 6l-8 8" '
    'stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>',
    "none": '<circle cx="10" cy="10" r="8.5" fill="none" stroke-width="2" stroke-dasharray="3 2"/>',
}
# Colours as attributes too, for the PDF (WeasyPrint ignores CSS fill).
LIGHT_PAINT = {
    "green": 'fill="#1e7a34"',
    "orange": 'fill="#b45309"',
    "red": 'fill="#b91c1c"',
    "none": 'stroke="#4a5360"',
}


@register.simple_tag
def light_symbols() -> str:
    """The four light shapes as SVG symbols, once per page, for ``light`` to refer to."""
    symbols = "".join(
        f'<symbol id="light-{name}" viewBox="0 0 20 20">{shape}</symbol>'
        for name, shape in LIGHT_SHAPES.items()
    )
    return mark_safe(  # constant markup, nothing from a user
        f'<svg class="light-sprite" aria-hidden="true" focusable="false">{symbols}</svg>'
    )


@register.simple_tag(takes_context=True)
def light(context, rating: str | None, size: str = "small", show_label: bool = True) -> str:
    """A light that reads without colour: shape, symbol and text label.

    A simple tag, not an inclusion template: an overview of 500 programmes has 4,000 lights,
    and each distinct light is built once per language (``_light_markup``).
    """
    key = Rating(rating).value if rating else "none"
    inline = bool(context.get("inline_lights"))
    return _light_markup(key, str(size), bool(show_label), inline, get_language())


@register.simple_tag(takes_context=True)
def aspect_lights(context, report, size: str = "small", show_label: bool = False) -> str:
    """A report's four lights in aspect order, as ``light`` draws each: one tag call per row
    of the completeness board instead of a loop over ``report.aspects``."""
    inline = bool(context.get("inline_lights"))
    language = get_language()
    return mark_safe(  # each part built by _light_markup, which escapes its text
        "".join(
            _light_markup(
                Rating(rating).value if (rating := getattr(report, f"{aspect}_rating")) else "none",
                str(size),
                bool(show_label),
                inline,
                language,
            )
            for aspect in Aspect
        )
    )


@register.simple_tag(takes_context=True)
def board_row(context, report, days_left: int | None) -> str:
    """One row of the completeness board: name, lights, state (with the exclusion reason), who
    acts next, the days left and the row's action (exclude an outstanding report, readmit an
    excluded one). One tag call where the template had some forty nodes per row: the board
    shows fifty rows a page and each row's cost counts (issue 24)."""
    note = '<div class="muted small">{}</div>'
    reason = format_html(note, report.exclusion_reason) if report.is_excluded else ""
    actor = report.next_actor
    if actor:
        who = report.next_person
        actor = format_html("{}{}", capfirst(actor), format_html(note, person(who)) if who else "")
    outstanding = report.is_outstanding
    return format_html(
        '<tr class="{}"><th scope="row" class="overview__name"><a href="{}">{}</a></th>'
        '<td class="board__lights">{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        "overview__track" if report.programme.is_track else "",
        report_url(report),
        report.programme.name,
        aspect_lights(context, report),
        state_badge(report),
        reason,
        actor or "–",
        (days_phrase(days_left) if outstanding else "") or "–",
        _board_action(context, report, outstanding),
    )


def _board_action(context, report, outstanding: bool) -> str:
    """The row's form: exclude an outstanding report with a reason, readmit an excluded one
    while the period is unpublished; the labels are built once per language."""
    if outstanding:
        form = _board_form_markup("exclude", get_language())
    elif report.is_excluded and not report.period.is_published:
        form = _board_form_markup("readmit", get_language())
    else:
        return ""
    return format_html(
        form,
        pk=report.pk,
        url=report_url(report, f"projects:{'exclude' if outstanding else 'readmit'}"),
        name=report.programme.name,
        csrf=context.get("csrf_token", ""),
    )


@functools.lru_cache(maxsize=8)
def _board_form_markup(action: str, language: str) -> str:
    """The exclude or readmit form of a board row, its labels in ``language`` and escaped, its
    row's parts left as ``format_html`` fields (``pk``, ``url``, ``name``, ``csrf``)."""
    csrf = '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    hidden_name = '<span class="visually-hidden"> {name}</span>'
    if action == "readmit":
        return (
            f'<form method="post" action="{{url}}">{csrf}'
            f'<button type="submit" class="link-button">{_braced(gettext("Readmit"))}'
            f"{hidden_name}</button></form>"
        )
    reason_label = gettext("Reason for exclusion (shown in the publication)")
    return (
        f'<details class="exclude"><summary>{_braced(gettext("Exclude"))}{hidden_name}</summary>'
        f'<form method="post" action="{{url}}" class="stack">{csrf}'
        f'<label for="exclude-{{pk}}">{_braced(reason_label)}</label>'
        '<textarea id="exclude-{pk}" name="exclusion_reason" rows="2" required></textarea>'
        '<button type="submit" class="button button--secondary">'
        f"{_braced(gettext('Exclude from publication'))}</button></form></details>"
    )


def _braced(text: str) -> str:
    """``text`` escaped, its braces doubled: a constant part of a ``format_html`` string."""
    return escape(text).replace("{", "{{").replace("}", "}}")


@functools.cache
def _light_data_uri(key: str) -> str:
    """The light's shape as an SVG data URI, for a CSS background in the PDF."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" {LIGHT_PAINT[key]}>'
        f"{LIGHT_SHAPES[key]}</svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@functools.lru_cache(maxsize=256)  # a few dozen distinct lights; the decorator once sat one up
def _light_markup(key: str, size: str, show_label: bool, inline: bool, language: str) -> str:
    """The markup of one light; ``language`` is the active one, so the labels are its own."""
    value = Rating(key) if key != "none" else None
    text = str(capfirst(value.label)) if value else gettext("not rated")
    attrs = 'class="light__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"'
    if inline and show_label:  # the PDF, label printed beside: the shape is decoration only
        icon = (
            f'<span class="light__icon light__icon--decorative" aria-hidden="true" '
            f'style="background-image: url(&quot;{_light_data_uri(key)}&quot;)"></span>'
        )
    elif inline:  # the PDF, no label: the shape itself, with its alternative text
        title = escape(text)
        icon = f"<svg {attrs} {LIGHT_PAINT[key]}><title>{title}</title>{LIGHT_SHAPES[key]}</svg>"
    else:
        icon = f'<svg {attrs}><use href="#light-{key}"/></svg>'
    if show_label:
        label = format_html('<span class="light__label">{}</span>', text)
    else:
        hidden = str(value.label) if value else gettext("not rated")
        label = format_html('<span class="visually-hidden">{}</span>', hidden)
    return format_html(
        '<span class="light light--{} light--{}">{}{}</span>', key, size, mark_safe(icon), label
    )


@register.simple_tag
def invented() -> str:
    """The mark beside everything the demo made up (a period, a portfolio holder, a sponsor,
    figures), on the pages and in the PDF alike: text, so it survives black-and-white print
    and reads aloud."""
    return format_html(
        '<span class="invented" title="{}">{}</span>',
        gettext("Not from a real monitor: written for the demo."),
        gettext("invented for the demo"),
    )


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
    """The period as the printed footer names it, mid-line: "februari 2023 t/m mei 2023"
    (Dutch writes a month in lower case)."""
    return gettext("%(start)s to %(end)s") % {
        "start": date(period.start, "F Y"),
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


@register.filter
def explained(statuses) -> list:
    """The aspects that have something to print: an explanation, a 'why not orange/red' reason,
    or no rating yet. A green aspect without text is left out, as in the seed."""
    return [s for s in statuses if s.explanation or s.greener_reason or not s.rating]


@register.filter
def plural_count(value: Decimal | int | None) -> int:
    """The count that picks singular or plural for a deviation: 1 for ±1 (1,0), else 2 for
    fractions ("1,5 maanden") and the whole number otherwise."""
    try:
        magnitude = abs(Decimal(str(value)))
    except ArithmeticError:  # unknown ("–", "" or None): the plural reads right
        return 2
    return int(magnitude) if magnitude == magnitude.to_integral_value() else 2
