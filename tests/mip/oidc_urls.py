"""MIP's URLs with single sign-on switched on, as mip/urls.py has them when OIDC_RP_CLIENT_ID
is set (the test process starts with it unset)."""

from django.urls import include, path

from mip.urls import urlpatterns as mip_urlpatterns

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *mip_urlpatterns]
