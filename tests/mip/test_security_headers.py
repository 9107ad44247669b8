"""Security headers on a public page, a form page and the admin (issue 11), and what happens
to a form posted after the session expired."""

from __future__ import annotations

import html as htmllib
import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mip.middleware import RenewSessionMiddleware
from projects.models import StatusReport
from tests.workflow_data import build_round

pytestmark = pytest.mark.django_db

CSP_DIRECTIVES = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in (p if len(p) == 2 else (p[0], "") for p in parts)}


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)


def pages(client, round_) -> dict[str, object]:
    """A public page, a form page (login and the report form), the admin index."""
    responses = {
        "overview": client.get("/", secure=True),
        "login": client.get(reverse("login"), secure=True),
        "admin login": client.get("/admin/login/", secure=True),
    }
    client.force_login(round_.manager)
    responses["report form"] = client.get(
        reverse("projects:edit", args=[round_.report.pk]), secure=True
    )
    client.force_login(round_.admin)
    responses["admin"] = client.get("/admin/", secure=True)
    responses["admin change list"] = client.get("/admin/auth/user/", secure=True)
    return responses


def test_every_kind_of_page_sends_the_security_headers(client, round_):
    for name, response in pages(client, round_).items():
        assert response.status_code == 200, name
        csp = directives(response.headers["Content-Security-Policy"])
        for directive, value in CSP_DIRECTIVES.items():
            assert csp[directive] == value, (name, directive)
        for directive in ("script-src", "style-src"):
            # The nonce is only sent where a page uses it: the admin's inline tags.
            expected = r"'self' 'nonce-[\w+/=-]+'" if name.startswith("admin") else "'self'"
            assert re.fullmatch(expected, csp[directive]), (name, csp[directive])
        assert "unsafe" not in response.headers["Content-Security-Policy"], name
        assert response.headers["X-Content-Type-Options"] == "nosniff", name
        assert response.headers["Referrer-Policy"] == "same-origin", name
        assert response.headers["X-Frame-Options"] == "DENY", name
        assert "camera=()" in response.headers["Permissions-Policy"], name
        assert "geolocation=()" in response.headers["Permissions-Policy"], name
        # Production settings (DEBUG off): HSTS for a year, on HTTPS requests.
        assert response.headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), name


def test_our_pages_have_no_inline_script_or_style(client, round_):
    """What the CSP would block: inline <script>/<style> without the nonce, style="" attributes
    and on*="" handlers. The admin's own inline tags carry the nonce."""
    for name, response in pages(client, round_).items():
        html = response.content.decode()
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        nonce = nonce[1] if nonce else "(none)"
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
            assert "src=" in tag or f'nonce="{nonce}"' in tag, (name, tag)
        assert not re.search(r"\sstyle=\"", html), name
        assert not re.search(r"\son[a-z]+=\"", html), name
        assert not re.search(r"\shx-on", html), name


@pytest.mark.django_db
def test_sessions_expire_after_inactivity_renewed_at_most_once_a_minute(client, monkeypatch):
    """Each request keeps the session alive, but the session row is written at most once per
    ``renew_interval()``: not an UPDATE in every signed-in page (issue 24)."""
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert RenewSessionMiddleware.renew_interval() == 60
    client.force_login(User.objects.create_user("renate"))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value

    def expiry():
        return Session.objects.get(session_key=key).expire_date

    def writes(response_of) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert response_of().status_code == 200
        return sum('UPDATE "django_session"' in q["sql"] for q in queries.captured_queries)

    page = reverse("projects:my_reports")
    assert writes(lambda: client.get(page)) == 1  # the first request marks the renewal
    renewed = expiry()
    assert writes(lambda: client.get(page)) == 0  # within the minute: nothing written
    assert expiry() == renewed
    later = time.time() + 61
    monkeypatch.setattr("mip.middleware.time.time", lambda: later)
    assert writes(lambda: client.get(page)) == 1
    assert expiry() > renewed
    assert expiry() - timezone.now() > timedelta(seconds=settings.SESSION_COOKIE_AGE - 5)


FILLED = {
    "quality_rating": "green",
    "money_rating": "green",
    "time_rating": "red",
    "time_explanation": "De leverancier levert drie maanden later.",
    "risk_rating": "green",
    "developments": "Fase 2 is gestart; dit typte ik een uur lang.",
    "save": "",
}


def test_a_form_posted_after_the_session_expired_is_kept_and_sent_again(client, round_):
    report = round_.report
    url = reverse("projects:edit", args=[report.pk])
    client.force_login(round_.manager)
    client.get(url)
    Session.objects.all().delete()  # what the expiry does on the server

    response = client.post(url, {**FILLED, "version": report.version}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Uw sessie is verlopen" in html
    assert "wat u hebt ingevuld is bewaard" in html

    response = client.post(
        reverse("login"),
        {"username": "mila", "password": "test-pass-4711", "next": reverse("resume_post")},
        follow=True,
    )
    html = response.content.decode()
    assert "Fase 2 is gestart; dit typte ik een uur lang." in html  # kept, in the page
    report.refresh_from_db()
    assert report.developments != FILLED["developments"]  # not stored behind her back

    pairs = re.findall(r"<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"", html)
    hidden = {name: htmllib.unescape(value) for name, value in pairs}
    assert re.search(rf'<form method="post" action="{url}"', html)
    client.post(url, hidden)
    report.refresh_from_db()
    assert report.developments == FILLED["developments"]
    assert report.time_explanation == FILLED["time_explanation"]
    assert report.state == StatusReport.State.DRAFT


def test_an_htmx_check_after_expiry_says_so_in_place(client, round_):
    url = reverse("projects:check_aspect", args=[round_.report.pk, "time"])
    response = client.post(url, FILLED, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Uw sessie is verlopen" in response.content.decode()


def test_a_public_page_carries_no_per_request_nonce(client, round_):
    """No per-request nonce in our own pages or their CSP header: it would defeat caching."""
    first, second = client.get("/", secure=True), client.get("/", secure=True)
    assert "nonce" not in first.content.decode()
    assert first.headers["Content-Security-Policy"] == second.headers["Content-Security-Policy"]
