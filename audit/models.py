"""The audit log: events are only ever appended; the model and its queryset refuse to change
or delete them, so no code path in MIP (admin, shell helpers, bulk updates) can rewrite history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import Action


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


def client_address(request) -> str | None:
    """The client's address as django-axes sees it (respects AXES_IPWARE_* behind a proxy)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def append(self, action: str, *, actor: Any, target: str = "", request=None, **extra):
        """Create one event; ``actor`` may be a user, a plain name, or None."""
        user = actor if getattr(actor, "pk", None) is not None else None
        name = actor.get_username() if user else str(actor or "")
        return self.create(
            action=action,
            actor=user,
            actor_name=name[:150],
            target=str(target)[:300],
            ip_address=client_address(request),
            extra=extra,
        )


class AuditEvent(models.Model):
    when = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    # The user is kept by name too: the event must outlive the account.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    target = models.CharField(_("target"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    extra = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-when", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
