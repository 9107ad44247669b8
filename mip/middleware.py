"""Request middleware specific to MIP."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
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
