"""Append-only audit log of security-relevant actions (issue 11).

Call ``audit.record(audit.Action.EXCLUSION, actor=request.user, target=str(report),
request=request, reason=...)`` from the service that performs the action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audit.actions import Action

if TYPE_CHECKING:
    from django.http import HttpRequest

    from audit.models import AuditEvent

__all__ = ["Action", "record"]


def record(
    action: str, *, actor: Any, target: str = "", request: HttpRequest | None = None, **extra
) -> AuditEvent:
    """Append one event. ``actor`` is a user, None, or a name (a username that failed to log in,
    a management command); ``extra`` must be JSON-serialisable."""
    from audit.models import AuditEvent

    return AuditEvent.objects.append(action, actor=actor, target=target, request=request, **extra)
