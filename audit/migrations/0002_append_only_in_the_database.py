"""The audit table is append-only in the database itself (issue 19, finding 12).

The model and its queryset already refuse save()/update()/delete(), but ``bulk_create(
update_conflicts=True)`` (INSERT … ON CONFLICT DO UPDATE), ``loaddata`` (save_base, raw) and
plain SQL went around them. On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE of
``audit_auditevent`` for every client. One UPDATE stays allowed: setting ``actor_id`` to NULL
with nothing else changed, which is what deleting a user does (on_delete=SET_NULL; the name is
kept in ``actor_name``). A database administrator can purge on purpose in one transaction with
``SET LOCAL mip.audit_maintenance = 'on'`` (the test suite's flush does); MIP never sets it.
SQLite (development only) gets the UPDATE/DELETE part too; it has no TRUNCATE.
"""

from django.db import migrations

# The SQL lives in audit/triggers.py because a restore installs the same trigger again.

from audit.triggers import APPEND_ONLY_SQL as POSTGRES
from audit.triggers import DROP_APPEND_ONLY_SQL as POSTGRES_REVERSE

SQLITE = [
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    WHEN NOT (NEW.actor_id IS NULL AND NEW."when" IS OLD."when" AND NEW.action IS OLD.action
              AND NEW.actor_name IS OLD.actor_name AND NEW.target IS OLD.target
              AND NEW.ip_address IS OLD.ip_address AND NEW.extra IS OLD.extra
              AND NEW.id IS OLD.id)
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER audit_auditevent_no_update",
    "DROP TRIGGER audit_auditevent_no_delete",
]


def forward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def backward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
