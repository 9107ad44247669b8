"""Request middleware specific to MIP."""

import time
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Speak Dutch unless the visitor chose another language with the language switch.

    The monitor is a Dutch council document: a browser that merely prefers English still
    gets the Dutch original, so the Accept-Language header is deliberately ignored.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# What is worth compressing on the fly: text. A PDF, zip or spreadsheet is compressed already,
# and gzipping a 163 MB archived PDF on every request cost 2.7 s (issue 24).
COMPRESSIBLE = ("text/", "application/json", "application/ld+json", "application/javascript")
COMPRESSIBLE += ("application/xml", "image/svg+xml")


class GZipTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text only: never a PDF or another stored binary file."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response: one place for the browser features
    MIP never uses (camera, microphone, location…), which Django has no setting for."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


# The address the current request reached the site on ("http://host:port"), for absolute links
# built outside a view (mail from the model's transitions): see ``site_url``.
_site_url: ContextVar[str] = ContextVar("mip_site_url", default="")


def site_url() -> str:
    """Where people reach the site: MIP_SITE_URL when set (e.g. behind a proxy that rewrites
    the host), else the address of the request being served, else the development default."""
    return (settings.MIP_SITE_URL or _site_url.get() or "http://127.0.0.1:8000").rstrip("/")


class SiteUrlMiddleware:
    """Remember the request's own address (its Host, checked against ALLOWED_HOSTS), so links
    in mail point where the site is served, not to a fixed port."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _site_url.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _site_url.reset(token)


class RefuseNulInQueryMiddleware:
    """Refuse a NUL character in any query-string name or value, once for the whole site.

    PostgreSQL cannot hold NUL in text: a filter value with one (``?state=%00`` on an admin
    list) ended in an exception, a 500 (issue 19, finding 10). No page of MIP needs NUL in
    its address, so it is refused before any view, with the reason, as a 400.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("The address contains a NUL character (%00), which no page accepts."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class RenewSessionMiddleware:
    """Keep a session alive while it is used, without writing it on every request.

    Sessions end ``SESSION_COOKIE_AGE`` seconds after the last renewal. Renewing on every
    request (``SESSION_SAVE_EVERY_REQUEST``) wrote the session row on each page a signed-in user
    opened: an UPDATE in every request of the board (issue 24). Renewed at most every
    ``renew_interval()`` seconds instead, a session ends between ``SESSION_COOKIE_AGE`` minus
    that interval and ``SESSION_COOKIE_AGE`` after the last request. Empty sessions are left
    alone: a visitor without one never gets one from here. Sits below ``SessionMiddleware``.
    """

    KEY = "mip_renewed"

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    @staticmethod
    def renew_interval() -> int:
        """A thirtieth of the session's age, at most a minute (30 minutes: every minute)."""
        return min(60, settings.SESSION_COOKIE_AGE // 30)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or session.modified:
            return response  # nothing to keep, or saved (and so renewed) anyway
        now = int(time.time())
        if now - session.get(self.KEY, 0) >= self.renew_interval():
            session[self.KEY] = now  # modified: SessionMiddleware saves it with a new expiry
        return response
