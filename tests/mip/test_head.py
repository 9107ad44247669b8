"""HEAD answers wherever GET does (issue 18, item 14): link checkers and uptime monitors use it.

Walks every page reachable by links from the public overview and from the round's start page
(as the coordinator and as a manager), plus the probes, and asks each with GET and with HEAD.
A view is asked for at most ``PER_VIEW`` of its addresses (the demo has a drill-down per
programme per period: all of them would only repeat the same view, at seconds a walk).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"#]+)')
# Not pages of the site: the admin, logging out, files; the PDF renders are slow and share
# the decorator of the pages (require_safe) with everything else walked here.
SKIP = re.compile(r"^/(admin/|accounts/logout|static/|media/)|\.pdf$")
PER_VIEW = 3


def view_of(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return path  # a 404 is its own kind of page


def walk(client, starts: list[str], limit: int = 150) -> dict[str, int]:
    """GET every same-site link reachable from ``starts``, ``PER_VIEW`` a view: {path: status}."""
    seen: dict[str, int] = {}
    per_view: dict[str, int] = {}
    queue = list(starts)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        view = view_of(url)
        if url in seen or per_view.get(view, 0) >= PER_VIEW:
            continue
        per_view[view] = per_view.get(view, 0) + 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            if target.netloc not in {"", "testserver"}:
                continue
            path = target.path + (f"?{target.query}" if target.query else "")
            if not SKIP.search(target.path) and path not in seen:
                queue.append(path)
    return seen


@pytest.mark.parametrize("username", [None, "coordinator", "manager"])
def test_every_page_that_answers_get_answers_head(client, demo, username):
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    starts = ["/", "/healthz", "/readyz", "/periodes/"] + (["/beheer/start/"] if username else [])
    pages = walk(client, starts)
    assert len(pages) > (20 if username else 10), pages  # the walk found the site, not one page
    different = {}
    for url, status in pages.items():
        head = client.head(url)
        if head.status_code != status:
            different[url] = (status, head.status_code)
        assert head.content == b"" or head.status_code != 200
    assert different == {}, different
