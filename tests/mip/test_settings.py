import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= {
        "SECRET_KEY": "x" * 20 + "-production-secret-" + "y" * 30,
        "ALLOWED_HOSTS": "mip.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_unless_asked():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DEBUG"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
