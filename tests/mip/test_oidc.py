"""Single sign-on against a real OpenID Connect provider (django-oauth-toolkit) that runs in a
second process on loopback: the authorization code flow end to end, the ID token signed with
the provider's RSA key and checked against its JWKS, and the groups claim mapped to MIP's
coordinator role. Local accounts keep working beside it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import User
from django.urls import reverse

import audit
from audit.models import AuditEvent
from projects.rules import COORDINATOR_GROUP
from tests.workflow_data import PASSWORD, build_round

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """Migrate, seed and start the provider; yield its base URL; stop it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(tmp_path_factory.mktemp("idp") / "idp.sqlite3"),
        "OIDC_PROVIDER_KEY": pem,
        "OIDC_PROVIDER_GROUP": "mip-coordinator",
    }
    django = [sys.executable, "-m", "django"]
    subprocess.run([*django, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "tests/oidc_provider/setup.py"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [*django, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/o/.well-known/jwks.json", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    settings.ROOT_URLCONF = "tests.mip.oidc_urls"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "mip.oidc.RoleMappingOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = "mip"
    settings.OIDC_RP_CLIENT_SECRET = "mip-secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/o/.well-known/jwks.json"
    return provider


def log_in_at_provider(provider: str, authorize_url: str) -> str:
    """What the person does in the browser at the provider; returns where it sends them back."""
    browser = requests.Session()
    login = f"{provider}/accounts/login/"
    browser.get(login, timeout=10)
    next_url = authorize_url.removeprefix(provider)
    response = browser.post(
        login,
        {
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "username": "j.jansen",
            "password": "idp-pass-2026",
            "next": next_url,
        },
        headers={"Referer": login},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def test_single_sign_on_creates_the_user_with_the_coordinator_role(client, sso, make_programme):
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    assert start.url.startswith(f"{sso}/o/authorize/?")

    back = urlsplit(log_in_at_provider(sso, start.url))
    assert back.path == reverse("oidc_authentication_callback")
    assert "code" in parse_qs(back.query)
    response = client.get(f"{back.path}?{back.query}")

    assert response.status_code == 302
    assert response.url == reverse("projects:start") or "/beheer/" in response.url
    user = User.objects.get(username="j.jansen")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.email, user.get_full_name()) == ("j.jansen@gemeente.example", "Jan Jansen")
    assert list(user.groups.values_list("name", flat=True)) == [COORDINATOR_GROUP]
    assert not user.is_staff
    assert AuditEvent.objects.filter(action=audit.Action.LOGIN, actor=user).exists()
    assert client.get(reverse("projects:board")).status_code == 200  # coordinator's page


def test_local_accounts_keep_working_with_sso_on(client, sso, make_programme, make_period):
    round_ = build_round(make_programme, make_period)
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen met uw gemeenteaccount" in page
    assert 'name="password"' in page  # the local form is still there
    response = client.post(
        reverse("login"), {"username": round_.manager.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(round_.manager.pk)


def test_without_sso_the_login_page_offers_only_local_accounts(client):
    assert "gemeenteaccount" not in client.get(reverse("login")).content.decode()
