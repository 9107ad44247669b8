"""Mail sent by the task worker, so a slow or unreachable mail server never holds a request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task


@task
def send_notification(subject: str, body: str, recipient: str) -> None:
    """One mail of the round (``projects.notifications``); a failure is kept in the task's
    result, not shown to the person who submitted or reviewed."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
