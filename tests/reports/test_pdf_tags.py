"""The PDF's tag tree, as a screen reader walks it (issue 18, item 10).

Before: 144 /Table elements for 42 tables (an absolutely placed caption made Table › Table ›
Caption), 102 tables without TR, none of 305 TH with a /Scope, each labelled light's /Alt
repeating the label beside it, the figures' headings beside "Cijfers" instead of below, and a
programme PDF starting at H2. Checked on the period PDF as joined from its parts
(reports/pdf_join.py) and on a programme's own PDF, by walking the structure tree with pikepdf
and with the ``pdfua`` checker.
"""

from __future__ import annotations

import re

import pdfua

from reports.pdf import (
    period_html,
    programme_html,
    render_period_pdf,
    render_programme_pdf,
    reports_for,
)

from .pdf_structure import TagTree, tag_tree


def assert_well_tagged(tree: TagTree, html: str) -> None:
    tables = len(re.findall(r"<table\b", html))
    assert tables > 0
    assert tree.counts["Table"] == tables
    assert tree.tables_without_tr == 0
    assert tree.nested_tables == 0
    assert tree.counts["TH"] > 0 and tree.th_without_scope == 0
    assert tree.skipped_heading_levels == []
    assert tree.headings[0][0] == 1
    # A light with its label printed beside it is decoration: only the unlabelled ones (an SVG
    # with a <title>) are figures with an /Alt; so are issue 22's charts (<title id="…">).
    assert tree.counts["Figure"] == len(re.findall(r"<svg\b[^>]*><title\b", html))


def assert_pdfua_finds_nothing(content: bytes, tmp_path) -> None:
    path = tmp_path / "checked.pdf"
    path.write_bytes(content)
    findings = pdfua.validate(str(path)).findings
    assert [(f.rule_id, f.message) for f in findings] == []


def test_the_period_and_programme_pdfs_have_a_sound_tag_tree(demo, tmp_path):
    period_pdf = render_period_pdf(demo)  # rendered in parts and joined
    assert_well_tagged(tag_tree(period_pdf), period_html(demo))
    assert_pdfua_finds_nothing(period_pdf, tmp_path)

    reports = reports_for(demo, preview=False)
    for slug in ("adidas", "rdi"):  # figures and risks; a programme with tracks
        report = next(r for r in reports if r.programme.slug == slug)
        content = render_programme_pdf(demo, report, reports, preview=False)
        tree = tag_tree(content)
        assert_well_tagged(tree, programme_html(demo, report, reports, preview=False))
        assert [level for level, _text in tree.headings].count(1) == 2  # its name, the colophon
        assert_pdfua_finds_nothing(content, tmp_path)


def test_the_tag_tree_walker_finds_the_faults_it_is_asked_about():
    tree = TagTree(headings=[(1, "a"), (3, "b"), (2, "c"), (4, "d")])
    assert tree.skipped_heading_levels == [("H1", "H3 b"), ("H2", "H4 d")]
