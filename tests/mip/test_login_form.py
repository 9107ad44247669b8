"""An over-long username on either login page (issue 19, finding 6): a Dutch message, no 500,
and the attempt counts towards the lockout like a wrong password."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client

import audit
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LONG = "a" * 256


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_an_over_long_username_is_refused_with_a_message_and_counted(url):
    client = Client(REMOTE_ADDR="203.0.113.7")
    response = client.post(url, {"username": LONG, "password": "x"})
    assert response.status_code == 200  # before: 500 (axes' username is varchar(255))
    assert "Een gebruikersnaam heeft ten hoogste 150 tekens." in response.content.decode()
    attempt = AccessAttempt.objects.get(ip_address="203.0.113.7")
    assert attempt.username == LONG[:150]
    assert attempt.failures_since_start == 1
    assert AuditEvent.objects.filter(action=audit.Action.LOGIN_FAILED).count() == 1


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_over_long_usernames_lock_the_address_out_like_wrong_passwords(url):
    client = Client(REMOTE_ADDR="203.0.113.8")
    statuses = [client.post(url, {"username": LONG, "password": "x"}).status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]
