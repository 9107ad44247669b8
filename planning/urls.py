from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("<slug:slug>/", views.plan_detail, name="plan"),
    path("<slug:slug>/totalen/", views.plan_totals, name="totals"),
    path("<slug:slug>/totalen.xlsx", views.plan_totals_xlsx, name="totals_xlsx"),
    path("<slug:slug>/plan.pdf", views.plan_pdf, name="pdf"),
    path("<slug:slug>/contracten/", views.contract_calendar, name="contracts"),
    path("<slug:slug>/initiatief/<int:pk>/", views.initiative_detail, name="initiative"),
    path("<slug:slug>/initiatief/<int:pk>/bewerken/", views.initiative_edit, name="edit"),
    path("<slug:slug>/initiatief/<int:pk>/monitor/", views.initiative_promote, name="promote"),
    path(
        "<slug:slug>/initiatief/<int:pk>/classificatie/",
        views.initiative_classify,
        name="classify",
    ),
]
