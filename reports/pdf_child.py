"""The period PDF's WeasyPrint layout and join, run in a child process (issue 24).

WeasyPrint holds a part's layout (about 2.5 MB a page) and a Python process seldom gives freed
memory back to the system, so a worker that rendered a 4,500-page monitor in itself kept its
high-water mark for life. ``reports.pdf.write_period_pdf`` keeps the database work (context,
templates, HTML) in the calling process and sends each part's HTML here; the children end with
the document and their memory with them. Children are forked from a ``forkserver`` that has
imported this module (Django set up, WeasyPrint loaded), so each starts in milliseconds and
shares nothing with the caller: no database connection, no threads.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import resource
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import django
from django.apps import apps

if not apps.ready:  # imported first in a child: the caller's settings (its environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mip.settings")
    django.setup()

from . import pdf
from .pdf_join import RenderedPart, join_parts


def executor() -> ProcessPoolExecutor:
    """One child process; shut it down when the document is done."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return ProcessPoolExecutor(max_workers=1, mp_context=context)


@functools.cache
def _style() -> tuple:
    return pdf.print_style()  # parsed once per child, for every part it lays out


def render_part(html: str, path: Path | None, first_page: int) -> RenderedPart:
    return pdf.render_part(html, path, first_page=first_page, style=_style())


def join(parts: list[RenderedPart], path: Path) -> int:
    """Join the parts; return this process's peak resident memory (bytes)."""
    join_parts(parts, path)
    return peak_memory()


def peak_memory() -> int:
    """This process's resident high-water mark (bytes; Linux counts ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
