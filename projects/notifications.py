"""E-mail for the round: the controller hears of a submission, the manager of the review.

Mail is handed to the task worker (``projects.tasks``) after the transaction commits, so
nobody is told about a change that was rolled back and no request waits for the mail server.
Texts are rendered in the site's default language (Dutch), the language of the round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .tasks import send_notification

if TYPE_CHECKING:
    from .models import StatusReport


def _link(name: str, report: StatusReport) -> str:
    return settings.MIP_SITE_URL.rstrip("/") + reverse(name, args=[report.pk])


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
