"""Published pages prepared at publication and sent as files (issue 24).

Before a period becomes public, the publication task (``reports.tasks``) renders every page and
export the public reads of it, in every language, exactly as an anonymous reader gets them, and
writes each once under ``settings.MIP_PREPARED_ROOT``:

    <language>/<URL path>      nl/2023-1/index.html, en/2023-1/sorga/index.html, nl/2023-1/data.csv
    <file>.gz, <file>.br       compressed once, here, never again per request
    <file>.meta                JSON: its SHA-256 (the ETag), Content-Type, Content-Disposition

Every file is written under a temporary name and renamed. The pages are rendered into a staging
folder first (outside the public tree) and moved into place in the task's last transaction,
just before it commits the period public; a failed attempt removes what it moved. An anonymous
page carries nothing per visitor (no CSRF token, no name: ``templates/base.html``), so nginx may
send the file without waking Python; without nginx ``serve_prepared`` sends it from the view
before any query. A signed-in reader, a reader with a message waiting, a filter the page reads
from the query string and an htmx request get the page rendered as before.

Which pages: ``period_paths`` (overview, every drill-down, CSV, JSON, and the pages other apps
name in ``settings.MIP_PREPARED_PAGES``) and the front page. A publication also re-prepares the
other periods' overviews (their period menu lists the new one); an erratum the pages of its
period (every page lists the period PDF's versions). Periods published before this existed:
``manage.py prepare_published`` (also after a deploy that changes the templates).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

import brotli
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string
from django_htmx.middleware import HtmxDetails

from projects.models import ReportingPeriod, StatusReport

META = ".meta"
# Content-Encoding → the sibling holding that body, best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
# Brotli at 11 is 10x slower than at 9 for a few percent: a period has thousands of pages.
BROTLI_QUALITY = 9


class PreparationError(RuntimeError):
    """A page that cannot be sent to everyone: not 200, or carrying something per visitor."""


# --- Where ---------------------------------------------------------------------------------------


def root() -> Path:
    return Path(settings.MIP_PREPARED_ROOT)


def file_for(language: str, path: str, base: Path | None = None) -> Path:
    """``/2023-1/`` in Dutch: ``<root>/nl/2023-1/index.html`` (the contract nginx maps too)."""
    relative = path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return (base or root()) / language / relative


def _sibling(target: Path, suffix: str) -> Path:
    return target.with_name(target.name + suffix)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# --- Which pages ---------------------------------------------------------------------------------


def published_slugs(period: ReportingPeriod) -> list[str]:
    """Each published report's programme slug as published (the drill-down's URL)."""
    rows = (
        StatusReport.objects.published()
        .filter(period=period)
        .values_list("programme_at_publication__slug", "programme__slug")
    )
    return sorted({published or current for published, current in rows})


def period_paths(period: ReportingPeriod) -> list[str]:
    """Every page and export of ``period`` the public reads."""
    slug = period.slug
    paths = [
        reverse("reports:overview", args=[slug]),
        reverse("reports:export_csv", args=[slug]),
        reverse("reports:export_json", args=[slug]),
    ]
    paths += [reverse("reports:programme", args=[slug, p]) for p in published_slugs(period)]
    for dotted in getattr(settings, "MIP_PREPARED_PAGES", []):
        paths += import_string(dotted)(period)
    return paths


def paths_for_job(period: ReportingPeriod, *, publication: bool) -> list[str]:
    """A publication: the period, the front page and every other public period's overview (its
    period menu now lists this one). An erratum: the period and the front page."""
    paths = [*period_paths(period), reverse("reports:index")]
    if publication:
        others = ReportingPeriod.objects.public().exclude(pk=period.pk)
        paths += [reverse("reports:overview", args=[p.slug]) for p in others.only("slug")]
    return list(dict.fromkeys(paths))


# --- Rendering and writing -------------------------------------------------------------------


def render(path: str, language: str) -> HttpResponse:
    """The page at ``path`` as an anonymous reader without cookies gets it, rendered now."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80", "REQUEST_METHOD": "GET"}
    request.user = AnonymousUser()
    request.htmx = HtmxDetails(request)
    request.LANGUAGE_CODE = language
    request.preparing = True  # serve_prepared renders, never sends the file being replaced
    match = resolve(path)
    with translation.override(language):
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    if response.status_code != 200 or response.streaming:
        raise PreparationError(f"{path} ({language}) answered {response.status_code}")
    if b"csrfmiddlewaretoken" in response.content or b"X-CSRFToken" in response.content:
        raise PreparationError(f"{path} ({language}) carries a CSRF token")
    return response


def write(target: Path, response: HttpResponse) -> None:
    """The body, its .gz and .br and its .meta, each written whole under a temporary name."""
    body = response.content
    meta = {"sha256": hashlib.sha256(body).hexdigest()}
    meta |= {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    target.parent.mkdir(parents=True, exist_ok=True)
    _atomic(_sibling(target, ".gz"), gzip.compress(body, compresslevel=9, mtime=0))
    _atomic(_sibling(target, ".br"), brotli.compress(body, quality=BROTLI_QUALITY))
    _atomic(target, body)
    _atomic(_sibling(target, META), json.dumps(meta, sort_keys=True).encode())


def _atomic(target: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)  # nginx reads them, whoever wrote them
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_meta(target: Path) -> dict | None:
    try:
        return json.loads(_sibling(target, META).read_bytes())
    except FileNotFoundError:
        return None


def prepare(paths: Iterable[str], *, moved: list[Path]) -> None:
    """Render ``paths`` in every language into a staging folder, then move each changed file
    into place; ``moved`` gets each target as it lands (to remove if the caller fails)."""
    staging = root() / ".staging" / uuid.uuid4().hex
    try:
        rendered = []
        for path in paths:
            for language in languages():
                write(file_for(language, path, staging), render(path, language))
                rendered.append((file_for(language, path, staging), file_for(language, path)))
        for staged, target in rendered:
            _move(staged, target, moved)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move(staged: Path, target: Path, moved: list[Path]) -> None:
    """Into place unless the same content is there already (its ETag, its mtime stay)."""
    if read_meta(target) == read_meta(staged):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in (".gz", ".br", "", META):  # the .meta last: it names what is there
        os.replace(_sibling(staged, suffix), _sibling(target, suffix))
    moved.append(target)


def remove(targets: Iterable[Path]) -> None:
    """Take prepared files away again: their pages are then rendered on request."""
    for target in targets:
        for suffix in ("", ".gz", ".br", META):
            _sibling(target, suffix).unlink(missing_ok=True)


def prepare_period(period: ReportingPeriod) -> list[Path]:
    """Every page of a public period and the front page, in place now (the management
    command, for periods published before pages were prepared)."""
    moved: list[Path] = []
    prepare([*period_paths(period), reverse("reports:index")], moved=moved)
    return moved


# --- Sending -------------------------------------------------------------------------------------


def serve_prepared(*, reads: tuple[str, ...] = ()) -> Callable:
    """Send the prepared file to an anonymous reader, before the view asks anything; otherwise
    run the view. ``reads``: query parameters that change the page (the overview's filters)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = prepared_response(request, reads)
            if response is not None:
                return response
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:  # the page names them: never kept by a proxy
                patch_cache_control(response, private=True, no_cache=True)
            return response

        return wrapped

    return decorator


def prepared_response(request: HttpRequest, reads: tuple[str, ...] = ()) -> HttpResponse | None:
    """The prepared file for this request, or None when the request needs the view."""
    if getattr(request, "preparing", False) or request.method not in ("GET", "HEAD"):
        return None
    if request.headers.get("HX-Request") or any(name in request.GET for name in reads):
        return None
    if request.user.is_authenticated or _has_messages(request):
        return None
    target = file_for(translation.get_language(), request.path_info)
    meta = read_meta(target)
    if meta is None:
        return None
    encoding, body = _body(target, request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(body, content_type=meta.get("Content-Type"))
    if "Content-Disposition" in meta:
        response["Content-Disposition"] = meta["Content-Disposition"]
    if encoding:
        response["Content-Encoding"] = encoding  # GZipMiddleware leaves it as it is
    response["ETag"] = f'W/"{meta["sha256"]}"'  # one for every encoding of the same page
    response["Content-Length"] = str(len(body))
    patch_cache_control(response, public=True, max_age=settings.MIP_PREPARED_MAX_AGE)
    patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _body(target: Path, accept_encoding: str) -> tuple[str, bytes]:
    accepted = _accepted(accept_encoding)
    for encoding, suffix in ENCODINGS:
        if encoding in accepted:
            try:
                return encoding, _sibling(target, suffix).read_bytes()
            except FileNotFoundError:
                continue
    return "", target.read_bytes()


def _accepted(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts (q=0 refuses one)."""
    accepted = set()
    for item in header.split(","):
        name, *params = [part.strip() for part in item.split(";")]
        refused = any(p.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000") for p in params)
        if name and not refused:
            accepted.add(name.lower())
    return accepted


def _has_messages(request: HttpRequest) -> bool:
    """A message waiting for this visitor (e.g. "your session has expired"): theirs alone."""
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0
