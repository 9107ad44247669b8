"""Probes for load balancers: /healthz (the process answers) and /readyz (it can serve).

Neither touches the session or writes to the database, so a probe every few seconds costs a few
reads at most and never locks a row.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# Migrations cannot become unapplied while this code runs: once the plan is empty, it stays so
# until the next deploy starts new processes. Avoids reading every migration file on each probe.
_migrations_applied = False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Alive: the process answers. No database, so a database outage does not restart us."""
    return JsonResponse({"status": "ok"})


def migrations_applied() -> bool:
    """True when no migration in the code is missing from the database."""
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations_applied = not plan
    return _migrations_applied


def task_worker_connected() -> bool:
    """A task worker holds a connection named MIP_TASK_WORKER_APPNAME (PGAPPNAME)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = %s)",
            [settings.MIP_TASK_WORKER_APPNAME],
        )
        return bool(cursor.fetchone()[0])


# The worker on SQLite touches its heartbeat this often (seconds); older than HEARTBEAT_STALE
# means no worker runs (``manage.py task_worker``).
HEARTBEAT_EVERY = 2
HEARTBEAT_STALE = 15


def heartbeat_path() -> Path:
    """Beside the SQLite database file: the worker and the web server share that machine."""
    return Path(f"{connection.settings_dict['NAME']}.worker-heartbeat")


def touch_heartbeat() -> None:
    heartbeat_path().touch()


def task_worker_alive() -> bool:
    """On PostgreSQL the worker's named connection, elsewhere a fresh heartbeat file."""
    if connection.vendor == "postgresql":
        return task_worker_connected()
    try:
        return time.time() - heartbeat_path().stat().st_mtime < HEARTBEAT_STALE
    except OSError:  # never started
        return False


def readiness() -> dict[str, bool]:
    """Each condition /readyz needs; the database is asked at most twice."""
    try:
        connection.ensure_connection()
        return {
            "database": True,
            "migrations": migrations_applied(),
            "task_worker": task_worker_alive(),
        }
    except DatabaseError:
        return {"database": False, "migrations": False, "task_worker": False}


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready: database reachable, migrations applied, a task worker connected. 503 if not."""
    checks = readiness()
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )
