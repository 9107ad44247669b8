"""`make serve` for real: scripts/serve with nginx in front of gunicorn and its task worker, on
a free port.

Slow (about a minute: migrate, the demo, the first period PDF), but it is the only test that the
production stack (DEBUG off, manifest static files, nginx, gunicorn, db_worker) serves the
monitor: static files, archived PDFs (X-Accel-Redirect) and prepared pages sent by nginx.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.error import HTTPError

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 90, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def throwaway_database_url():
    """A new database on the test run's PostgreSQL server, dropped afterwards."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs PostgreSQL (run under scripts/with-postgres)")
    name = f"mip_serve_{uuid.uuid4().hex[:8]}"
    server = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def served(throwaway_database_url, tmp_path):
    """scripts/serve running until /readyz answers 200; stopped with Ctrl-C afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"TESTING", "DEBUG", "SECRET_KEY"}}
    env |= {
        "PY": sys.executable,
        "DATABASE_URL": throwaway_database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "MIP_PREPARED_ROOT": str(tmp_path / "prepared"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        # The newest period's PDFs are the ones checked below; the older period's would only
        # keep the worker rendering for half a minute more of the suite.
        "DEMO_ARCHIVE": "latest",
    }
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [ROOT / "scripts" / "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # The first start loads the demo and queues its published PDFs (period and every
        # programme) for the task worker: serving starts before they are archived.
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if fetch(f"{base}/readyz", timeout=30)[0] == 200:
                    break
            except OSError:  # not listening yet, or still starting up
                pass
            time.sleep(0.5)
        else:
            log.seek(0)
            pytest.fail(f"make serve did not become ready:\n{log.read()[-3000:]}")
        wait_archived(throwaway_database_url, process, log, deadline)
        yield base, process, throwaway_database_url.rsplit("/", 1)[1]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        process.wait(timeout=60)
        log.close()


def wait_archived(database_url: str, process, log, deadline: float) -> None:
    """Until the worker has done every archive job the start queued (minutes when busy)."""
    statuses: list = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline and process.poll() is None:
            statuses = conn.execute("SELECT status FROM reports_publicationjob").fetchall()
            if statuses and all(status == "done" for (status,) in statuses):
                return
            time.sleep(1)
    log.seek(0)
    pytest.fail(f"the demo's PDFs were not archived ({statuses}):\n{log.read()[-3000:]}")


def test_make_serve_serves_the_demo_in_production_mode(served, tmp_path):
    base, process, database = served

    status, headers, body = fetch(f"{base}/")
    assert status == 200
    page = body.decode()
    assert "Monitor ICT Projecten" in page or "MIP" in page
    # Static files come hashed from the manifest (DEBUG off), and whitenoise serves them.
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "no hashed stylesheet link"
    assert fetch(base + stylesheet.group(1))[0] == 200

    period_pdf = re.search(r'href="/([\w-]+)/mip\.pdf"', page)
    assert period_pdf, "no period PDF link on the overview"
    period = period_pdf.group(1)
    drill_down = re.search(rf'href="(/{period}/[\w-]+/)"', page)
    assert drill_down, "no drill-down link on the overview"
    assert fetch(base + drill_down.group(1))[0] == 200

    status, headers, body = fetch(f"{base}/{period}/mip.pdf")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-")

    check_static_files(base, stylesheet.group(1))
    check_archived_pdf(base, period, body)
    check_prepared_pages(base, period, tmp_path / "prepared")

    status, headers, body = fetch(f"{base}/readyz")
    assert status == 200
    assert b'"task_worker": true' in body

    # Every connection of gunicorn and the worker is cut, as by a PostgreSQL restart: the
    # persistent connections are health-checked and replaced, no process is restarted.
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres", autocommit=True
    ) as admin:
        cut = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            [database],
        ).fetchone()[0]
    assert cut >= 2  # at least one gunicorn thread and the task worker
    assert [fetch(f"{base}/")[0] for _ in range(6)] == [200] * 6
    deadline = time.monotonic() + 30
    while fetch(f"{base}/readyz")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert fetch(f"{base}/readyz")[0] == 200
    assert process.poll() is None

    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=60) in {0, 130}
    with pytest.raises(OSError):
        fetch(f"{base}/healthz", timeout=5)


def check_static_files(base: str, path: str) -> None:
    """nginx sends collected static files, the stored .gz for gzip, a year's cache if hashed."""
    status, headers, body = fetch(base + path, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip"
    collected = ROOT / "staticfiles" / path.removeprefix("/static/")
    assert gzip.decompress(body) == collected.read_bytes()
    assert headers["Server"] == "nginx"


def check_archived_pdf(base: str, period: str, whole: bytes) -> None:
    """The view checks, nginx sends (X-Accel-Redirect): no gzip, the SHA-256 ETag, a range."""
    url = f"{base}/{period}/mip.pdf"
    sha256 = hashlib.sha256(whole).hexdigest()
    status, headers, body = fetch(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and body == whole
    assert "Content-Encoding" not in headers
    assert "X-Accel-Redirect" not in headers
    assert headers["ETag"] == f'"{sha256}"'
    assert headers["X-Content-SHA256"] == sha256
    assert headers["Cache-Control"] == "public, no-cache"
    assert headers["Content-Disposition"].startswith("inline; filename=")
    ranged = {"Range": "bytes=100-199", "Accept-Encoding": "gzip"}
    status, headers, body = fetch(url, headers=ranged)
    assert status == 206
    assert body == whole[100:200]
    assert headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert fetch(url, headers={"If-None-Match": f'"{sha256}"'})[0] == 304
    # The internal location is nginx's alone: asked for directly, it is not there.
    assert fetch(f"{base}/_archive/")[0] == 404


def check_prepared_pages(base: str, period: str, prepared: Path) -> None:
    """An anonymous reader's page comes from the prepared file (the prepared-pages contract):
    the language cookie picks the folder, the stored .gz is sent for gzip; a signed-in reader,
    a query string or htmx reaches Django."""
    for language in ("nl", "en"):
        page = prepared / language / period / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        text = f"<!doctype html><html><body>prepared {language}</body></html>".encode()
        page.write_bytes(text)
        page.with_name("index.html.gz").write_bytes(gzip.compress(text))
    url = f"{base}/{period}/"
    status, headers, body = fetch(url)
    assert (status, body) == (200, b"<!doctype html><html><body>prepared nl</body></html>")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = fetch(url, headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).endswith(b"prepared nl</body></html>")
    assert b"prepared en" in fetch(url, headers={"Cookie": "django_language=en"})[2]
    assert b"prepared nl" in fetch(url, headers={"Cookie": "django_language=fr"})[2]
    status, _headers, body = fetch(url, headers={"HX-Request": "true"})
    assert status == 200 and b"prepared" not in body
    # A session cookie sends the request on to Django, which decides: nginx's copy says
    # "no-cache", Django's own answer to a reader it does not know is the prepared page with
    # a max-age (an unknown session is an anonymous reader), and a signed-in reader's page
    # is private.
    status, headers, body = fetch(url, headers={"Cookie": "sessionid=someone"})
    assert status == 200 and "max-age" in headers["Cache-Control"], headers
    status, _headers, body = fetch(url + "?unit=1")
    assert status == 200 and b"prepared" not in body
    # A page not prepared is still Django's.
    assert fetch(f"{base}/open-data/")[0] == 200


@pytest.mark.skipif(os.geteuid() != 0, reason="the postgres user only steps in for root")
def test_make_serve_starts_its_cluster_from_a_folder_the_postgres_user_cannot_enter(tmp_path):
    """A checkout in root's home or a private temporary folder (issue 18, item 15): the local
    cluster goes where its user can reach it, said in one line, instead of "Permission denied"."""
    private = tmp_path / "private"
    checkout = private / "mip"
    (checkout / "scripts").mkdir(parents=True)
    for name in ("serve", "postgres-lib.sh"):
        (checkout / "scripts" / name).write_bytes((ROOT / "scripts" / name).read_bytes())
        (checkout / "scripts" / name).chmod(0o755)
    private.chmod(0o700)  # root's own: `postgres` cannot pass
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # Stop right after the cluster is up: `false` stands in for Python at collectstatic.
    env |= {"PY": "/bin/false", "MIP_PG_PORT": str(free_port())}
    done = subprocess.run(
        [checkout / "scripts" / "serve"], env=env, capture_output=True, text=True, timeout=120
    )
    output = done.stdout + done.stderr
    assert "Permission denied" not in output
    moved = re.search(r"its cluster is kept in (\S+) instead", output)
    assert moved, output
    assert f"Local PostgreSQL in {moved.group(1)} on 127.0.0.1:" in output
    cluster = Path(moved.group(1))
    assert (cluster / "data" / "PG_VERSION").exists()
    # Stopped again by the script's own exit; its data is kept for the next start.
    assert not (cluster / "data" / "postmaster.pid").exists()
    subprocess.run(["rm", "-rf", str(cluster)], check=True)
