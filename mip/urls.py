"""Top-level URLs: public reports at the root, the round under beheer/, admin, accounts, i18n."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from mip import health
from mip.login import AdminLoginForm, LoginForm
from mip.session_expiry import resume_post

# Both login pages refuse (and count) an over-long username (mip/login.py).
admin.site.login_form = AdminLoginForm

urlpatterns = [
    # Load balancer probes (serve, issue 11): no session, no database write.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # After a session expired during a post: offer the kept input again (mip/session_expiry.py).
    path("sessie/hervatten/", resume_post, name="resume_post"),
    # The language switch without a CSRF token: it sets only the visitor's language cookie (its
    # "next" is checked against the host), and a page that names no visitor can then be prepared
    # once and sent as a file to everyone (reports/prepared.py, issue 24).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # Before the public reports: "beheer" could otherwise be read as a period slug.
    path("beheer/", include("projects.urls")),
    # Before the public reports too: the open data of every published period (issue 21).
    path("open-data/", include("opendata.urls")),
    # The portfolio page and council letters (issue 23): before reports' catch-all patterns.
    path("", include("portfolio.urls")),
    # The i-uitvoeringsplan (issue 20), before the public reports for the same reason.
    path("planning/", include("planning.urls")),
    path("", include("reports.urls")),
]

if settings.OIDC_ENABLED:  # optional single sign-on: /oidc/authenticate/ and /oidc/callback/
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
