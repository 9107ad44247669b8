from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """The portfolio page and the council information letter: read the monitor, never read by it."""

    name = "portfolio"
    verbose_name = _("Portfolio and council letters")
    default_auto_field = "django.db.models.BigAutoField"
