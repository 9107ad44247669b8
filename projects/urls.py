"""The reporting round, behind the login, under ``beheer/`` (never a public period slug).

Publishing a period and adding an erratum are served by reports (``reports:publish``,
``reports:erratum``) under the same ``beheer/`` paths: projects never imports reports.
"""

from django.urls import path

from . import admission_views, import_views, views

app_name = "projects"

urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("start/", views.start, name="start"),
    path("rapportage/<int:pk>/", views.report_detail, name="detail"),
    path("rapportage/<int:pk>/invullen/", views.edit_report, name="edit"),
    path("rapportage/<int:pk>/invullen/<slug:aspect>/", views.check_aspect, name="check_aspect"),
    path("rapportage/<int:pk>/beoordelen/", views.review_report, name="review"),
    path("rapportage/<int:pk>/uitsluiten/", views.exclude_report, name="exclude"),
    path("rapportage/<int:pk>/weer-opnemen/", views.readmit_report, name="readmit"),
    path("beoordelen/", views.review_queue, name="review_queue"),
    path("rondebord/", views.board, name="board"),
    path("periodes/nieuw/", views.open_period, name="open_period"),
    path("periodes/<slug:slug>/sluiten/", views.close_period, name="close_period"),
    path("programma/<int:pk>/monitor/", admission_views.admission, name="admission"),
    path("programma/<int:pk>/classificatie/", admission_views.classify, name="classify"),
    path("programma/<int:pk>/vertrek/", admission_views.departure, name="departure"),
    path("import/", import_views.import_round, name="import"),
    path("import/bevestigen/", import_views.confirm_import, name="import_confirm"),
    path("import/sjabloon.csv", import_views.import_template, name="import_template"),
]
