"""The period PDF's join in bounded memory, saved with object streams, away from the worker
(issue 24: joining 26 parts of 4,531 pages took the worker to 6.7 GB and kept it there; the
file was saved without object streams, 168 MB instead of 33 MB).

Memory is checked as the other memory tests do (tests/projects/test_import_memory.py): the join
runs in a child process whose address space is capped with ``RLIMIT_AS``. Nothing is timed.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pikepdf
import pytest

import reports.pdf
import reports.pdf_join
from reports.pdf import render_part, write_period_pdf

TEXT = "Het programma ligt op koers; de planning is herijkt met de leverancier. " * 30

# pikepdf and Python need about 150 MB of address space; holding every part's objects needed
# about 0.35 MB a page (1.5 GB for 4,500 light pages). 3,000 pages sit far above the cap
# that way, and far below it one part at a time.
MEMORY_CAP = 600 * 2**20
PAGES = 3000

CHILD = textwrap.dedent(
    """
    import json, pickle, resource, sys
    from pathlib import Path
    import lxml.etree  # loaded before the cap: pikepdf may ask for it while saving
    cap = int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from reports.pdf_join import join_parts
    parts = pickle.loads(Path(sys.argv[1]).read_bytes())
    try:
        join_parts(parts, Path(sys.argv[2]))
        outcome = {"joined": True}
    except MemoryError:
        outcome = {"memory": True}
    # VmHWM: this process's own peak (ru_maxrss keeps the parent's across exec).
    status = open("/proc/self/status").read()
    outcome["maxrss_kb"] = int(status.split("VmHWM:")[1].split()[0])
    print(json.dumps(outcome))
    """
)


def part_html(number: int, pages: int) -> str:
    """A tagged part: a heading, a link to the first part, paragraphs over ``pages`` pages."""
    body = "".join(f"<p>{TEXT}</p>" for _ in range(pages * 2))
    return (
        f'<html lang="nl"><head><title>Deel {number}</title></head><body>'
        f'<h1 id="deel-{number}">Deel {number}</h1><p><a href="#deel-0">Terug</a></p>'
        f"{body}</body></html>"
    )


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> list[reports.pdf_join.RenderedPart]:
    folder = tmp_path_factory.mktemp("parts")
    return [render_part(part_html(n, 20), folder / f"part-{n}.pdf") for n in range(3)]


def test_the_joined_pdf_is_saved_with_object_streams_no_larger_than_its_parts(parts, tmp_path):
    path = tmp_path / "joined.pdf"
    reports.pdf_join.join_parts(parts, path)
    with pikepdf.open(path) as joined:
        assert len(joined.pages) == sum(part.pages for part in parts)
        assert joined.trailer.Type == "/XRef"  # a cross-reference stream
        object_streams = [o for o in joined.objects if o.get("/Type") == "/ObjStm"]
        assert object_streams
        in_streams = sum(int(stream.N) for stream in object_streams)
        assert in_streams > len(joined.objects) / 2  # most objects are not streams
        assert [str(item.title) for item in joined.open_outline().root] == [
            "Deel 0",
            "Deel 1",
            "Deel 2",
        ]
        assert joined.check_pdf_syntax() == []
    assert path.stat().st_size <= 1.2 * sum(part.path.stat().st_size for part in parts)


def test_joining_thousands_of_pages_stays_within_a_memory_cap(parts, tmp_path):
    repeated, pages = [parts[0]], parts[0].pages
    while pages < PAGES:
        repeated.append(parts[1 + len(repeated) % 2])
        pages += repeated[-1].pages
    listing = tmp_path / "parts.pickle"
    listing.write_bytes(pickle.dumps(repeated))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(listing), str(tmp_path / "j.pdf"), str(MEMORY_CAP)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(Path(reports.__file__).parent.parent)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"joined": True, "maxrss_kb": outcome["maxrss_kb"]}, outcome
    assert outcome["maxrss_kb"] * 1024 < MEMORY_CAP
    with pikepdf.open(tmp_path / "j.pdf") as joined:
        assert len(joined.pages) == pages >= PAGES


def test_the_period_pdf_is_laid_out_and_joined_in_child_processes(
    make_report, make_period, tmp_path, monkeypatch
):
    """Neither WeasyPrint nor the join runs in the caller (the worker): broken here, the
    document is still written; each child reports its own peak memory."""
    period = make_period()
    make_report(period=period, developments=TEXT)

    def not_here(*args, **kwargs):
        raise AssertionError("ran in the calling process")

    monkeypatch.setattr(reports.pdf, "render_part", not_here)
    monkeypatch.setattr(reports.pdf, "join_parts", not_here)
    monkeypatch.setattr(reports.pdf_join, "join_parts", not_here)
    memory: dict = {}
    pages = write_period_pdf(period, tmp_path / "mip.pdf", memory=memory)
    with pikepdf.open(tmp_path / "mip.pdf") as written:
        assert len(written.pages) == pages > 3
    assert memory["render"] > 0 and memory["join"] > 0
