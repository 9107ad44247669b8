"""The load balancer probes: /healthz without a database, /readyz with its three conditions."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db(transaction=True)


def worker_connection(settings) -> psycopg.Connection:
    """A second real connection named like the task worker `make serve` starts."""
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        dbname=connection.settings_dict["NAME"],
        application_name=settings.MIP_TASK_WORKER_APPNAME,
    )


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_readyz_is_unavailable_without_a_task_worker(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": True,
        "migrations": True,
        "task_worker": False,
    }


def test_readyz_is_ready_with_a_task_worker_and_writes_nothing(client, settings):
    with worker_connection(settings):
        client.get("/readyz")  # the first probe of a process also reads the migration table
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ok"
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    written = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert written == []
    # Once migrations are known to be applied, a probe asks the database one question.
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_readyz_reports_an_unreachable_database(client, settings):
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = client.get("/readyz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert response.status_code == 503
    assert response.json()["database"] is False


def test_probes_are_not_redirected_to_https_but_pages_are(client, settings):
    """Load balancers probe over plain HTTP; the production exemption lets them."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503  # no worker here; but not redirected
