"""Django for a bench script run as ``python bench/<name>.py``: the checkout on the path, test
settings (no HTTPS redirect) and ``django.setup()``. Imported first by each script."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mip.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TESTING", "1")

import django  # noqa: E402

django.setup()
