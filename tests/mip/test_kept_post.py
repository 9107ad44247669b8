"""Input posted after the session expired (issue 19, finding 7): kept only for someone who was
signed in, at most 64 KB, and gone once used or older than a session."""

from __future__ import annotations

import secrets
import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from mip.session_expiry import MAX_KEPT_BYTES, SESSION_KEY
from tests.workflow_data import PASSWORD, build_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)


def edit_url(round_) -> str:
    return f"/beheer/rapportage/{round_.report.pk}/invullen/"


def session_bytes() -> int:
    return sum(len(session.session_data) for session in Session.objects.all())


def expired_manager(round_) -> Client:
    """A browser whose manager logged in and worked, and whose session then expired."""
    client = Client()
    response = client.post("/accounts/login/", {"username": "mila", "password": PASSWORD})
    assert response.status_code == 302
    client.get(edit_url(round_))
    Session.objects.all().delete()  # what the expiry does on the server
    return client


def test_an_anonymous_visitor_cannot_store_input_in_the_sessions_table(round_):
    client = Client()
    big = secrets.token_urlsafe(1_700_000)  # 2.3 MB that the session's compression keeps
    response = client.post(edit_url(round_), {"developments": big})
    assert response.status_code == 302  # to the login page, as before
    assert session_bytes() < 10_000  # before: 2.3 MB per request


def test_a_manager_whose_session_expired_keeps_her_input_once(round_):
    client = expired_manager(round_)
    response = client.post(edit_url(round_), {"developments": "Een uur lang getypt."})
    assert response.status_code == 302
    assert "hervatten" in response.url
    assert client.session[SESSION_KEY]["fields"] == [["developments", "Een uur lang getypt."]]
    client.post("/accounts/login/", {"username": "mila", "password": PASSWORD})
    page = client.get("/sessie/hervatten/")
    assert "Een uur lang getypt." in page.content.decode()
    assert SESSION_KEY not in client.session  # purged on use
    assert client.get("/sessie/hervatten/").status_code == 302  # nothing left to offer


def test_input_over_64_kb_is_refused_not_kept(round_):
    client = expired_manager(round_)
    response = client.post(
        edit_url(round_), {"developments": secrets.token_hex(MAX_KEPT_BYTES // 2 + 1)}
    )
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert session_bytes() < 10_000
    client.post("/accounts/login/", {"username": "mila", "password": PASSWORD})
    page = client.get(edit_url(round_)).content.decode()
    assert "te groot om te bewaren" in page


def test_kept_input_older_than_a_session_is_purged(round_, settings):
    client = expired_manager(round_)
    client.post(edit_url(round_), {"developments": "Oud."})
    session = client.session
    session[SESSION_KEY]["kept"] = time.time() - settings.SESSION_COOKIE_AGE - 1
    session.save()
    client.post("/accounts/login/", {"username": "mila", "password": PASSWORD})
    assert SESSION_KEY not in client.session  # dropped at the first signed-in request
    assert client.get("/sessie/hervatten/").status_code == 302


def test_after_logout_the_browser_counts_as_a_stranger_again(round_):
    client = Client()
    client.post("/accounts/login/", {"username": "mila", "password": PASSWORD})
    client.get(edit_url(round_))
    client.post("/accounts/logout/")
    client.post(edit_url(round_), {"developments": "Na het uitloggen."})
    assert SESSION_KEY not in client.session
