"""A form posted after the session expired is kept, not lost.

Sessions end after SESSION_COOKIE_AGE seconds of inactivity. A manager who typed a report for
longer and then presses Save would otherwise be sent to the login page and lose the text. This
middleware keeps the posted fields in the (new, anonymous) session, which survives logging in,
and after login offers them again on a page with one button that re-posts them to the same
form (with a fresh CSRF token), so the form's own rules and merge of concurrent edits apply.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
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


class KeepExpiredPostMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

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
        fields = [
            [key, value]
            for key, values in request.POST.lists()
            if key != "csrfmiddlewaretoken"
            for value in values
        ]
        request.session[SESSION_KEY] = {"path": request.path, "fields": fields}
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
    if not kept or not url_has_allowed_host_and_scheme(kept["path"], allowed_hosts=None):
        return redirect("projects:start")
    return render(request, "registration/resume_post.html", kept)
