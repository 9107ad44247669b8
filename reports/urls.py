from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("periodes/", views.choose_period, name="choose_period"),
    path("<slug:period>/data.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("<slug:period>/data.json", views.export, {"fmt": "json"}, name="export_json"),
    path("signaal/", views.signal_box, name="signal"),
    path("<slug:period>/", views.overview, name="overview"),
    path("<slug:period>/<slug:programme>/", views.programme_detail, name="programme"),
]
