"""A form posted after the session expired is kept, not lost.

Sessions end after SESSION_COOKIE_AGE seconds of inactivity. A manager who typed a report for
longer and then presses Save would otherwise be sent to the login page and lose the text. This
middleware keeps the posted fields in the (new, anonymous) session, which survives logging in,
and after login offers them again on a page with one button that re-posts them to the same
form (with a fresh CSRF token), so the form's own rules and merge of concurrent edits apply.

Only for someone who was signed in (issue 19, finding 7): anonymous visitors could store 2.3 MB
per request in the sessions table. A signed cookie (``SIGNED_IN_COOKIE``, set while signed in,
removed at logout, valid ``SIGNED_IN_MAX_AGE``) tells a session that expired from a stranger;
the kept input is at most ``MAX_KEPT_BYTES`` and is dropped when used, and when older than a
session (it lives in a session that itself expires and ``clearsessions`` removes).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

SESSION_KEY = "mip_kept_post"
# Only the signed-in part of MIP has forms worth keeping; login and the admin are left alone.
KEPT_PREFIX = "/beheer/"
SIGNED_IN_COOKIE = "mip_signed_in"
SIGNED_IN_SALT = "mip.session_expiry.signed_in"
SIGNED_IN_MAX_AGE = 12 * 60 * 60  # a session that expired during the working day
MAX_KEPT_BYTES = 64 * 1024


def was_signed_in(request: HttpRequest, max_age: int = SIGNED_IN_MAX_AGE) -> bool:
    """Whether this browser carries our signed marker of a recent login (not forgeable)."""
    try:
        request.get_signed_cookie(SIGNED_IN_COOKIE, salt=SIGNED_IN_SALT, max_age=max_age)
    except (KeyError, signing.BadSignature):
        return False
    return True


def kept_size(fields: list[list[str]]) -> int:
    return sum(len(key.encode()) + len(value.encode()) for key, value in fields)


def is_stale(kept: dict) -> bool:
    return time.time() - kept.get("kept", 0) > settings.SESSION_COOKIE_AGE


@receiver(user_logged_out, dispatch_uid="session_expiry_logged_out")
def _logged_out(sender, request, **kwargs) -> None:
    if request is not None:
        request.mip_logged_out = True


class KeepExpiredPostMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(request, "mip_logged_out", False):
            response.delete_cookie(SIGNED_IN_COOKIE)
        elif user is not None and user.is_authenticated:
            self.mark_signed_in(request, response)
        return response

    @staticmethod
    def mark_signed_in(request: HttpRequest, response: HttpResponse) -> None:
        """Renew the marker at most once an hour; drop kept input nobody came back for."""
        kept = request.session.get(SESSION_KEY)
        if kept is not None and is_stale(kept):
            del request.session[SESSION_KEY]
        if was_signed_in(request, max_age=SIGNED_IN_MAX_AGE - 3600):
            return
        response.set_signed_cookie(
            SIGNED_IN_COOKIE,
            "1",
            salt=SIGNED_IN_SALT,
            max_age=SIGNED_IN_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        """Runs after the CSRF check: only a genuine post from this browser is kept."""
        if request.method != "POST" or request.user.is_authenticated:
            return None
        if not request.path.startswith(KEPT_PREFIX):
            return None
        if getattr(request, "htmx", False):
            # A background check (htmx) must not swap a login page into the form: it says so
            # in place, and the typed input stays on screen untouched.
            text = _(
                "Your session has expired. Press Save: you will be asked to log in again and "
                "your input is kept."
            )
            return HttpResponse(format_html('<p class="message message--error">{}</p>', text))
        if not was_signed_in(request):
            return None  # a stranger: the view's own login check sends them to log in
        fields = [
            [key, value]
            for key, values in request.POST.lists()
            if key != "csrfmiddlewaretoken"
            for value in values
        ]
        if kept_size(fields) > MAX_KEPT_BYTES:
            text = _("Your session has expired. Your input was too large to keep.")
            messages.error(request, text)
            return redirect_to_login(request.path)
        request.session[SESSION_KEY] = {"path": request.path, "fields": fields, "kept": time.time()}
        messages.warning(
            request,
            _(
                "Your session has expired. Log in again: what you entered has been kept and you "
                "can send it again after logging in."
            ),
        )
        return redirect_to_login(reverse("resume_post"))


@require_safe
@login_required
def resume_post(request: HttpRequest) -> HttpResponse:
    """Offer the kept post again, to the path it was meant for."""
    kept = request.session.pop(SESSION_KEY, None)  # from now on it lives in the page
    if not kept or is_stale(kept):
        return redirect("projects:start")
    if not url_has_allowed_host_and_scheme(kept["path"], allowed_hosts=None):
        return redirect("projects:start")
    return render(request, "registration/resume_post.html", kept)
