"""Walk a PDF's structure tree (the tags a screen reader follows) with pikepdf."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

import pikepdf


@dataclass
class TagTree:
    """What the tests ask of a tagged PDF: counts, and the faults of item 10 of issue 18."""

    counts: Counter = field(default_factory=Counter)
    tables_without_tr: int = 0
    nested_tables: int = 0
    th_without_scope: int = 0
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text) in order
    alts: list[str] = field(default_factory=list)

    @property
    def skipped_heading_levels(self) -> list[tuple[str, str]]:
        """Each heading that goes deeper than one level below the one before it."""
        skips, previous = [], 0
        for level, text in self.headings:
            if level > previous + 1:
                skips.append((f"H{previous}", f"H{level} {text[:40]}"))
            previous = level
        return skips


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)]
    return [kids] if isinstance(kids, pikepdf.Dictionary) else []


def _role(element, role_map) -> str:
    tag = element.get("/S")
    mapped = role_map.get(tag) if role_map is not None and tag is not None else None
    return str(mapped if mapped is not None else tag or "").lstrip("/")


def _has_scope(element) -> bool:
    attributes = element.get("/A")
    if attributes is None:
        return False
    items = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
    return any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in items)


def _text(element, depth: int = 0) -> str:
    """The /ActualText, /Alt or /T of an element, else its kids' — enough to name a heading."""
    for key in ("/ActualText", "/Alt", "/T"):
        if key in element:
            return str(element[key])
    return "".join(_text(kid, depth + 1) for kid in _kids(element)) if depth < 4 else ""


def tag_tree(content: bytes) -> TagTree:
    pdf = pikepdf.open(io.BytesIO(content))
    root = pdf.Root.get("/StructTreeRoot")
    tree = TagTree()
    if root is None:
        return tree
    role_map = root.get("/RoleMap")

    def walk(element, tables: int) -> None:
        role = _role(element, role_map)
        tree.counts[role] += 1
        if role == "Table":
            if tables:
                tree.nested_tables += 1
            if not _has_descendant(element, "TR", role_map):
                tree.tables_without_tr += 1
        if role == "TH" and not _has_scope(element):
            tree.th_without_scope += 1
        if role in {"H1", "H2", "H3", "H4", "H5", "H6"}:
            tree.headings.append((int(role[1]), _text(element)))
        if role == "Figure" and "/Alt" in element:
            tree.alts.append(str(element["/Alt"]))
        for kid in _kids(element):
            if "/S" in kid:
                walk(kid, tables + (role == "Table"))

    for kid in _kids(root):
        walk(kid, 0)
    return tree


def _has_descendant(element, wanted: str, role_map) -> bool:
    for kid in _kids(element):
        if "/S" in kid and (
            _role(kid, role_map) == wanted or _has_descendant(kid, wanted, role_map)
        ):
            return True
    return False
