"""E-mail for the round: the controller hears of a submission, the manager of the review.

Mail is handed to the task worker (``projects.tasks``) after the transaction commits, so
nobody is told about a change that was rolled back and no request waits for the mail server.
Texts are rendered in the site's default language (Dutch), the language of the round.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from mip.middleware import site_url

from .tasks import send_notification

if TYPE_CHECKING:
    from .models import StatusReport


def _link(name: str, report: StatusReport) -> str:
    return site_url() + reverse(name, args=[report.pk])


def _send(recipient, subject: str, body: str) -> None:
    if recipient is None or not recipient.email:
        return
    email = recipient.email
    transaction.on_commit(lambda: send_notification.enqueue(subject, body, email))


def report_submitted(report: StatusReport) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("To review: %(programme)s, %(period)s") % {
            "programme": report.programme.display_name,
            "period": report.period.label,
        }
        body = _(
            "%(manager)s submitted the status report of %(programme)s for %(period)s.\n\n"
            "Review it here: %(url)s"
        ) % {
            "manager": report.submitted_by.get_full_name() if report.submitted_by else "",
            "programme": report.programme.name,
            "period": report.period.label,
            "url": _link("projects:review", report),
        }
    _send(report.programme.controller, subject, body)


def report_reviewed(report: StatusReport) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if report.state == report.State.APPROVED:
            subject = _("Approved: %(programme)s, %(period)s")
            body = _(
                "Your status report of %(programme)s for %(period)s was approved.\n\n"
                "%(comment)s\n\nSee the report: %(url)s"
            )
        else:
            subject = _("Returned: %(programme)s, %(period)s")
            body = _(
                "Your status report of %(programme)s for %(period)s was returned with this "
                "comment:\n\n%(comment)s\n\nChange it here: %(url)s"
            )
        values = {
            "programme": report.programme.display_name,
            "period": report.period.label,
            "comment": report.review_comment,
            "url": _link(
                "projects:detail" if report.state == report.State.APPROVED else "projects:edit",
                report,
            ),
        }
        subject, body = subject % values, (body % values).replace("\n\n\n\n", "\n\n")
    _send(report.programme.manager, subject, body)


@dataclass(frozen=True)
class FailedMail:
    """A notification the task worker could not send, for the coordinator's board."""

    when: object
    recipient: str
    subject: str
    error: str


def failed_mails(limit: int = 20) -> list[FailedMail]:
    """The newest notifications whose sending failed (django-tasks-db keeps each result)."""
    results = (
        DBTaskResult.objects.failed()
        .filter(task_path=send_notification.module_path)
        .order_by("-finished_at")[:limit]
    )
    found = []
    for result in results:
        args = result.args_kwargs.get("args") or ["", "", ""]
        lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
        error = lines[-1] if lines else result.exception_class_path
        found.append(FailedMail(result.finished_at, args[2], args[0], error))
    return found
