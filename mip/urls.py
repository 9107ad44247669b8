"""Top-level URLs: public reports at the root, the round under beheer/, admin, accounts, i18n."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mip import health
from mip.session_expiry import resume_post

urlpatterns = [
    # Load balancer probes (serve, issue 11): no session, no database write.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    # After a session expired during a post: offer the kept input again (mip/session_expiry.py).
    path("sessie/hervatten/", resume_post, name="resume_post"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the public reports: "beheer" could otherwise be read as a period slug.
    path("beheer/", include("projects.urls")),
    # The i-uitvoeringsplan (issue 20), before the public reports for the same reason.
    path("planning/", include("planning.urls")),
    path("", include("reports.urls")),
]

if settings.OIDC_ENABLED:  # optional single sign-on: /oidc/authenticate/ and /oidc/callback/
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
