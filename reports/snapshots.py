"""Published pages as stored snapshots, revalidated by ETag (issue 12).

A published period's overview, drill-downs and open data change only when an erratum is added,
a new PDF version is archived or another period is published (the period menu). Their key,
``publication_key``, is built from exactly those facts in one cheap query, so:

- a browser or proxy revalidating gets a 304 for that query alone (ETag, Last-Modified);
- a visitor gets the page rendered once per key and language, kept in the ``snapshots`` cache
  (a database table: shared by every app server, unlike a per-process cache); a new erratum
  gives a new key, so the old snapshot is simply never asked for again.

Only anonymous requests are snapshotted: a signed-in user's page names them. The CSRF token
in the page (language switch, htmx header) is stored as a placeholder and filled with the
visitor's own, freshly masked token on every response. A request with a message waiting for
its visitor (django.contrib.messages: "your session has expired") is rendered for that
visitor alone and never stored, so one visitor's message is never served to everyone. The
key holds only the query parameters the pages read (``SNAPSHOT_FILTERS``), normalised, so
random query strings cannot fill the cache with copies (issue 19, finding 11).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.core.cache import caches
from django.db.models import Count, Max, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import condition

from projects.models import Erratum, OrganisationUnit, PortfolioHolder, ReportingPeriod

CSRF_IN_PAGE = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{32,64}')
PLACEHOLDER = b"@@csrf-token@@"
# The query parameters a published page reads (the overview's filters), and what they name.
# Any other parameter, or a value naming nothing, leaves the page as it is: not in the key.
SNAPSHOT_FILTERS = {"unit": OrganisationUnit, "holder": PortfolioHolder}


def publication_key(request: HttpRequest, period: str, **kwargs) -> str | None:
    """What a published page of ``period`` depends on, hashed; None: not snapshotted."""
    if request.user.is_authenticated or _has_messages(request):
        return None
    if not hasattr(request, "_publication"):  # asked thrice a request: by condition() too
        request._publication = _publication(request, period)
    return request._publication[0]


def last_change(request: HttpRequest, period: str, **kwargs) -> datetime | None:
    """Last-Modified: the latest of the publication, its last erratum and the newest period."""
    return publication_key(request, period) and request._publication[1]


def _publication(request: HttpRequest, period: str) -> tuple[str | None, datetime | None]:
    latest = ReportingPeriod.objects.public().order_by("-published_at").values("published_at")
    errata = Erratum.objects.filter(report__period=OuterRef("pk")).values("report__period")
    facts = (
        ReportingPeriod.objects.public()
        .filter(slug=period)
        .annotate(
            errata=Subquery(errata.annotate(n=Count("pk")).values("n")),
            last_erratum=Subquery(errata.annotate(last=Max("created_at")).values("last")),
            document=Max("published_documents__version"),
            latest_publication=Subquery(latest[:1]),
        )
        .values_list(
            "pk", "published_at", "errata", "last_erratum", "document", "latest_publication"
        )
        .first()
    )
    if facts is None:
        return None, None
    parts = [*facts, translation.get_language(), request.path, _known_filters(request)]
    parts.append(bool(request.headers.get("HX-Request")))
    changed = max(moment for moment in (facts[1], facts[3], facts[5]) if moment)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32], changed


def published_snapshot(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ETag/304 and a stored rendering for a published page; see the module's docstring."""

    @condition(etag_func=publication_key, last_modified_func=last_change)
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = publication_key(request, **kwargs)  # as condition() computed it: no query
        if key is None:
            return view(request, *args, **kwargs)
        cache = caches["snapshots"]
        stored = cache.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or not _storable(request):
                return response
            body = CSRF_IN_PAGE.sub(lambda m: m.group(1) + PLACEHOLDER, response.content)
            headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
            stored = {"body": body, "headers": headers}
            cache.set(key, stored, timeout=None)
        response = HttpResponse(_with_token(request, stored["body"]), headers=stored["headers"])
        patch_vary_headers(response, ["HX-Request", "Cookie"])
        return response

    return wrapped


def _with_token(request: HttpRequest, body: bytes) -> bytes:
    if PLACEHOLDER not in body:
        return body
    return body.replace(PLACEHOLDER, get_token(request).encode())


def _has_messages(request: HttpRequest) -> bool:
    """Whether a message waits for this visitor, or the page showed one: never stored."""
    storage = getattr(request, "_messages", None)
    return storage is not None and (len(storage) > 0 or storage.used)


def _storable(request: HttpRequest) -> bool:
    """Rendered for everyone: no message shown, and no query parameter beyond the known
    filters (the page echoes its address in the language switch's "next")."""
    canonical = sorted((name, [str(value)]) for name, value in _known_filters(request))
    return not _has_messages(request) and sorted(request.GET.lists()) == canonical


def _known_filters(request: HttpRequest) -> list[tuple[str, int]]:
    """The overview's filters as the view reads them (``_selected``): a unit or holder that
    exists, by number; anything else is no filter and shares the unfiltered page's key."""
    known = []
    for name, model in SNAPSHOT_FILTERS.items():
        value = request.GET.get(name, "")
        if value.isdecimal() and len(value) < 10 and model.objects.filter(pk=int(value)).exists():
            known.append((name, int(value)))
    return known
