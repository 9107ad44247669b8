from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Programmes and reports")

    def ready(self) -> None:
        from .newlines import store_lf_newlines
        from .rules import ensure_coordinator_group

        # After migrate, so the permissions of every app exist; idempotent.
        post_migrate.connect(ensure_coordinator_group, dispatch_uid="mip-coordinator-group")
        # Browsers send textarea line breaks as CRLF; stored text is LF (see newlines.py).
        pre_save.connect(store_lf_newlines, dispatch_uid="mip-lf-newlines")
