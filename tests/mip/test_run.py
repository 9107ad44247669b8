"""`make run` for real (issue 18, items 1 and 16): scripts/run on SQLite in a temporary folder.

The demo's first publication must work: the coordinator presses *Publiceren* in Chromium and
the period is public within a minute, because a task worker runs beside the development
server. /readyz sees that worker on SQLite too (its heartbeat), and misses it once it stops.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mip.health import HEARTBEAT_STALE
from tests.mip.test_serve import ROOT, fetch, free_port

pytestmark = pytest.mark.browser

# Every report of the demo's open round left out, with a reason, by the coordinator: what the
# round needs before publishing, done here through the model, as the board's buttons do.
PREPARE = """
from django.contrib.auth.models import User
from projects.models import ReportingPeriod
coordinator = User.objects.get(username="coordinator")
period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
for report in period.reports.all():
    report.exclude_from_publication(by=coordinator, reason="Test van make run")
print(period.slug)
"""


def wait_ready(base: str, process, log: Path, seconds: float = 300) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            status, _headers, body = fetch(f"{base}/readyz", timeout=10)
            if status == 200:
                return {"status": status, "body": body}
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"make run did not become ready:\n{log.read_text()[-3000:]}")


@pytest.fixture
def running(tmp_path):
    """scripts/run on a fresh SQLite database, until /readyz says ready; Ctrl-C afterwards."""
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TESTING", "DEBUG", "SECRET_KEY", "DATABASE_URL", "MIP_SITE_URL"}
    }
    env |= {
        "PY": sys.executable,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PORT": str(port),
        # The demo's PDFs are archived by test_serve's make serve; here they would only keep
        # the worker busy for a minute of the suite.
        "DEMO_ARCHIVE": "0",
    }
    log = tmp_path / "run.log"
    process = subprocess.Popen(
        [ROOT / "scripts" / "run"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process, log)
        yield base, process, env, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        process.wait(timeout=60)


def test_make_run_publishes_the_demo_within_a_minute_and_readyz_misses_a_crashed_worker(
    running, browser
):
    """One `make run` for both checks: starting it costs a minute and a half on SQLite."""
    base, process, env, log = running
    prepared = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", PREPARE],
        cwd=ROOT,
        env=env | {"DEBUG": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    slug = prepared.stdout.strip().splitlines()[-1]
    assert fetch(f"{base}/{slug}/")[0] == 404  # not public yet

    context = browser.new_context(base_url=base, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill("mip-demo-2023")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/beheer/**")
    page.goto(f"/beheer/rondebord/?period={slug}")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_load_state()

    published = time.monotonic()
    while fetch(f"{base}/{slug}/")[0] != 200:
        assert time.monotonic() - published < 60, log.read_text()[-3000:]
        time.sleep(1)
    page.goto(f"/beheer/rondebord/?period={slug}")
    assert "Gepubliceerd" in page.locator(".page-head").inner_text()
    context.close()

    # The logins come again below the server's banner, under a heading (item 16).
    output = log.read_text()
    assert output.rindex("=== MIP demo") > output.index("Quit the server with")
    assert "coordinator" in output[output.rindex("=== MIP demo") :]

    # A crashed worker (no chance to clean up): its heartbeat goes stale and /readyz says so.
    assert b'"task_worker": true' in fetch(f"{base}/readyz")[2]
    worker = subprocess.run(
        ["pgrep", "-f", "-g", str(process.pid), "manage.py task_worker"],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert worker, "no task worker process under make run"
    for pid in worker:
        os.kill(int(pid), signal.SIGKILL)
    deadline = time.monotonic() + HEARTBEAT_STALE + 10
    while time.monotonic() < deadline:
        status, _headers, body = fetch(f"{base}/readyz")
        if status == 503:
            break
        time.sleep(1)
    assert status == 503
    assert b'"task_worker": false' in body

    # Ctrl-C stops everything make run started: nothing of its process group is left.
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=60) in {0, 130}
    time.sleep(1)
    # Dead but not yet reaped (Z) is gone: no init reaps orphans in every container.
    table = subprocess.run(
        ["ps", "-e", "-o", "pgid=,stat=,args="], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split(None, 2) for line in table.splitlines()]
    alive = [row for row in rows if row[0] == str(process.pid) and not row[1].startswith("Z")]
    assert alive == [], "processes left after Ctrl-C"
