"""The htmx conventions shared by every app's views."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def page_or_partial(request: HtmxHttpRequest, template_name: str, partial: str) -> str:
    """The page's own ``{% partialdef %}`` for an htmx swap, the whole page otherwise.

    Boosted links and history restores need the whole page, so they get it.
    """
    htmx = request.htmx
    if htmx and not (htmx.boosted or htmx.history_restore_request):
        return f"{template_name}#{partial}"
    return template_name
