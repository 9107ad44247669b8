"""The task plumbing make serve relies on: django.tasks with the django-tasks-db backend."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, task

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task
def add(a: int, b: int) -> int:
    return a + b


def test_tests_run_tasks_at_once():
    result = add.enqueue(2, 3)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5


def test_a_task_waits_in_the_database_until_the_worker_runs_it(settings):
    settings.TASKS = DATABASE_TASKS
    result = add.enqueue(20, 22)
    assert result.status == TaskResultStatus.READY

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 42
