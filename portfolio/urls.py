"""Included from mip/urls.py before reports' catch-alls, so "portefeuille" is no programme slug."""

from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("<slug:period>/portefeuille/", views.portfolio_page, name="portfolio"),
]
