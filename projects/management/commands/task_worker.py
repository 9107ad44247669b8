"""`manage.py task_worker`: django-tasks-db's ``db_worker`` that also says it is alive.

On PostgreSQL /readyz sees the worker's connection (``PGAPPNAME``, see ``mip.health``). SQLite
has no list of connections, so the worker touches a heartbeat file beside the database file
every few seconds; /readyz reports the worker missing when the file is older than that allows.
"""

from __future__ import annotations

import threading
import time

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from mip.health import HEARTBEAT_EVERY, touch_heartbeat


class Command(DbWorkerCommand):
    help = "Runs queued tasks (publication, mail), and keeps the heartbeat /readyz reads."

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            # A daemon thread: it lives exactly as long as the worker's process.
            threading.Thread(target=self._beat, name="mip-heartbeat", daemon=True).start()
        super().handle(*args, **options)

    @staticmethod
    def _beat() -> None:
        while True:
            touch_heartbeat()
            time.sleep(HEARTBEAT_EVERY)
