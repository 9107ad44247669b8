from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Publication")

    def ready(self) -> None:
        from projects.models import erratum_added, period_published

        from .signals import archive_published_period, issue_errata_version

        period_published.connect(archive_published_period, dispatch_uid="archive_published_period")
        erratum_added.connect(issue_errata_version, dispatch_uid="issue_errata_version")
