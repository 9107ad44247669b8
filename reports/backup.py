"""Backup and restore check: the database (pg_dump, custom format) plus the archived PDFs.

A backup is one folder, ``<dir>/mip-<timestamp>/``: ``database.dump``, ``media/`` (a copy of the
file storage) and ``manifest.json`` with the row count of every table and the SHA-256 of every
archived PDF. Row counts and dump come from the same PostgreSQL snapshot, so they agree even
while the site is written to. ``check_backup`` restores into a fresh database and compares both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection
from psycopg import sql

MANIFEST = "manifest.json"
DUMP = "database.dump"
DOCUMENTS_SQL = "SELECT file, sha256 FROM reports_publisheddocument ORDER BY file"


class BackupError(Exception):
    """The backup or the restored copy does not match what was recorded."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_env(database: str | None = None) -> dict[str, str]:
    """libpq variables for pg_dump/pg_restore from the default database's settings."""
    db = connection.settings_dict
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": database or db["NAME"],
    }
    return os.environ | {key: value for key, value in values.items() if value}


def connect(database: str | None = None, **options) -> psycopg.Connection:
    env = pg_env(database)
    return psycopg.connect(
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        dbname=env["PGDATABASE"],
        **options,
    )


def row_counts(cursor: psycopg.Cursor) -> dict[str, int]:
    """Rows in every table of the public schema."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def create_backup(target_dir: Path) -> Path:
    """Dump the database and copy the archived PDFs into a new dated folder; return it."""
    folder = Path(target_dir) / f"mip-{dt.datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    with connect() as conn, conn.cursor() as cursor:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(cursor)
        cursor.execute(DOCUMENTS_SQL)
        documents = dict(cursor.fetchall())
        # The dump sees exactly what was counted: it shares the open transaction's snapshot.
        subprocess.run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={folder / DUMP}"],
            env=pg_env(),
            check=True,
        )
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, folder / "media")
    pdfs = {name: sha256_of(folder / "media" / name) for name in documents}
    changed = sorted(name for name, digest in documents.items() if pdfs[name] != digest)
    if changed:
        raise BackupError(f"Archived PDFs differ from their recorded SHA-256: {changed}")
    manifest = {"created": dt.datetime.now().isoformat(), "tables": counts, "pdfs": pdfs}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def restore_database(folder: Path, database: str) -> None:
    """pg_restore the backup into `database`, which must exist and be empty."""
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={database}", folder / DUMP],
        env=pg_env(database),
        check=True,
    )


def restore_media(folder: Path) -> None:
    """Copy the backed-up file storage into MEDIA_ROOT (existing files are overwritten)."""
    if (folder / "media").exists():
        shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)


def compare(folder: Path, database: str) -> list[str]:
    """Differences between the manifest and the restored database plus backed-up PDFs."""
    manifest = json.loads((folder / MANIFEST).read_text())
    with connect(database) as conn, conn.cursor() as cursor:
        counts = row_counts(cursor)
        cursor.execute(DOCUMENTS_SQL)
        documents = dict(cursor.fetchall())
    problems = [
        f"table {table}: {manifest['tables'].get(table)} rows in the backup, {counts.get(table)}"
        " restored"
        for table in sorted(set(counts) | set(manifest["tables"]))
        if counts.get(table) != manifest["tables"].get(table)
    ]
    for name in sorted(set(documents) | set(manifest["pdfs"])):
        path = folder / "media" / name
        actual = sha256_of(path) if path.exists() else "missing"
        if not documents.get(name) == manifest["pdfs"].get(name) == actual:
            problems.append(f"PDF {name}: SHA-256 differs or missing ({actual})")
    return problems


def check_backup(folder: Path) -> list[str]:
    """Restore into a fresh throwaway database on the same server, compare, drop it."""
    scratch = f"{connection.settings_dict['NAME']}_restore_check_{uuid.uuid4().hex[:8]}"
    with connect("postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            restore_database(folder, scratch)
            return compare(folder, scratch)
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(scratch)))
