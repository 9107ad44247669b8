"""A backup that is read by its owner only, holds no live sessions, and is trusted on restore
only when signed, unchanged and MIP's own (issue 19, findings 3 and 4). On PostgreSQL, with
real pg_dump/pg_restore processes and a second role."""

from __future__ import annotations

import json
import stat
import subprocess
import uuid
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from psycopg import sql

from reports.backup import (
    DUMP,
    MANIFEST,
    SIGNATURE,
    BackupError,
    check_backup,
    compare,
    create_backup,
    files_in,
    pg_env,
    restore_database,
    sign,
    verified_manifest,
)
from reports.backup import connect as pg_connect
from tests.reports.test_backup import archive_stand_in, demo_backup  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_is_for_its_owner_only_and_holds_no_session(tmp_path, demo):
    session = SessionStore()
    session["_auth_user_id"] = "1"
    session.create()
    folder = create_backup(tmp_path / "backups")

    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    data = subprocess.run(
        ["pg_restore", "--data-only", "--file=-", folder / DUMP],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert session.session_key not in data
    assert "COPY public.django_session" not in data
    assert "COPY public.axes_accessattempt " not in data


def tamper(folder: Path) -> None:
    """What someone with the files does: a published text changed, an audit row rewritten and an
    extra superuser, dumped again over the backup's dump."""
    scratch = f"{connection.settings_dict['NAME']}_tamper_{uuid.uuid4().hex[:8]}"
    with pg_connect("postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        env = pg_env(scratch)
        subprocess.run(["pg_restore", f"--dbname={scratch}", folder / DUMP], env=env, check=True)
        with pg_connect(scratch) as conn:
            conn.execute(
                "UPDATE projects_statusreport SET developments = 'Alles op groen.' WHERE id = "
                "(SELECT min(r.id) FROM projects_statusreport r JOIN projects_reportingperiod p "
                "ON p.id = r.period_id WHERE p.state = 'published')"
            )
            conn.execute("SET LOCAL mip.audit_maintenance = 'on'")
            conn.execute("UPDATE audit_auditevent SET actor_name = 'niemand'")
            conn.execute(
                "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,"
                " email, is_staff, is_active, date_joined) VALUES"
                " ('x', true, 'indringer', '', '', '', true, true, now())"
            )
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={folder / DUMP}"], env=env, check=True
        )
    finally:
        with pg_connect("postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(scratch)))


def test_a_tampered_dump_is_refused_at_every_layer(demo_backup):  # noqa: F811
    tamper(demo_backup)
    assert "file database.dump: changed" in check_backup(demo_backup)[0]

    manifest_path = demo_backup / MANIFEST
    manifest = manifest_path.read_text()
    old = files_in(demo_backup)[DUMP]  # the tampered dump's hash
    assert old not in manifest
    # Whoever rewrites the manifest's hash has no key to sign it with.
    data = json.loads(manifest)
    data["files"][DUMP] = old
    manifest_path.write_text(json.dumps(data, indent=2, sort_keys=True))
    assert "signature does not match" in check_backup(demo_backup)[0]

    # Even signed with the key (an insider), the rows differ from the signed table digests.
    (demo_backup / SIGNATURE).write_text(sign(manifest_path.read_bytes()))
    problems = "\n".join(check_backup(demo_backup))
    for table in ("projects_statusreport", "audit_auditevent", "auth_user"):
        assert f"table {table}: restored rows differ" in problems


@pytest.fixture
def hostile_database(tmp_path):
    """A CHECK constraint calling a plpgsql function that runs `COPY … TO PROGRAM` (only outside
    this test database, so it fires during a restore). Removed afterwards."""
    marker = Path(f"/tmp/mip-hostile-{uuid.uuid4().hex}")
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""CREATE FUNCTION mip_hostile() RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
                IF current_database() <> '{name}' THEN
                    COPY (SELECT 1) TO PROGRAM 'touch {marker}';
                END IF;
                RETURN true;
            END $$""",
            None,
        )
        cursor.execute(
            "ALTER TABLE projects_programme ADD CONSTRAINT hostile CHECK (mip_hostile())"
        )
    yield marker
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE projects_programme DROP CONSTRAINT hostile")
        cursor.execute("DROP FUNCTION mip_hostile()")
    marker.unlink(missing_ok=True)


def test_a_hostile_dump_is_refused_and_runs_nothing(tmp_path, demo, hostile_database):
    folder = create_backup(tmp_path / "backups")  # signed: the database itself was compromised

    problems = check_backup(folder)
    assert "holds more than MIP's own tables" in problems[0]
    assert "FUNCTION public mip_hostile()" in problems[0]
    assert not hostile_database.exists()

    # Past the content check (as if it missed something): the role cannot run programs.
    listing = subprocess.run(
        ["pg_restore", "--list", folder / DUMP], capture_output=True, text=True, check=True
    ).stdout
    scratch = f"{connection.settings_dict['NAME']}_hostile_{uuid.uuid4().hex[:8]}"
    with pg_connect("postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            with pytest.raises(BackupError, match=r"pg_execute_server_program|permission denied"):
                restore_database(folder, scratch, use_list=listing)
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(scratch)))
    assert not hostile_database.exists()


def test_a_verified_backup_restores_into_an_empty_database_with_its_audit_trigger(
    demo_backup,  # noqa: F811
):
    target = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    manifest = verified_manifest(demo_backup)
    with pg_connect("postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
        try:
            restore_database(demo_backup, target)
            assert compare(demo_backup, target, manifest) == []
            with pg_connect(target) as conn:
                owners = conn.execute(
                    "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
                assert owners == [(connection.settings_dict["USER"] or "postgres",)]
                with pytest.raises(Exception, match="append-only"):
                    conn.execute("TRUNCATE audit_auditevent")
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(target)))
        roles = admin.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'mip_restore_%'")
        assert roles.fetchall() == []  # the throwaway role is gone
