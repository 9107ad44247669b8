"""Import a round of status reports from a spreadsheet: all rows or none.

The columns are those of the open data export (``reports/export.py``), so a coordinator can
export a period, let programmes fill it in Excel and import it again. Every row is validated by
``StatusReport.full_clean()`` — the same rules as the form and the admin — and any error in any
row rolls the whole import back, with a message per row. Imported reports are drafts, which
always save; what still blocks their submission (``StatusReport.submission_errors``) is listed
per row in ``ImportResult.still_missing``, as the form lists it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import defusedxml
import pandas as pd
from defusedxml import ElementTree as DefusedElementTree
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from .models import (
    Aspect,
    MilestoneSnapshot,
    Programme,
    PublishedPeriodClosedError,
    Rating,
    ReportFigures,
    ReportingPeriod,
    RiskSnapshot,
    SignalThresholds,
    StatusReport,
    admission_refusal,
)
from .models.figures import frame_of, milestone_snapshots, risk_snapshots
from .models.period import lock_periods_for_report_write
from .newlines import store_lf_newlines
from .validators import validate_storable_text

REQUIRED_COLUMNS = ["slug", *[str(aspect) for aspect in Aspect]]
RATING_WORDS = {
    **{rating.value: rating.value for rating in Rating},
    "groen": "green",
    "oranje": "orange",
    "rood": "red",
    "amber": "orange",
}
# No explanation comes near this; a larger cell is a pasted file or an attack on the database.
MAX_CELL_BYTES = 128 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
# A workbook is a ZIP: refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Recognisable files that are not spreadsheets, so the message can say what was chosen instead.
FOREIGN_SIGNATURES = {
    b"%PDF": gettext_lazy("a PDF document"),
    b"\x89PNG": gettext_lazy("an image (PNG)"),
    b"\xff\xd8\xff": gettext_lazy("an image (JPEG)"),
    b"GIF8": gettext_lazy("an image (GIF)"),
    b"\xd0\xcf\x11\xe0": gettext_lazy("an old Excel (.xls) or Word file"),
}


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1; 0 for the file as a whole
    field: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return _("File: %(message)s") % {"message": self.message}
        if not self.field:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Imported drafts save as they are; what still blocks their submission, per row.
    still_missing: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFailed(Exception):
    def __init__(self, result: ImportResult):
        super().__init__("\n".join(str(error) for error in result.errors))
        self.result = result

    @classmethod
    def file(cls, message: str) -> ImportFailed:
        """The file as a whole cannot be read: one error, no row."""
        return cls(ImportResult(errors=[RowError(0, "", message)]))


def read_table(source: str | Path | IO[bytes] | bytes, filename: str = "") -> pd.DataFrame:
    """Read CSV or Excel into strings, with empty cells as ''; ImportFailed if unreadable.

    The one reader for every import (the command, a form): streaming, within MAX_ROWS ×
    MAX_COLUMNS, so memory never grows with what a file claims. The frame's index is the
    sheet's row number minus 2; ``import_status_reports`` validates it row by row.

    Whatever the file holds (nothing, a photo, a damaged or hostile workbook, text in another
    encoding), the coordinator gets a reason in their language, never a traceback. The format
    is decided by the content, not the name, so a renamed file is recognised for what it is.
    """
    name = (filename or (str(source) if isinstance(source, str | Path) else "")).lower()
    data = _read_bytes(source)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailed.file(
            _("The file is larger than %(size)s MB; split it.") % {"size": MAX_FILE_BYTES // 2**20}
        )
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n"):
        raise ImportFailed.file(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        return _read_workbook(data)
    for signature, kind in FOREIGN_SIGNATURES.items():
        if data.startswith(signature):
            raise ImportFailed.file(
                _("This is %(kind)s, not a spreadsheet; save the sheet as .xlsx or CSV.")
                % {"kind": kind}
            )
    if name.endswith((".xlsx", ".xlsm")):
        raise ImportFailed.file(
            _("The file is called .xlsx but is no Excel workbook; save it again from Excel.")
        )
    if name.endswith(".ods"):
        raise ImportFailed.file(
            _("The file is called .ods but is no OpenDocument spreadsheet; save it again.")
        )
    return _read_csv(data)


def _read_bytes(source: str | Path | IO[bytes] | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        if isinstance(source, str | Path):
            with open(source, "rb") as file:
                return file.read(MAX_FILE_BYTES + 1)
        data = source.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as error:
        raise ImportFailed.file(_("There is no file %(path)s.") % {"path": source}) from error
    except OSError as error:
        raise ImportFailed.file(
            _("The file cannot be read: %(reason)s") % {"reason": error.strerror or error}
        ) from error
    return data.encode("utf-8") if isinstance(data, str) else data


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _is_ods(archive: zipfile.ZipFile) -> bool:
    """An OpenDocument spreadsheet (.ods) names itself in its first, uncompressed member."""
    try:
        info = archive.getinfo("mimetype")
    except KeyError:
        return False
    return (
        info.file_size <= len(ODS_MIMETYPE)
        and archive.read(info).strip() == ODS_MIMETYPE
        and "content.xml" in archive.namelist()
    )


def _read_workbook(data: bytes) -> pd.DataFrame:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
            is_ods = _is_ods(archive)
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportFailed.file(_("The workbook is damaged: it cannot be opened.")) from error
    if "xl/workbook.xml" not in names and not is_ods:
        raise ImportFailed.file(
            _("This is a ZIP file, not an Excel workbook; save the sheet as .xlsx or CSV.")
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFailed.file(
            _("The workbook unpacks to more than %(size)s MB; that is no list of reports.")
            % {"size": MAX_UNPACKED_BYTES // 2**20}
        )
    if _declares_entities(data):
        raise ImportFailed.file(
            _("The workbook contains XML entity declarations, which are refused for safety.")
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            header, rows, numbers = _table_of(_ods_rows(archive) if is_ods else _xlsx_rows(archive))
        except (defusedxml.DefusedXmlException, ElementTree.ParseError) as error:
            raise ImportFailed.file(
                _("The workbook cannot be read (%(reason)s); save it again from Excel.")
                % {"reason": type(error).__name__}
            ) from error
    return pd.DataFrame(rows, columns=header, index=numbers, dtype=object)


# What a list of reports fits in, with room to spare: refused beyond, before anything grows
# with what a file claims (a 1.5 KB workbook can declare a cell at XFD1048576).
MAX_ROWS = 2000  # the header included
MAX_COLUMNS = 100
# Cells and rows looked at, empty ones too, and how deep XML may nest: a bound on time and memory.
MAX_ELEMENTS = 1_000_000
MAX_XML_DEPTH = 16
TOO_LARGE = gettext_lazy(
    "The sheet %(what)s; at most %(rows)s rows and %(columns)s columns are read. Delete the "
    "rows below and the columns right of the table, or copy the table into a new sheet."
)


def _too_large(what: str) -> ImportFailed:
    return ImportFailed.file(TOO_LARGE % {"what": what, "rows": MAX_ROWS, "columns": MAX_COLUMNS})


def _elements(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str, str, Any]]:
    """(event, local tag, element) of one XML part, streamed: the caller clears what it read.

    No DTD (defusedxml), no nesting beyond MAX_XML_DEPTH, no more than MAX_ELEMENTS elements:
    the parser's memory stays bounded whatever the part holds.
    """
    depth = count = 0
    with archive.open(name) as part:
        for event, element in DefusedElementTree.iterparse(
            part, events=("start", "end"), forbid_dtd=True
        ):
            if event == "start":
                depth, count = depth + 1, count + 1
                if depth > MAX_XML_DEPTH or count > MAX_ELEMENTS:
                    raise _too_large(_("holds more cells or nesting than a table has"))
            else:
                depth -= 1
            yield event, element.tag.rpartition("}")[2], element


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The part name of the workbook's first sheet, as Excel orders them."""
    sheet_id = None
    for event, tag, element in _elements(archive, "xl/workbook.xml"):
        if event == "start" and tag == "sheet":
            sheet_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            break
    rels = "xl/_rels/workbook.xml.rels"
    if sheet_id is not None and rels in archive.namelist():
        for event, tag, element in _elements(archive, rels):
            if event == "start" and tag == "Relationship" and element.get("Id") == sheet_id:
                target = element.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return "xl/worksheets/sheet1.xml"


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's shared strings (rich text joined, phonetic hints left out), bounded."""
    name = "xl/sharedStrings.xml"
    if name not in archive.namelist():
        return []
    strings: list[str] = []
    parent, texts, in_phonetic = None, [], False
    for event, tag, element in _elements(archive, name):
        if tag == "rPh":
            in_phonetic = event == "start"
        elif event == "start" and tag == "sst":
            parent = element
        elif event == "end" and tag == "t" and not in_phonetic:
            texts.append(element.text or "")
        elif event == "end" and tag == "si":
            strings.append("".join(texts))
            texts = []
            if len(strings) > MAX_ROWS * MAX_COLUMNS:
                raise _too_large(_("holds more texts than a table has"))
            if parent is not None:
                parent.clear()  # what has been read is let go
    return strings


def _cell_position(reference: str | None, row: int, column: int) -> tuple[int, int]:
    """(row, column) of a cell reference like "C7"; the next column when there is none."""
    match = re.fullmatch(r"([A-Z]{1,3})([0-9]{1,7})", reference or "")
    if match is None:
        return row, column + 1
    letters, number = match.groups()
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return int(number), index


def _check_dimension(reference: str | None) -> None:
    """Refuse a sheet that says it is larger than a table of reports, before reading it."""
    last = (reference or "").rpartition(":")[2]
    rows, columns = _cell_position(last, 0, 0)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _too_large(
            _("says it is %(rows)s rows by %(columns)s columns")
            % {"rows": rows, "columns": columns}
        )


def _cell_text(element: Any, shared: list[str]) -> str:
    """A cell's value as text: a shared string looked up, an inline string joined."""
    kind = element.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t") or t.tag == "t")
    value = next((v.text or "" for v in element if v.tag.rpartition("}")[2] == "v"), "")
    if kind == "s" and value:
        try:
            return shared[int(value)]
        except (ValueError, IndexError):
            raise ImportFailed.file(_("The workbook is damaged: it cannot be opened.")) from None
    if kind == "b":
        return {"1": "True", "0": "False"}.get(value, value)
    return value


def _xlsx_rows(archive: zipfile.ZipFile) -> Iterator[tuple[int, dict[int, str]]]:
    """(row number, {column: text}) for each row of the first sheet that holds a value.

    Streams the sheet: a row or cell beyond MAX_ROWS × MAX_COLUMNS that holds a value, or a
    dimension that claims more, is refused; empty cells are skipped, never filled in.
    """
    shared = _shared_strings(archive)
    row_number, column, cells, holder, rows_parent = 0, 0, {}, None, None
    for event, tag, element in _elements(archive, _first_sheet(archive)):
        if event == "start" and tag == "dimension":
            _check_dimension(element.get("ref"))
        elif event == "start" and tag == "sheetData":
            rows_parent = element
        elif event == "start" and tag == "row":
            row_number = _cell_position(f"A{element.get('r', '')}", row_number + 1, 0)[0]
            column, cells, holder = 0, {}, element
        elif event == "end" and tag == "c":
            row_number, column = _cell_position(element.get("r"), row_number, column)
            _refuse_formula(element, row_number, column)
            text = _cell_text(element, shared)
            if text.strip():
                if row_number > MAX_ROWS or column > MAX_COLUMNS:
                    raise _too_large(
                        _("has a value in row %(row)s, column %(column)s")
                        % {"row": row_number, "column": column}
                    )
                cells[column] = text
            if holder is not None:
                holder.clear()  # the cells read so far are let go
        elif event == "end" and tag == "row":
            if cells:
                yield row_number, cells
            if rows_parent is not None:
                rows_parent.clear()  # the rows read so far are let go


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods_rows(archive: zipfile.ZipFile) -> Iterator[tuple[int, dict[int, str]]]:
    """(row number, {column: text}) for each row of the first sheet of an .ods that holds a
    value, streamed as ``_xlsx_rows`` streams a workbook: the same bounds, the same refusals.

    OpenDocument repeats an empty row or cell with a count (LibreOffice ends every sheet with
    a million empty rows): counted, never filled in. A repeated cell or row that holds a value
    is copied only within MAX_ROWS × MAX_COLUMNS.
    """
    row_number, column, cells, repeat_rows, tables, table = 0, 0, {}, 1, 0, None
    for event, tag, element in _elements(archive, "content.xml"):
        if tag == "table":
            if event == "start":
                tables, table = tables + 1, element
            elif tables == 1:
                return  # the first sheet only, as for .xlsx
        elif tables != 1:
            continue
        elif event == "start" and tag == "table-row":
            repeat_rows = _repeat(element.get(f"{_TABLE}number-rows-repeated"))
            column, cells = 0, {}
        elif event == "end" and tag in {"table-cell", "covered-table-cell"}:
            repeat = _repeat(element.get(f"{_TABLE}number-columns-repeated"))
            if element.get(f"{_TABLE}formula") is not None:
                _refuse_formula(None, row_number + 1, column + 1)
            text = _ods_cell_text(element)
            if text.strip():
                if row_number + 1 > MAX_ROWS or column + repeat > MAX_COLUMNS:
                    raise _too_large(
                        _("has a value in row %(row)s, column %(column)s")
                        % {"row": row_number + 1, "column": column + repeat}
                    )
                cells.update(dict.fromkeys(range(column + 1, column + repeat + 1), text))
            column += repeat
            element.clear()
        elif event == "end" and tag == "table-row":
            if not cells:
                row_number += repeat_rows
            for _copy in range(repeat_rows if cells else 0):
                row_number += 1
                if row_number > MAX_ROWS:
                    raise _too_large(
                        _("has a value in row %(row)s, column %(column)s")
                        % {"row": row_number, "column": max(cells)}
                    )
                yield row_number, dict(cells)
            if table is not None:
                table.clear()  # the rows read so far are let go


def _repeat(value: str | None) -> int:
    """A repetition count as OpenDocument writes it; a damaged one counts once."""
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


def _ods_cell_text(cell: Any) -> str:
    """An .ods cell's value as text: a number or date as stored, else its paragraphs."""
    kind = cell.get(f"{_OFFICE}value-type", "")
    if kind in {"float", "percentage", "currency"}:
        return cell.get(f"{_OFFICE}value", "")
    if kind == "date":
        return cell.get(f"{_OFFICE}date-value", "")
    if kind == "boolean":
        value = cell.get(f"{_OFFICE}boolean-value", "")
        return {"true": "True", "false": "False"}.get(value, value)
    paragraphs = [child for child in cell if child.tag == f"{_TEXT}p"]
    return "\n".join(_ods_paragraph(paragraph) for paragraph in paragraphs)


def _ods_paragraph(element: Any) -> str:
    """The text of a paragraph or span: spaces, tabs and line breaks as written."""
    parts = [element.text or ""]
    for child in element:
        name = child.tag.rpartition("}")[2]
        if name == "s":  # n spaces; no more than a cell may hold
            parts.append(" " * min(_repeat(child.get(f"{_TEXT}c")), MAX_CELL_BYTES + 1))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        else:
            parts.append(_ods_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _refuse_formula(element: Any, row: int, column: int) -> None:
    """A formula is refused: its cached value may be stale, and a report holds what was written.

    ``element`` is an .xlsx cell (a formula is its ``f`` child), or None when the caller has
    found one already (an .ods cell's ``table:formula``)."""
    if element is None or any(child.tag.rpartition("}")[2] == "f" for child in element):
        letters = ""
        while column:
            column, rest = divmod(column - 1, 26)
            letters = chr(ord("A") + rest) + letters
        raise ImportFailed.file(
            _("Cell %(cell)s holds a formula; copy the sheet and paste it as values.")
            % {"cell": f"{letters}{row}"}
        )


def _table_of(rows: Iterable[tuple[int, dict[int, str]]]) -> tuple[list[str], list, list[int]]:
    """Header, rows and their numbers (as ``import_status_reports`` counts) from sparse rows."""
    header: list[str] = []
    table, numbers, errors = [], [], []
    for number, cells in rows:
        if not header:
            width = max(cells)
            header = [cells.get(c, "").strip() for c in range(1, width + 1)]
            continue
        if max(cells) > len(header):
            errors.append(
                RowError(
                    number,
                    "",
                    _("The row has %(cells)s cells, the header %(columns)s columns.")
                    % {"cells": max(cells), "columns": len(header)},
                )
            )
            continue
        table.append([cells.get(c, "") for c in range(1, len(header) + 1)])
        numbers.append(number - 2)  # import_status_reports adds 2 to show the row
    if errors:
        raise ImportFailed(ImportResult(errors=errors))
    if not header:
        raise ImportFailed.file(_("The file is empty."))
    return header, table, numbers


# Excel never writes a DTD; one in a workbook is there to expand entities (billion laughs)
# or to read files of the server (external entities). In UTF-8 and in UTF-16 either way.
_DTD_MARKERS = [
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
]


def _declares_entities(data: bytes) -> bool:
    """Whether any part of the workbook declares a DTD; read part by part, in bounded memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            with archive.open(info) as part:
                tail = b""
                while chunk := part.read(2**20):
                    window = tail + chunk
                    if any(marker in window for marker in _DTD_MARKERS):
                        return True
                    tail = window[-32:]
    return False


def _read_csv(data: bytes) -> pd.DataFrame:
    records = _csv_records(_decoded(data))
    header = [cell.strip() for cell in records[0]]
    if not any(header):
        raise ImportFailed.file(_("The first row must name the columns."))
    duplicates = sorted({column for column in header if column and header.count(column) > 1})
    if duplicates:
        raise ImportFailed.file(
            _("Columns appear twice in the header: %(columns)s.")
            % {"columns": ", ".join(duplicates)}
        )
    rows, numbers, errors = [], [], []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # an empty line, as Excel leaves at the end
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            errors.append(
                RowError(
                    number,
                    "",
                    _("The row has %(cells)s cells, the header %(columns)s columns.")
                    % {"cells": len(record), "columns": len(header)},
                )
            )
            continue
        rows.append((record + [""] * len(header))[: len(header)])
        numbers.append(number - 2)  # import_status_reports adds 2 to show the row
    if errors:
        raise ImportFailed(ImportResult(errors=errors))
    return pd.DataFrame(rows, columns=header, index=numbers, dtype=object)


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailed.file(
            _(
                "The file is not a UTF-8 text file (line %(line)s); in Excel save it as "
                "“CSV UTF-8”, or as .xlsx."
            )
            % {"line": line}
        ) from error


def _csv_records(text: str) -> list[list[str]]:
    """The rows of the CSV text, split on what its header is split on."""
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    # Dutch Excel writes semicolons, the open data export too; others write commas or tabs.
    delimiter = max(";,\t", key=header_line.count)
    if delimiter not in header_line:
        delimiter = ","
    # Cells may be large (refused per row with a reason below), never larger than the file.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    if text.count(delimiter) > MAX_ROWS * MAX_COLUMNS:
        raise _too_large(_("holds more cells than a table has"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [_bounded(record, number) for number, record in enumerate(reader, start=1)]
    except csv.Error as error:
        raise ImportFailed.file(
            _("The file is no valid CSV from line %(line)s: %(reason)s")
            % {"line": reader.line_num, "reason": error}
        ) from error


def _bounded(record: list[str], number: int) -> list[str]:
    """The ``number``th CSV record within MAX_ROWS × MAX_COLUMNS (empty cells beyond dropped),
    or refused. Counted in records, not lines: a quoted cell may span several lines."""
    while len(record) > MAX_COLUMNS and not record[-1].strip():
        record.pop()
    filled = [column for column, cell in enumerate(record, start=1) if cell.strip()]
    if len(record) > MAX_COLUMNS or (number > MAX_ROWS and filled):
        raise _too_large(
            _("has a value in row %(row)s, column %(column)s")
            % {"row": number, "column": filled[-1]}
        )
    if number > MAX_ELEMENTS:
        raise _too_large(_("holds more cells or nesting than a table has"))
    return record


# The figures a manager enters with the lights (the report form's ``ReportFiguresForm``), by
# the model's field name or the open-data package's column (``opendata/schema.py``, ``cijfers``).
# The frame (original and current budget and end date) is the programme's decisions' business:
# it is copied from them, as the form does, never read from a sheet.
FIGURE_COLUMNS = {
    "forecast_at_completion": "forecast_at_completion",
    "prognose_bij_afronding": "forecast_at_completion",
    "spent_to_date": "spent_to_date",
    "besteed_tot_nu": "spent_to_date",
    "forecast_end_date": "forecast_end_date",
    "prognose_einddatum": "forecast_end_date",
}
# Rows written per INSERT or UPDATE: the queries grow with the batches, never with the rows.
BATCH_SIZE = 1000
REPORT_FIELDS = [*StatusReport.CONTENT_FIELDS, "version", "updated_at"]
FIGURE_FIELDS = [
    "forecast_at_completion",
    "spent_to_date",
    "forecast_end_date",
    "original_budget",
    "current_budget",
    "original_end_date",
    "current_end_date",
    "decisions",
    "captured_at",
]
# Set from rows read once for the whole file, so not looked up again for every row.
READ_ONCE = ["programme", "period", "prefilled_from", "submitted_by", "reviewed_by"]


def change_reason(filename: str) -> str:
    """How each report's history names an import (the history field holds 100 characters)."""
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    name = Path(filename).name[:40]
    return (_("Import of %(file)s at %(when)s") % {"file": name, "when": when})[:100]


def import_status_reports(
    frame: pd.DataFrame,
    period: ReportingPeriod,
    *,
    reason: str = "",
    user: Any = None,
) -> ImportResult:
    """Create or update the period's reports from ``frame``; raise ImportFailed on any error.

    In bulk: the period, the programmes, the period's reports and figures are read once;
    every row is checked in memory by the model's own rules (``clean_fields``,
    ``StatusReport.clean_content`` and ``import_errors``, ``ReportFigures.clean_amounts``);
    then all rows are written with ``bulk_create``/``bulk_update`` and their history, a
    constant number of queries per ``BATCH_SIZE`` rows. Any error in any row writes nothing.
    ``reason`` and ``user`` name the import in each report's history.
    """
    result = ImportResult()
    with transaction.atomic():
        # The period's row share-locked once for the whole file: publication waits for the
        # import, or the import sees the period published (the model's own lock).
        if lock_periods_for_report_write([period.pk]):
            raise ImportFailed.file(PublishedPeriodClosedError().messages[0])
        frame = _as_text(frame)
        _check_header(frame)
        target = _Target.read(period, frame, reason=reason, user=user)
        records = zip(frame.index, frame.to_dict("records"), strict=True)
        rows = [_check_row(row, int(index) + 2, target, result) for index, row in records]
        if result.errors:
            raise ImportFailed(result)
        _write(target, [row for row in rows if row is not None])
    return result


def _check_header(frame: pd.DataFrame) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise ImportFailed(
            ImportResult(
                errors=[
                    RowError(1, ", ".join(missing), _("Required column missing from the header."))
                ]
            )
        )
    names = [FIGURE_COLUMNS.get(column, column) for column in frame.columns]
    duplicates = sorted(
        {c for c, n in zip(frame.columns, names, strict=True) if names.count(n) > 1}
    )
    if duplicates:
        raise ImportFailed(
            ImportResult(
                errors=[
                    RowError(
                        1, ", ".join(duplicates), _("This column appears twice in the header.")
                    )
                ]
            )
        )


@dataclass
class _Target:
    """What the rows are imported into, read once: the period, its programmes, reports and
    figures so far, and the signal thresholds in force."""

    period: ReportingPeriod
    programmes: dict[str, Programme]
    existing: dict[int, StatusReport]
    figures: dict[int, ReportFigures]
    thresholds: SignalThresholds
    figure_columns: dict[str, str]
    reason: str = ""
    user: Any = None
    seen: set[str] = field(default_factory=set)
    now: Any = field(default_factory=timezone.now)
    # Programmes the admission rule lets have a new report in the period (one query).
    reportable: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, period: ReportingPeriod, frame: pd.DataFrame, **options) -> _Target:
        figure_columns = {c: FIGURE_COLUMNS[c] for c in frame.columns if c in FIGURE_COLUMNS}
        programmes = Programme.objects.only("id", "slug")  # all a row needs of its programme
        if figure_columns:  # the frame, milestones and risks are copied with the figures
            programmes = programmes.prefetch_related("baseline_decisions", "milestones", "risks")
        by_pk = {programme.pk: programme for programme in programmes}
        # Locked as read: nobody saves one of them between this check and the write.
        existing = {}
        for report in StatusReport.objects.filter(period=period).select_for_update(of=("self",)):
            report.period, report.programme = period, by_pk[report.programme_id]
            existing[report.programme_id] = report
        return cls(
            period=period,
            programmes={programme.slug: programme for programme in by_pk.values()},
            existing=existing,
            figures={f.report_id: f for f in ReportFigures.objects.filter(report__period=period)},
            thresholds=SignalThresholds.current(),
            figure_columns=figure_columns,
            reportable=set(Programme.objects.reportable_in(period).values_list("pk", flat=True)),
            **options,
        )


@dataclass
class _Row:
    report: StatusReport
    figures: ReportFigures | None


def preview_status_reports(frame: pd.DataFrame, period: ReportingPeriod, **options) -> ImportResult:
    """What ``import_status_reports`` would do, every error included, with nothing kept.

    The preview runs the import itself and rolls it back: one validation, never a copy.
    """
    try:
        with transaction.atomic():
            result = import_status_reports(frame, period, **options)
            transaction.set_rollback(True)
    except ImportFailed as failure:
        return failure.result
    return result


def _check_row(
    row: dict[str, str], number: int, target: _Target, result: ImportResult
) -> _Row | None:
    """One row checked in memory: its report to write, or its errors added to ``result``."""
    report, errors = _report_of(row, number, target)
    if report is None:
        result.errors.extend(errors)
        return None
    errors = _fill(report, row, number)
    figures = None
    if not errors and any(row[column].strip() for column in target.figure_columns):
        figures, errors = _figures_of(report, row, number, target)
    if not errors:
        errors = _validated(report, figures, number, target)
    if errors:
        result.errors.extend(errors)
        return None
    stored = figures or target.figures.get(report.pk)
    checks = stored.signal_checks(report, target.thresholds) if stored is not None else []
    result.still_missing.extend(
        RowError(number, field_name, message)
        for field_name, error in report.submission_errors(checks=checks).items()
        for message in error.messages
    )
    if report.pk is None:
        result.created += 1
    else:
        result.updated += 1
    return _Row(report, figures)


def _report_of(row: dict[str, str], number: int, target: _Target) -> tuple:
    """The report a row is for, new or open for changes; else None and why not."""
    errors = _cell_errors(row, number)
    if errors:
        return None, errors
    slug = row["slug"].strip()
    programme = target.programmes.get(slug)
    if programme is None:
        return None, [RowError(number, "slug", _("Unknown programme “%s”.") % slug)]
    if slug in target.seen:
        return None, [RowError(number, "slug", _("Programme “%s” appears twice.") % slug)]
    target.seen.add(slug)
    report = target.existing.get(programme.pk) or StatusReport(
        programme=programme, period=target.period
    )
    if report.pk is None and programme.pk not in target.reportable:
        # The model's own rule words why (not admitted, admitted later, left): asked only for
        # the rows it refuses, so a valid file costs no query per row.
        refusal = admission_refusal(programme, target.period) or _(
            "This programme has not been admitted to the monitor."
        )
        return None, [RowError(number, "slug", f"{slug}: {refusal}")]
    if report.pk is not None and not report.is_editable:
        message = _("The report of “%s” is not open for changes (%s).") % (
            slug,
            report.get_state_display(),
        )
        return None, [RowError(number, "slug", message)]
    return report, []


def _fill(report: StatusReport, row: dict[str, str], number: int) -> list[RowError]:
    """Put the row's lights and texts on the report; a word that is no colour is an error."""
    errors = []
    for aspect in Aspect:
        word = row[str(aspect)].strip().lower()
        if word and word not in RATING_WORDS:
            errors.append(
                RowError(
                    number,
                    str(aspect),
                    _("“%s” is not a colour; use groen, oranje or rood.") % row[str(aspect)],
                )
            )
        setattr(report, f"{aspect}_rating", RATING_WORDS.get(word, ""))
        for part in ("explanation", "greener_reason"):
            if f"{aspect}_{part}" in row:
                setattr(report, f"{aspect}_{part}", row[f"{aspect}_{part}"].strip())
    if "developments" in row:
        report.developments = row["developments"].strip()
    return errors


def _figures_of(
    report: StatusReport, row: dict[str, str], number: int, target: _Target
) -> tuple[ReportFigures, list[RowError]]:
    """The report's figures with the row's values and the programme's frame, as the form
    stores them (``capture_figures``); a cell that is no amount or date is an error.

    An empty cell keeps what is stored: a sheet filled in for the lights alone (the template
    has the figure columns) must not wipe the figures entered on the form."""
    figures = target.figures.get(report.pk) if report.pk else None
    figures = figures or ReportFigures()
    figures.report = report  # the explanation being imported counts, as on the form
    errors = []
    for column, name in target.figure_columns.items():
        if not row[column].strip():
            continue
        try:
            setattr(figures, name, _figure_value(name, row[column]))
        except ValidationError as error:
            errors.extend(RowError(number, column, message) for message in error.messages)
    figures.apply_frame(frame_of(report.programme))
    figures.captured_at = target.now
    return figures, errors


def _figure_value(name: str, text: str) -> Any:
    """An amount or a date as a sheet holds it; ValidationError (in Dutch) if it is neither."""
    text = text.strip()
    if not text:
        return None
    if name == "forecast_end_date":
        return _date_value(text)
    # As a machine writes it (a workbook's number, the open data: "1250000.5"); else as people
    # write euros, parsed by the form's own field ("1.250.000,50", "€ 1.250.000").
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text) and not re.fullmatch(
        r"[0-9]{1,3}(\.[0-9]{3})+", text
    ):
        return Decimal(text)
    return _amount_field().clean(text)


@functools.cache
def _amount_field() -> Any:
    """The form's parser, one reading of "1.250.000,50" (built once: a form field is costly)."""
    from .forms import AmountField  # forms imports the models; imports is imported by views

    return AmountField()


# A workbook stores a date as days since 1899-12-30; these are 2000 to 2100 (plausible dates).
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _date_value(text: str) -> dt.date:
    text = text.removesuffix(" 00:00:00").removesuffix("T00:00:00")
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    if re.fullmatch(r"[0-9]{5}(\.0+)?", text):
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    raise ValidationError(
        _("“%(value)s” is not a date; write it as 2025-06-30 or 30-06-2025.") % {"value": text}
    )


def _validated(
    report: StatusReport, figures: ReportFigures | None, number: int, target: _Target
) -> list[RowError]:
    """The model's rules on the row, in memory: its fields' validators, what the report holds
    (``clean_content``), what an import refuses (``import_errors``) and the figures' rule."""
    store_lf_newlines(StatusReport, report)  # what save()'s pre_save does; bulk writes skip it
    errors: dict[str, list[str]] = {}
    columns = {name: column for column, name in target.figure_columns.items()}
    for check in (
        lambda: report.clean_fields(exclude=READ_ONCE),
        report.clean_content,
        lambda: _raise(report.import_errors()),
        lambda: figures is not None and figures.clean_fields(exclude=["report"]),
        lambda: figures is not None and figures.clean_amounts(),
    ):
        try:
            check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(columns.get(name, name), []).extend(messages)
    return [
        RowError(number, name, message) for name, messages in errors.items() for message in messages
    ]


def _raise(errors: dict[str, ValidationError]) -> None:
    if errors:
        raise ValidationError(errors)


def _write(target: _Target, rows: list[_Row]) -> None:
    """Every checked row in bulk, each with its history naming the import."""
    options = {
        "batch_size": BATCH_SIZE,
        "default_user": target.user,
        "default_change_reason": target.reason or None,
    }
    new = [row.report for row in rows if row.report.pk is None]
    changed = [row.report for row in rows if row.report.pk is not None]
    for report in changed:  # what save() does: the version raised, the time of the change
        report.version += 1
        report.updated_at = target.now
    try:
        bulk_create_with_history(new, StatusReport, **options)
    except IntegrityError as error:  # a report created meanwhile by someone else
        raise ImportFailed.file(
            _("A report of this period was created during the import; nothing was imported.")
        ) from error
    if changed:
        _update_with_history(changed, StatusReport, REPORT_FIELDS, options)
    with_figures = [row for row in rows if row.figures is not None]
    if with_figures:
        _write_figures(with_figures, options)


def _write_figures(rows: list[_Row], options: dict) -> None:
    """The figures and their copies of the programme's milestones and risks, in bulk."""
    for row in rows:
        row.figures.report = row.report  # a new report has its key now
    new = [row.figures for row in rows if row.figures.pk is None]
    stored = [row.figures for row in rows if row.figures.pk is not None]
    bulk_create_with_history(new, ReportFigures, **options)
    if stored:
        _update_with_history(stored, ReportFigures, FIGURE_FIELDS, options)
    ids = [row.report.pk for row in rows]
    MilestoneSnapshot.objects.filter(report_id__in=ids).delete()
    RiskSnapshot.objects.filter(report_id__in=ids).delete()
    MilestoneSnapshot.objects.bulk_create(
        [s for row in rows for s in milestone_snapshots(row.report, row.report.programme)],
        batch_size=BATCH_SIZE,
    )
    RiskSnapshot.objects.bulk_create(
        [s for row in rows for s in risk_snapshots(row.report, row.report.programme)],
        batch_size=BATCH_SIZE,
    )


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text ('' for empty), every column name as text, rows numbered 0, 1, …

    A frame may come from elsewhere than ``read_table`` (a script, a test): numbers, NaN or
    a text index must not end the import in a traceback.
    """
    frame = frame.copy()
    frame.columns = [str(column).strip() for column in frame.columns]
    if not pd.api.types.is_integer_dtype(frame.index) or (frame.index < 0).any():
        frame = frame.reset_index(drop=True)
    return frame.astype(object).where(frame.notna(), "").map(str)


def _cell_errors(row: dict[str, str], row_number: int) -> list[RowError]:
    """Cells no report can hold: over 128 KB, or text the database cannot store."""
    errors = []
    for column, value in row.items():
        size = len(value.encode("utf-8", "surrogatepass"))
        if size > MAX_CELL_BYTES:
            errors.append(
                RowError(
                    row_number,
                    column,
                    _("The cell holds %(size)s KB; at most %(limit)s KB fits.")
                    % {"size": size // 1024, "limit": MAX_CELL_BYTES // 1024},
                )
            )
            continue
        try:
            validate_storable_text(value)
        except ValidationError as error:
            errors.extend(RowError(row_number, column, message) for message in error.messages)
    return errors


def _update_with_history(objs: list, model: type, names: list[str], options: dict) -> None:
    """``UPDATE … FROM (VALUES …)``, one statement per BATCH_SIZE rows, and their history.

    Django's ``bulk_update`` builds a ``CASE WHEN pk = … THEN …`` expression per cell: 16 s of
    Python for 1,000 reports of 13 fields. The rows are written as they are here, so what
    ``bulk_update_with_history`` records in the history is the same.
    """
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    casts = ", ".join(
        ["CAST(%s AS integer)", *(f"CAST(%s AS {f.db_type(connection)})" for f in fields)]
    )
    columns = ", ".join(quote(f.column) for f in fields)
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), BATCH_SIZE):
            batch = objs[start : start + BATCH_SIZE]
            values = ", ".join([f"({casts})"] * len(batch))
            params = [
                value
                for obj in batch
                for value in [
                    obj.pk,
                    *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields),
                ]
            ]
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {values}) AS v(id, {columns}) "
                f"WHERE {table}.id = v.id",
                params,
            )
    get_history_manager_for_model(model).bulk_history_create(objs, update=True, **options)
