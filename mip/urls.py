"""Top-level URLs: public reports at the root, the round under beheer/, admin, accounts, i18n."""

from django.contrib import admin
from django.urls import include, path

from mip import health

urlpatterns = [
    # Load balancer probes (serve, issue 11): no session, no database write.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the public reports: "beheer" could otherwise be read as a period slug.
    path("beheer/", include("projects.urls")),
    path("", include("reports.urls")),
]
