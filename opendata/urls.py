from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalogus.jsonld", views.catalogue_view, name="catalogue"),
    path(
        "programma/<slug:programme>/geschiedenis.csv",
        views.programme_history,
        name="programme_history",
    ),
    path("<slug:period>/<str:filename>", views.file, name="file"),
]
