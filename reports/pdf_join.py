"""Join PDF parts rendered by WeasyPrint into one tagged document, with pikepdf.

The period PDF is rendered in parts so that WeasyPrint never holds more than one part's
layout (reports/pdf.py); this module makes one document of them again, keeping what a single
rendering has: the outline (nested by level across parts), internal links (named destinations,
rebuilt for the joined file), one structure tree under one Document element with a renumbered
ParentTree, and the first part's catalog entries (``/Lang``, ``/MarkInfo``,
``/ViewerPreferences``, XMP metadata with the PDF/A and PDF/UA identifiers, output intent,
document information).

pikepdf (QPDF) copies pages and objects lazily from the part files: stream data is read from them
while saving, so memory holds the object graph of the output, not the rendered layout.
"""

from __future__ import annotations

import warnings
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation


@dataclass
class RenderedPart:
    """A part written to ``path``, with where its anchors and bookmarks are (PDF points)."""

    path: Path
    pages: int
    # name → (page in the part, x, y); only anchors the part really contains (no stubs).
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    # (level, label, page in the part, x, y), in document order.
    bookmarks: list[tuple[int, str, int, float, float]] = field(default_factory=list)


def join_parts(parts: list[RenderedPart], path: Path) -> None:
    """Write the parts, in order, as one PDF to ``path``; the first part gives the catalog."""
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + part.pages)
    with ExitStack() as stack:
        out = stack.enter_context(pikepdf.open(parts[0].path))
        tree = out.Root.StructTreeRoot
        document = tree.K[0]
        nums = list(tree.ParentTree.Nums)
        next_key = _next_key(nums)
        for part, offset in zip(parts[1:], offsets[1:], strict=False):
            source = stack.enter_context(pikepdf.open(part.path))
            with warnings.catch_warnings():  # named destinations: resolved below, by name
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                out.pages.extend(source.pages)
            _shift_struct_parents(out.pages[offset : offset + part.pages], next_key)
            _adopt_structure(out, source, document)
            source_nums = list(source.Root.StructTreeRoot.ParentTree.Nums)
            for key, value in zip(source_nums[::2], source_nums[1::2], strict=True):
                nums += [int(key) + next_key, _copy(out, value)]
            next_key = _next_key(nums)
        tree.ParentTree = out.make_indirect(Dictionary(Nums=Array(nums)))
        tree.ParentTreeNextKey = next_key
        _name_destinations(out, parts, offsets)
        _write_outline(out, parts, offsets)
        out.save(path)


def _next_key(nums: list) -> int:
    return max((int(key) for key in nums[::2]), default=-1) + 1


def _shift_struct_parents(pages, shift: int) -> None:
    """Renumber a part's pages and link annotations into the joined ParentTree's key space."""
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + shift
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + shift


def _adopt_structure(out: pikepdf.Pdf, source: pikepdf.Pdf, document: Dictionary) -> None:
    """Move the children of the part's Document element under the joined Document element."""
    part_document = source.Root.StructTreeRoot.K[0]
    del part_document["/P"]  # copy the element, not the part's StructTreeRoot with it
    copied = out.copy_foreign(part_document)
    for child in copied.K:
        if isinstance(child, Dictionary):
            child.P = document
        document.K.append(child)


def _copy(out: pikepdf.Pdf, value):
    """Copy a ParentTree value (an indirect element, or a direct array of them)."""
    if isinstance(value, Array) and not value.is_indirect:
        return Array([_copy(out, item) for item in value])
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return out.copy_foreign(value)
    return value


def _name_destinations(out: pikepdf.Pdf, parts: list[RenderedPart], offsets: list[int]) -> None:
    """One named-destination tree for the joined file, so WeasyPrint's links (``/Dest (name)``)
    and the contents page reach their anchors in whichever part they are."""
    if "/Names" not in out.Root:
        out.Root.Names = Dictionary()
    tree = pikepdf.NameTree.new(out)
    seen: set[str] = set()
    for part, offset in zip(parts, offsets, strict=False):
        for name, (page, x, y) in part.anchors.items():
            if name not in seen:  # the first anchor of a name wins, as in WeasyPrint
                seen.add(name)
                tree[name] = Array([out.pages[offset + page].obj, Name.XYZ, x, y, 0])
    out.Root.Names.Dests = tree.obj


def _write_outline(out: pikepdf.Pdf, parts: list[RenderedPart], offsets: list[int]) -> None:
    """One outline for the whole file, nested by bookmark level as WeasyPrint nests it."""
    with out.open_outline() as outline:
        outline.root.clear()
        stack: list[tuple[int, list]] = [(0, outline.root)]
        for part, offset in zip(parts, offsets, strict=False):
            for level, label, page, x, y in part.bookmarks:
                item = OutlineItem(label, offset + page, PageLocation.XYZ, left=x, top=y)
                while stack[-1][0] >= level:
                    stack.pop()
                stack[-1][1].append(item)
                stack.append((level, item.children))
