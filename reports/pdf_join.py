"""Join PDF parts rendered by WeasyPrint into one tagged document, one part at a time.

The period PDF is rendered in parts so that WeasyPrint never holds more than one part's
layout (reports/pdf.py); this module makes one document of them again, keeping what a single
rendering has: the outline (nested by level across parts), internal links (named destinations,
rebuilt for the joined file), one structure tree under one Document element with a renumbered
ParentTree, and the first part's catalog entries (``/Lang``, ``/MarkInfo``,
``/ViewerPreferences``, XMP metadata with the PDF/A and PDF/UA identifiers, output intent,
document information).

Bounded memory (issue 24): the joined file is *streamed*. Each part is opened with pikepdf,
the objects reachable from its pages and its structure elements are written to the output
under new numbers, and the part is closed before the next is opened; what stays in memory is
one part's objects and a few integers per object written (the cross-reference table), never
the object graph of the whole document. (Copying into one ``pikepdf.Pdf`` and saving it held
every object of every part and took 6.7 GB for 4,531 pages.) Objects other than streams go
into compressed object streams, with a cross-reference stream, as ``pikepdf`` saves with
``object_stream_mode=generate``; stream data is copied as the part has it, still compressed.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

# Objects per object stream, as qpdf writes them.
OBJECTS_PER_STREAM = 100
# An indirect reference in unparsed PDF, or a string (skipped: it may contain "1 0 R").
_TOKENS = re.compile(
    rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>|(?<![\d.])(\d+) (\d+) R\b"
    rb"|(/StructParents?) (\d+)",
    re.S,
)
# A stream's /Length (written anew: the data is copied as it is).
_LENGTH = re.compile(rb"/Length (?:\d+ \d+ R|\d+)(?![\d.])")
# Catalog entries the join writes itself; the others are copied from the first part.
_REBUILT = {"/Type", "/Pages", "/StructTreeRoot", "/Outlines", "/Names"}
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


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
    with open(path, "wb") as file:
        writer = _Writer(file)
        joined = _Joined(writer)
        for number, part in enumerate(parts):
            with pikepdf.open(part.path) as source:
                if number == 0:
                    writer.header(source.pdf_version)
                joined.add(source, first=number == 0)
        joined.finish(parts)
        writer.finish(joined.catalog, joined.info, joined.file_id)


class _Writer:
    """A PDF file written front to back: objects numbered as they are asked for, the ones that
    are not streams packed into compressed object streams, and a cross-reference stream."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.digest = hashlib.md5(usedforsecurity=False)
        # Per object number: entry type (0 free, 1 at an offset, 2 in an object stream) and
        # its two fields; arrays, so 4,500 pages' million objects cost megabytes, not a graph.
        self.types = array("B", [0])
        self.first = array("Q", [0])
        self.second = array("L", [65535])
        self.pending: list[tuple[int, bytes]] = []

    def reserve(self) -> int:
        """A number for an object written later."""
        self.types.append(0)
        self.first.append(0)
        self.second.append(0)
        return len(self.types) - 1

    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self.digest.update(data)

    def header(self, version: str) -> None:
        self._write(b"%PDF-" + version.encode() + b"\n%\xe2\xe3\xcf\xd3\n")

    def put(self, number: int, body: bytes) -> None:
        """An object that is not a stream: into the current object stream."""
        self.pending.append((number, body))
        if len(self.pending) >= OBJECTS_PER_STREAM:
            self._flush()

    def put_stream(self, number: int, dictionary: bytes, data: bytes) -> None:
        """A stream, written at once (streams cannot sit in an object stream)."""
        self.types[number], self.first[number] = 1, self.file.tell()
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, dictionary))
        self._write(data + b"\nendstream\nendobj\n")

    def _flush(self) -> None:
        if not self.pending:
            return
        stream = self.reserve()
        offsets, bodies, at = [], [], 0
        for index, (number, body) in enumerate(self.pending):
            self.types[number], self.first[number], self.second[number] = 2, stream, index
            offsets.append(b"%d %d" % (number, at))
            bodies.append(body)
            at += len(body) + 1
        head = b" ".join(offsets) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies))
        entries = b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d"
        self.put_stream(
            stream, b"<< " + entries % (len(bodies), len(head), len(data)) + b" >>", data
        )
        self.pending = []

    def finish(self, catalog: int, info: bytes | None, file_id: bytes) -> None:
        """The last object stream, the cross-reference stream (which is the trailer too)."""
        self._flush()
        xref = self.reserve()
        self.types[xref], self.first[xref] = 1, self.file.tell()
        data = self._xref_rows()
        trailer = b"/Type /XRef /Size %d /W [ 1 5 4 ] /Root %d 0 R" % (len(self.types), catalog)
        if info:
            trailer += b" /Info " + info
        trailer += b" /ID [ " + file_id + b" <" + self.digest.hexdigest().encode() + b"> ]"
        trailer += b" /Filter /FlateDecode /Length %d" % len(data)
        self._write(b"%d 0 obj\n<< %s >>\nstream\n" % (xref, trailer))
        self._write(data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % self.first[xref])

    def _xref_rows(self) -> bytes:
        """The cross-reference rows, compressed a slice at a time (a million objects' rows as
        Python bytes would be the join's largest allocation)."""
        compressor, chunks = zlib.compressobj(), []
        for start in range(0, len(self.types), 8192):
            stop = start + 8192
            rows = zip(
                self.types[start:stop], self.first[start:stop], self.second[start:stop], strict=True
            )
            chunks.append(
                compressor.compress(
                    b"".join(
                        b"%c%s%s" % (kind, first.to_bytes(5, "big"), second.to_bytes(4, "big"))
                        for kind, first, second in rows
                    )
                )
            )
        chunks.append(compressor.flush())
        return b"".join(chunks)


class _Joined:
    """What the joined document gathers from its parts while they are written."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.pages_root, self.document = writer.reserve(), writer.reserve()
        self.catalog, self.tree = writer.reserve(), writer.reserve()
        self.page_numbers: list[int] = []  # object number of every page, in order
        self.document_kids: list[bytes] = []  # the Document element's children
        self.parent_tree: list[bytes] = []  # key and value of each ParentTree entry
        self.next_key = 0
        self.catalog_entries = b""
        self.tree_entries = b""
        self.names_entries = b""
        self.info: bytes | None = None
        self.file_id = b"<>"

    def add(self, source: pikepdf.Pdf, *, first: bool) -> None:
        """Write one part's pages and structure; remember what the joined document needs."""
        copy = _PartCopy(self.writer, source, shift=self.next_key)
        tree = source.Root.StructTreeRoot
        part_document = tree.K[0]
        copy.numbers[part_document.objgen] = self.document  # its children join ours
        copy.numbers[source.Root.Pages.objgen] = self.pages_root
        for page in source.pages:
            self.page_numbers.append(copy.number(page.obj))
            node = page.obj.get("/Parent")
            while node is not None:  # the part's page tree: replaced by the joined one
                copy.numbers[node.objgen] = self.pages_root
                node = node.get("/Parent")
        self.document_kids += [copy.value(kid) for kid in part_document.K]
        nums = list(tree.ParentTree.Nums)
        for key, value in zip(nums[::2], nums[1::2], strict=True):
            if isinstance(value, Array) and not value.is_indirect:
                written = copy.new_object(value)  # indirect, so the tree itself stays small
            else:
                written = copy.value(value)
            self.parent_tree.append(b"%d %s" % (int(key) + self.next_key, written))
        self.next_key = max((int(key) for key in nums[::2]), default=-1) + 1 + self.next_key
        if first:
            self._take_catalog(source, copy)
        copy.write_all()

    def _take_catalog(self, source: pikepdf.Pdf, copy: _PartCopy) -> None:
        root = source.Root
        self.catalog_entries = b"".join(
            b"%s %s " % (Name(key).unparse(), copy.value(root[key]))
            for key in sorted(root.keys())
            if key not in _REBUILT
        )
        tree = root.StructTreeRoot
        self.tree_entries = b"".join(
            b"%s %s " % (Name(key).unparse(), copy.value(tree[key]))
            for key in sorted(tree.keys())
            if key not in ("/Type", "/K", "/ParentTree", "/ParentTreeNextKey")
        )
        names = root.get("/Names", Dictionary())
        self.names_entries = b"".join(
            b"%s %s " % (Name(key).unparse(), copy.value(names[key]))
            for key in sorted(names.keys())
            if key != "/Dests"
        )
        if "/Info" in source.trailer:
            self.info = copy.value(source.trailer.Info)
        if "/ID" in source.trailer:
            self.file_id = source.trailer.ID[0].unparse()

    def finish(self, parts: list[RenderedPart]) -> None:
        """The objects that span the parts: page tree, structure root, names, outline, catalog."""
        put, pages = self.writer.put, self.page_numbers
        kids = b" ".join(b"%d 0 R" % number for number in pages)
        put(self.pages_root, b"<< /Type /Pages /Kids [ %s ] /Count %d >>" % (kids, len(pages)))
        put(
            self.document,
            b"<< /Type /StructElem /S /Document /P %d 0 R /K [ %s ] >>"
            % (self.tree, b" ".join(self.document_kids)),
        )
        parent_tree = self.writer.reserve()
        put(parent_tree, b"<< /Nums [ %s ] >>" % b" ".join(self.parent_tree))
        put(
            self.tree,
            b"<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree %d 0 R /ParentTreeNextKey %d %s>>"
            % (self.document, parent_tree, self.next_key, self.tree_entries),
        )
        offsets = _page_offsets(parts)
        names = self._destinations(parts, offsets)
        outline = _Outline(self.writer, pages).write(parts, offsets)
        put(
            self.catalog,
            b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /Names %s "
            b"/Outlines %d 0 R %s>>"
            % (self.pages_root, self.tree, names, outline, self.catalog_entries),
        )

    def _destinations(self, parts: list[RenderedPart], offsets: list[int]) -> bytes:
        """One named-destination tree for the joined file, so WeasyPrint's links
        (``/Dest (name)``) and the contents page reach their anchors in whichever part."""
        found: dict[str, bytes] = {}
        for part, offset in zip(parts, offsets, strict=False):
            for name, (page, x, y) in part.anchors.items():
                if name not in found:  # the first anchor of a name wins, as in WeasyPrint
                    found[name] = _destination(self.page_numbers[offset + page], x, y)
        keyed = sorted((pikepdf.String(name).unparse(), dest) for name, dest in found.items())
        dests = self.writer.reserve()
        entries = b" ".join(b"%s %s" % pair for pair in keyed)
        self.writer.put(dests, b"<< /Names [ %s ] >>" % entries)
        return b"<< /Dests %d 0 R %s>>" % (dests, self.names_entries)


class _PartCopy:
    """The objects of one part, renumbered into the output as they are reached."""

    def __init__(self, writer: _Writer, source: pikepdf.Pdf, *, shift: int) -> None:
        self.writer, self.source, self.shift = writer, source, shift
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: deque[tuple[int, int]] = deque()

    def number(self, obj: pikepdf.Object) -> int:
        return self._number(obj.objgen)

    def _number(self, objgen: tuple[int, int]) -> int:
        if objgen not in self.numbers:
            self.numbers[objgen] = self.writer.reserve()
            self.queue.append(objgen)
        return self.numbers[objgen]

    def value(self, obj: pikepdf.Object) -> bytes:
        """``obj`` as PDF syntax: a reference (renumbered and queued) or a direct object."""
        if not isinstance(obj, pikepdf.Object):  # an int, a bool: pikepdf gives Python's
            return Array([obj]).unparse()[2:-2]
        if obj.is_indirect:
            return b"%d 0 R" % self.number(obj)
        return self._renumber(obj.unparse(resolved=True))

    def new_object(self, obj: pikepdf.Object) -> bytes:
        """A direct object written as an indirect one of the output; returns its reference."""
        number = self.writer.reserve()
        self.writer.put(number, self.value(obj))
        return b"%d 0 R" % number

    def _renumber(self, data: bytes) -> bytes:
        """References renumbered, keys into the ParentTree shifted; strings left alone."""

        def replace(match: re.Match) -> bytes:
            if match.group(1) is not None:
                return b"%d 0 R" % self._number((int(match.group(1)), int(match.group(2))))
            if match.group(3) is not None:
                return b"%s %d" % (match.group(3), int(match.group(4)) + self.shift)
            return match.group(0)  # a string

        return _TOKENS.sub(replace, data)

    def write_all(self) -> None:
        """Write every object reached so far, and those they reach, then forget the part."""
        while self.queue:
            objgen = self.queue.popleft()
            number = self.numbers[objgen]
            obj = self.source.get_object(objgen)
            if isinstance(obj, Stream):
                data = obj.read_raw_bytes()
                entries = _LENGTH.sub(b"", obj.stream_dict.unparse(resolved=True)[2:-2])
                dictionary = b"<< /Length %d%s >>" % (len(data), self._renumber(entries))
                self.writer.put_stream(number, dictionary, data)
                continue
            body = self._renumber(obj.unparse(resolved=True))
            if isinstance(obj, Dictionary) and obj.get("/Type") == "/Page":
                body = body[:-2] + self._inherited(obj) + b">>"
            self.writer.put(number, body)

    def _inherited(self, page: Dictionary) -> bytes:
        """A page's attributes from its old page tree, which is not copied."""
        found = b""
        for key in _INHERITED:
            node = page.get("/Parent")
            while key not in page and node is not None:
                if key in node:
                    found += b"%s %s " % (Name(key).unparse(), self.value(node[key]))
                    break
                node = node.get("/Parent")
        return found


class _Outline:
    """One outline for the whole file, nested by bookmark level as WeasyPrint nests it."""

    def __init__(self, writer: _Writer, page_numbers: list[int]) -> None:
        self.writer, self.page_numbers = writer, page_numbers

    def write(self, parts: list[RenderedPart], offsets: list[int]) -> int:
        root: dict = {"number": self.writer.reserve(), "children": []}
        stack = [(0, root)]
        for part, offset in zip(parts, offsets, strict=False):
            for level, label, page, x, y in part.bookmarks:
                item = {"number": self.writer.reserve(), "children": [], "label": label}
                item["dest"] = _destination(self.page_numbers[offset + page], x, y)
                while stack[-1][0] >= level:
                    stack.pop()
                stack[-1][1]["children"].append(item)
                stack.append((level, item))
        count = self._write_children(root)
        self._put(root, b"/Type /Outlines", count)
        return root["number"]

    def _write_children(self, item: dict) -> int:
        """Write ``item``'s children (open, as pikepdf writes them); return how many show."""
        children, shown = item["children"], 0
        for index, child in enumerate(children):
            entries = b"/Title %s /Parent %d 0 R /Dest %s" % (
                pikepdf.String(child["label"]).unparse(),
                item["number"],
                child["dest"],
            )
            if index > 0:
                entries += b" /Prev %d 0 R" % children[index - 1]["number"]
            if index + 1 < len(children):
                entries += b" /Next %d 0 R" % children[index + 1]["number"]
            self._put(child, entries, self._write_children(child))
            shown += 1 + (self._count(child))
        return shown

    def _count(self, item: dict) -> int:
        return sum(1 + self._count(child) for child in item["children"])

    def _put(self, item: dict, entries: bytes, count: int) -> None:
        children = item["children"]
        if children:
            entries += b" /First %d 0 R /Last %d 0 R /Count %d" % (
                children[0]["number"],
                children[-1]["number"],
                count,
            )
        self.writer.put(item["number"], b"<< " + entries + b" >>")


def _page_offsets(parts: list[RenderedPart]) -> list[int]:
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + part.pages)
    return offsets


def _destination(page_number: int, x: float, y: float) -> bytes:
    return b"[ %d 0 R /XYZ %s %s 0 ]" % (page_number, _real(x), _real(y))


def _real(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".") or b"0"
