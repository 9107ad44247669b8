from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    # The round's two publishing acts, behind the login beside the projects pages.
    path("beheer/periodes/<slug:slug>/publiceren/", views.publish, name="publish"),
    path("beheer/periodes/<slug:slug>/publicatie/", views.publication_status, name="publication"),
    path(
        "beheer/periodes/<slug:slug>/publicatie/opnieuw/",
        views.retry_publication,
        name="retry_publication",
    ),
    path("beheer/rapportage/<int:pk>/erratum/", views.erratum, name="erratum"),
    path("", views.index, name="index"),
    path("periodes/", views.choose_period, name="choose_period"),
    path("<slug:period>/data.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("<slug:period>/data.json", views.export, {"fmt": "json"}, name="export_json"),
    path("signaal/", views.signal_box, name="signal"),
    # PDFs before the catch-alls: the file name is not a slug, so no programme can shadow it.
    path("<slug:period>/mip.pdf", views.period_pdf, name="period_pdf"),
    path("<slug:period>/mip-v<int:version>.pdf", views.period_pdf, name="period_pdf_version"),
    path("<slug:period>/<slug:programme>/mip.pdf", views.programme_pdf, name="programme_pdf"),
    path(
        "<slug:period>/<slug:programme>/mip-v<int:version>.pdf",
        views.programme_pdf,
        name="programme_pdf_version",
    ),
    path("<slug:period>/", views.overview, name="overview"),
    path("<slug:period>/<slug:programme>/", views.programme_detail, name="programme"),
]
