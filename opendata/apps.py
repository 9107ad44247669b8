from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data of the published periods (issue 21): package, spreadsheet, catalogue, import.

    Imports projects and reports; neither imports it (tests/test_architecture.py). The
    publication task reaches it through ``settings.PUBLICATION_ARTEFACTS``.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = _("Open data")
