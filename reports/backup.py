"""Backup and restore: the database (pg_dump, custom format) plus the archived PDFs, signed.

A backup is one folder, ``<dir>/mip-<timestamp>/`` (0700, files 0600): ``database.dump``,
``media/`` (a copy of the file storage), ``manifest.json`` and ``manifest.sig``. The manifest
holds the SHA-256 of every file, and per table the row count and a SHA-256 over its rows (the
published records, errata, archived documents, users and the audit trail among them), all from
the dump's own PostgreSQL snapshot. ``manifest.sig`` is an HMAC-SHA256 of the manifest with a key
that is not in the backup (``BACKUP_SIGNING_KEY``, else derived from ``SECRET_KEY``).

Not in the backup (issue 19, finding 4): the data of ``django_session`` (a session key opened the
coordinator's board), django-axes' attempt and log tables, and the stored public pages (the
database cache). Finished task results are dropped on restore.

A restore (issue 19, finding 3) refuses, before running anything: a manifest whose signature does
not match, a file whose SHA-256 differs, an extra file, and a dump holding anything but the
tables, sequences, constraints and indexes of MIP's own models (no functions, languages,
extensions, rules, views or triggers of its own; the audit trigger is installed anew from
``audit/triggers.py``). It restores as a role that cannot run programs (never a superuser or a
member of pg_execute_server_program: a throwaway login role when the configured one could), and
then compares every table's count and row digest with the signed manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection
from psycopg import sql

from audit.triggers import APPEND_ONLY_SQL

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DUMP = "database.dump"
DOCUMENTS_SQL = "SELECT file, sha256 FROM reports_publisheddocument ORDER BY file"
# Disposable and sensitive: live sessions, failed-login attempts and login logs.
EXCLUDED_DATA = (
    "django_session",
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
)
CACHE_BACKEND = "django.core.cache.backends.db.DatabaseCache"
TASKS = "django_tasks_db_dbtaskresult"  # queued tasks matter; finished ones are dropped
# What a dump of MIP holds; every other kind of entry (FUNCTION, PROCEDURAL LANGUAGE, EXTENSION,
# RULE, VIEW, EVENT TRIGGER, AGGREGATE, CAST, ACL, …) is refused.
TABLE_ENTRIES = {"TABLE", "TABLE DATA", "CONSTRAINT", "FK CONSTRAINT", "DEFAULT"}
OTHER_ENTRIES = {"SEQUENCE", "SEQUENCE OWNED BY", "SEQUENCE SET", "INDEX"}
# Installed by audit/triggers.py after the restore; the dump's copies are skipped.
OWN_TRIGGER_ENTRIES = {
    ("FUNCTION", "audit_auditevent_append_only()"),
    ("TRIGGER", "audit_auditevent audit_auditevent_append_only"),
    ("TRIGGER", "audit_auditevent audit_auditevent_no_truncate"),
}
ENTRY = re.compile(r"^\d+; \d+ \d+ (?P<rest>.*)$")


class BackupError(Exception):
    """The backup or the restored copy does not match what was recorded."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def signing_key() -> bytes:
    """Kept out of the backup: BACKUP_SIGNING_KEY, else derived from SECRET_KEY."""
    secret = getattr(settings, "BACKUP_SIGNING_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(b"mip.backup.manifest\0" + secret.encode()).digest()


def sign(data: bytes) -> str:
    return hmac.new(signing_key(), data, hashlib.sha256).hexdigest()


def pg_env(database: str | None = None, role: tuple[str, str] | None = None) -> dict[str, str]:
    """libpq variables for pg_dump/pg_restore: the default database's settings, or `role`."""
    db = connection.settings_dict
    user, password = role or (db.get("USER") or "", db.get("PASSWORD") or "")
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": user,
        "PGPASSWORD": password,
        "PGDATABASE": database or db["NAME"],
    }
    return os.environ | {key: value for key, value in values.items() if value}


def connect(database: str | None = None, role=None, **options) -> psycopg.Connection:
    env = pg_env(database, role)
    return psycopg.connect(
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        dbname=env["PGDATABASE"],
        **options,
    )


def _normalise(cursor: psycopg.Cursor) -> None:
    """Row text that does not depend on the server's or client's settings."""
    for setting, value in (
        ("TimeZone", "UTC"),
        ("DateStyle", "ISO, YMD"),
        ("IntervalStyle", "postgres"),
        ("extra_float_digits", "1"),
        ("bytea_output", "hex"),
    ):
        cursor.execute(sql.SQL("SET {} TO {}").format(sql.Identifier(setting), value))


def table_records(cursor: psycopg.Cursor) -> dict[str, dict]:
    """Rows and a SHA-256 over the rows of every table of the public schema, as backed up."""
    _normalise(cursor)
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = [name for (name,) in cursor.fetchall()]
    records, excluded = {}, excluded_data()
    for table in tables:
        where = sql.SQL("WHERE false" if table in excluded else "WHERE true")
        if table == TASKS:
            where = sql.SQL("WHERE finished_at IS NULL")
        cursor.execute(
            sql.SQL(
                "SELECT count(*), encode(sha256(convert_to(coalesce("
                "string_agg(t::text, E'\\n' ORDER BY t::text), ''), 'UTF8')), 'hex') "
                "FROM {} t {}"
            ).format(sql.Identifier(table), where)
        )
        rows, digest = cursor.fetchone()
        records[table] = {"rows": rows, "sha256": digest}
    return records


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Everything written meanwhile is for the owner only (0600 files, 0700 folders)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _lock_down(folder: Path) -> None:
    """copytree copies the source's modes (0644): set them again."""
    folder.chmod(0o700)
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _dump(folder: Path) -> tuple[dict, dict[str, str]]:
    """pg_dump within one snapshot; the per-table records and archived PDFs of that snapshot."""
    with connect() as conn, conn.cursor() as cursor:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        records = table_records(cursor)
        cursor.execute(DOCUMENTS_SQL)
        documents = dict(cursor.fetchall())
        excluded = [f"--exclude-table-data={table}" for table in sorted(excluded_data())]
        # The dump sees exactly what was counted: it shares the open transaction's snapshot.
        subprocess.run(
            [
                *("pg_dump", "--format=custom", "--no-owner", "--no-privileges", *excluded),
                *(f"--snapshot={snapshot}", f"--file={folder / DUMP}"),
            ],
            env=pg_env(),
            check=True,
        )
    return records, documents


def create_backup(target_dir: Path) -> Path:
    """Dump the database and copy the archived PDFs into a new dated folder; sign; return it."""
    with private_files():
        Path(target_dir).mkdir(parents=True, exist_ok=True)
        folder = Path(target_dir) / f"mip-{dt.datetime.now():%Y%m%d-%H%M%S}"
        folder.mkdir()
        records, documents = _dump(folder)
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.copytree(media, folder / "media")
        _lock_down(folder)
        files = files_in(folder)
        changed = sorted(n for n, d in documents.items() if files.get(f"media/{n}") != d)
        if changed:
            raise BackupError(f"Archived PDFs differ from their recorded SHA-256: {changed}")
        manifest = {
            "created": dt.datetime.now().isoformat(),
            "tables": records,
            "files": files,
            "pdfs": documents,
        }
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        (folder / MANIFEST).write_bytes(data)
        (folder / SIGNATURE).write_text(sign(data) + "\n")
    return folder


def files_in(folder: Path) -> dict[str, str]:
    """SHA-256 of the dump and of every file under media/, by path within the backup."""
    paths = [folder / DUMP, *sorted(p for p in (folder / "media").rglob("*") if p.is_file())]
    return {path.relative_to(folder).as_posix(): sha256_of(path) for path in paths}


def verified_manifest(folder: Path) -> dict:
    """The manifest, once its signature and every file's SHA-256 hold; else BackupError."""
    folder = Path(folder)
    try:
        data = (folder / MANIFEST).read_bytes()
        signature = (folder / SIGNATURE).read_text().strip()
    except FileNotFoundError as error:
        raise BackupError(f"Not a signed MIP backup: {error.filename} is missing.") from error
    if not hmac.compare_digest(sign(data), signature):
        raise BackupError(
            "The manifest's signature does not match this installation's key (BACKUP_SIGNING_KEY "
            "or SECRET_KEY): the backup was changed, or made with another key. Nothing restored."
        )
    manifest = json.loads(data)
    actual = files_in(folder)
    problems = [
        f"file {name}: {'changed' if name in manifest['files'] else 'not in the signed manifest'}"
        for name in sorted(actual)
        if actual[name] != manifest["files"].get(name)
    ]
    problems += [f"file {name}: missing" for name in sorted(set(manifest["files"]) - set(actual))]
    if problems:
        raise BackupError(
            "The backup's files differ from its signed manifest:\n" + "\n".join(problems)
        )
    return manifest


def cache_tables() -> set[str]:
    """The database caches' tables (the stored public pages): rebuilt on demand, not backed up."""
    return {c["LOCATION"] for c in settings.CACHES.values() if c["BACKEND"] == CACHE_BACKEND}


def excluded_data() -> set[str]:
    return set(EXCLUDED_DATA) | cache_tables()


def app_tables() -> set[str]:
    """The tables MIP's migrations create (and the migration log)."""
    tables = set(connection.introspection.django_table_names())
    return tables | cache_tables() | {"django_migrations"}


def restore_list(folder: Path) -> str:
    """The dump's table of contents for pg_restore --use-list, with our own trigger skipped;
    BackupError if it holds anything outside MIP's own tables."""
    listing = subprocess.run(
        ["pg_restore", "--list", folder / DUMP], capture_output=True, text=True, check=True
    ).stdout
    tables, lines, refused = app_tables(), [], []
    kinds = sorted(TABLE_ENTRIES | OTHER_ENTRIES | {"FUNCTION", "TRIGGER"}, key=len, reverse=True)
    for line in listing.splitlines():
        match = ENTRY.match(line)
        if not match:
            lines.append(line)  # comments
            continue
        rest = match["rest"]
        kind = next((k for k in kinds if rest.startswith(k + " ")), None)
        parts = rest[len(kind) + 1 :].split(" ") if kind else []
        name = " ".join(parts[1:-1])  # between the schema and the owner
        if (kind, name) in OWN_TRIGGER_ENTRIES:
            lines.append(";" + line)
        elif _allowed(kind, parts, name, tables):
            lines.append(line)
        else:
            refused.append(rest)
    if refused:
        raise BackupError(
            "The dump holds more than MIP's own tables; nothing restored:\n" + "\n".join(refused)
        )
    return "\n".join(lines) + "\n"


def _allowed(kind: str | None, parts: list[str], name: str, tables: set[str]) -> bool:
    if kind in (None, "FUNCTION", "TRIGGER") or len(parts) < 3 or parts[0] != "public":
        return False
    if kind in TABLE_ENTRIES:
        return name.split(" ")[0] in tables
    if kind.startswith("SEQUENCE"):
        return any(name.startswith(f"{table}_") for table in tables)
    return True  # INDEX: no function of its own can be restored for it to call


def can_run_programs(conn: psycopg.Connection) -> bool:
    row = conn.execute(
        "SELECT rolsuper OR pg_has_role(current_user, 'pg_execute_server_program', 'USAGE') "
        "FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    return bool(row and row[0])


@contextlib.contextmanager
def restricted_role(database: str) -> Iterator[tuple[str, str] | None]:
    """A login role that cannot run programs, allowed to create in `database`'s public schema:
    the configured one when it already cannot (None), else a throwaway one, dropped after (its
    objects handed to the configured user)."""
    with connect(database, autocommit=True) as conn:
        if not can_run_programs(conn):
            yield None
            return
        name, password = f"mip_restore_{uuid.uuid4().hex[:12]}", secrets.token_urlsafe(24)
        role = sql.Identifier(name)
        conn.execute(
            sql.SQL(
                "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD {}"
            ).format(role, sql.Literal(password))
        )
        try:
            conn.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(role))
            yield name, password
        finally:
            with contextlib.suppress(psycopg.Error):  # the database may be dropped already
                conn.execute(sql.SQL("REASSIGN OWNED BY {} TO CURRENT_USER").format(role))
                conn.execute(sql.SQL("DROP OWNED BY {}").format(role))
    with connect("postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(role))


def restore_database(folder: Path, database: str, *, use_list: str | None = None) -> None:
    """pg_restore the (verified) backup into `database`, which must exist and be empty, as a role
    that cannot run programs; then install the audit trigger from our own code."""
    use_list = use_list if use_list is not None else restore_list(folder)
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        listing.write(use_list)
        listing.flush()
        with restricted_role(database) as role:
            result = subprocess.run(
                [
                    *("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"),
                    *("--single-transaction", f"--use-list={listing.name}"),
                    *(f"--dbname={database}", folder / DUMP),
                ],
                env=pg_env(database, role),
                capture_output=True,
                text=True,
            )
    if result.returncode:
        raise BackupError(f"pg_restore refused the dump: {result.stderr.strip()[-2000:]}")
    with connect(database, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('audit_auditevent')").fetchone()[0]:
            conn.execute(APPEND_ONLY_SQL)


def drop_finished_tasks(database: str) -> None:
    with connect(database, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DELETE FROM {} WHERE finished_at IS NOT NULL").format(sql.Identifier(TASKS))
        )


def restore_media(folder: Path, manifest: dict) -> None:
    """Copy the backed-up files the signed manifest lists into MEDIA_ROOT (overwriting)."""
    for name in manifest["files"]:
        if name.startswith("media/"):
            target = Path(settings.MEDIA_ROOT) / name.removeprefix("media/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / name, target)


def compare(folder: Path, database: str, manifest: dict) -> list[str]:
    """Differences between the signed manifest and the restored database."""
    with connect(database) as conn, conn.cursor() as cursor:
        records = table_records(cursor)
        cursor.execute(DOCUMENTS_SQL)
        documents = dict(cursor.fetchall())
    expected = manifest["tables"]
    problems = [
        f"table {table}: restored rows differ from the signed manifest "
        f"({(expected.get(table) or {}).get('rows')} backed up, "
        f"{(records.get(table) or {}).get('rows')} restored)"
        for table in sorted(set(records) | set(expected))
        if records.get(table) != expected.get(table)
    ]
    for name in sorted(set(documents) | set(manifest["pdfs"])):
        if (
            not documents.get(name)
            == manifest["pdfs"].get(name)
            == manifest["files"].get(f"media/{name}")
        ):
            problems.append(f"PDF {name}: SHA-256 differs or missing")
    return problems


def check_backup(folder: Path) -> list[str]:
    """Verify, restore into a fresh throwaway database on the same server, compare, drop it.
    A refused backup is one problem, with the reason."""
    folder = Path(folder)
    try:
        manifest = verified_manifest(folder)
        use_list = restore_list(folder)
    except BackupError as error:
        return [str(error)]
    scratch = f"{connection.settings_dict['NAME']}_restore_check_{uuid.uuid4().hex[:8]}"
    with connect("postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            restore_database(folder, scratch, use_list=use_list)
            return compare(folder, scratch, manifest)
        except BackupError as error:
            return [str(error)]
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(scratch)))
