"""What the children that lay out and join the period PDF load before they are forked (issue 24).

``reports.pdf.PartRenderer`` runs WeasyPrint and the join in child processes forked from a
``forkserver`` that preloads this module: Django set up with the caller's settings (its
environment) and ``reports.pdf`` (WeasyPrint, fonts) imported once, so each child starts in
milliseconds and shares nothing with the caller: no database connection, no threads.
"""

from __future__ import annotations

import os

import django
from django.apps import apps

if not apps.ready:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mip.settings")
    django.setup()

from . import pdf  # noqa: F401  (preloaded for every child)
