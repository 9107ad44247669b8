from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Publication")

    def ready(self) -> None:
        from projects.models import period_published

        from .signals import archive_published_period

        period_published.connect(archive_published_period, dispatch_uid="archive_published_period")
