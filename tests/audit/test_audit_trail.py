"""The audit trail (issue 19, finding 12): append-only in PostgreSQL itself, whatever path
tries to rewrite it, and the acts that were not recorded (or recorded wrongly) now are."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

import audit
from audit.models import AuditEvent
from reports.models import PublicationJob
from reports.publication import retry_publication
from tests.workflow_data import build_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)


@pytest.fixture
def event(round_) -> AuditEvent:
    return audit.record(audit.Action.LOGIN, actor=round_.manager, target="mila")


def refused(statement) -> None:
    """`statement` fails in the database, and the row is as it was."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        statement()


def sql(text: str, *params):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(text, params)

    return run


def test_update_delete_and_truncate_are_refused_by_the_database(event):
    refused(sql("UPDATE audit_auditevent SET target = 'x' WHERE id = %s", event.pk))
    refused(sql("DELETE FROM audit_auditevent WHERE id = %s", event.pk))
    assert AuditEvent.objects.get(pk=event.pk).target == "mila"


@pytest.mark.django_db(transaction=True)
def test_truncate_is_refused_by_the_database(event):
    refused(sql("TRUNCATE audit_auditevent"))
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_bulk_create_with_update_conflicts_cannot_rewrite_a_row(event):
    forged = AuditEvent(pk=event.pk, action=event.action, actor_name="someone", target="forged")

    def upsert():
        AuditEvent.objects.bulk_create(
            [forged],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["actor_name", "target"],
        )

    refused(upsert)
    assert AuditEvent.objects.get(pk=event.pk).target == "mila"


def test_loaddata_cannot_rewrite_a_row(event, tmp_path):
    fixture = tmp_path / "forged.json"
    fields = {"action": "login", "actor_name": "someone", "target": "forged", "extra": {}}
    fields["when"] = event.when.isoformat()
    fixture.write_text(
        json.dumps([{"model": "audit.auditevent", "pk": event.pk, "fields": fields}])
    )
    refused(lambda: call_command("loaddata", str(fixture), verbosity=0))
    assert AuditEvent.objects.get(pk=event.pk).target == "mila"


def test_deleting_a_user_keeps_their_events_by_name(event, round_):
    round_.manager.delete()  # on_delete=SET_NULL: the one update the trigger allows
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor, event.actor_name, event.target) == (None, "mila", "mila")


def test_creating_and_deactivating_a_user_are_recorded(client, round_):
    client.force_login(round_.admin)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nieuw",
            "password1": "een-lang-wachtwoord-2026",
            "password2": "een-lang-wachtwoord-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    created = AuditEvent.objects.get(action=audit.Action.USER_CREATED, target="nieuw")
    assert created.actor == round_.admin
    user = User.objects.get(username="nieuw")
    user.is_active = False
    user.save()
    assert AuditEvent.objects.filter(action=audit.Action.USER_DEACTIVATED, target="nieuw").exists()


def test_making_someone_a_programme_controller_is_recorded(round_):
    programme = round_.report.programme
    programme.controller = round_.other_manager
    programme.save()
    event = AuditEvent.objects.get(
        action=audit.Action.ROLE_CHANGE,
        extra__field="controller",
        target=round_.other_manager.username,
    )
    assert event.extra["programme"] == str(programme)


def test_an_exclusion_is_recorded_with_its_reason(client, round_):
    client.force_login(round_.coordinator)
    report = round_.other_report
    client.post(
        reverse("projects:exclude", args=[report.pk]),
        {"exclusion_reason": "Komt volgende ronde.", "version": report.version},
    )
    event = AuditEvent.objects.get(action=audit.Action.EXCLUSION)
    assert event.extra["reason"] == "Komt volgende ronde."


def test_an_erratum_retry_is_recorded_as_an_erratum_retry(round_):
    job = PublicationJob.objects.create(
        period=round_.report.period,
        kind=PublicationJob.Kind.ERRATUM,
        report=round_.report,
        status=PublicationJob.Status.FAILED,
    )
    retry_publication(job.period, by=round_.coordinator)
    event = AuditEvent.objects.get(extra__stage="retried")
    assert event.action == audit.Action.ERRATUM_RETRY  # before: "publication"
