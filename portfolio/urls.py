"""Included from mip/urls.py before reports' catch-alls, so "portefeuille" is no programme slug."""

from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    # The coordinator's: under beheer/, beside the round's pages (projects.urls has no such path).
    path(
        "beheer/programma/<slug:programme>/raadsinformatiebrief/",
        views.letter,
        name="letter",
    ),
    path("<slug:period>/portefeuille/", views.portfolio_page, name="portfolio"),
]
