"""The open-data package of a period in its formats: Frictionless Data Package (zip with
``datapackage.json`` and one CSV per table), one spreadsheet (.xlsx, .ods) with a *Toelichting*
sheet first, and JSON nested per programme for programs.

Every file is a function of the published record alone and is written byte for byte the same
each time (zip entries dated at the publication, spreadsheet properties likewise), so a package
built on request equals the one archived at publication, and an export imported elsewhere
exports to identical files (``importopendata``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal

from django.conf import settings

from . import schema

# Spreadsheets run a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The neutralising apostrophe itself is escaped too, so reading back is exact (``restore``).
GUARDED_STARTS = (*FORMULA_STARTS, "'")
CSV_DELIMITER = ";"  # what Excel with Dutch regional settings opens as columns


def defuse(text: str) -> str:
    """Text a spreadsheet would run as a formula, shown instead: a leading apostrophe."""
    return f"'{text}" if text.startswith(GUARDED_STARTS) else text


def restore(text: str) -> str:
    """``defuse`` undone: the text as published."""
    return text[1:] if text.startswith("'") else text


def utc(moment: dt.datetime) -> dt.datetime:
    """A moment in UTC, to the second: the Table Schema's default datetime format."""
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def text_value(value, type_: str) -> str:
    """One value as its CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if type_ == "string":
        return defuse(str(value))
    return str(value)


def table_csv(table: schema.Table, rows: list[dict]) -> bytes:
    """The table as CSV: UTF-8 with BOM, semicolons, CRLF, header of field names."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(table.names)
    for row in rows:
        writer.writerow([text_value(row.get(f.name), f.type) for f in table.fields])
    return out.getvalue().encode("utf-8-sig")


def csv_files(tables: dict[str, list[dict]]) -> dict[str, bytes]:
    return {f"{t.name}.csv": table_csv(t, tables[t.name]) for t in schema.TABLES}


def licence() -> dict:
    """The licence of the open data: ``OPEN_DATA_LICENSE`` (an SPDX id), CC0 by default."""
    name = getattr(settings, "OPEN_DATA_LICENSE", "CC0-1.0")
    return {"name": name, "path": f"https://spdx.org/licenses/{name}.html", "title": name}


def descriptor(period_row: dict, files: dict[str, bytes]) -> dict:
    """``datapackage.json``: the package, and per CSV its Table Schema, size and SHA-256."""
    return {
        "profile": "tabular-data-package",
        "name": f"mip-{period_row['periode']}",
        "title": f"Monitor ICT Projecten – {period_row['naam']}",
        "description": (
            "Alles wat de raad in deze Monitor ICT Projecten las, als data: programma's, "
            "lichten, cijfers, kaderbesluiten, signalen, mijlpalen, risico's en errata, zoals "
            "vastgelegd bij publicatie."
        ),
        "description_en": (
            "Everything the council read in this ICT project monitor, as data, as recorded "
            "at publication."
        ),
        "created": text_value(period_row["gepubliceerd_op"], "datetime"),
        "licenses": [licence()],
        "resources": [_resource(table, files[f"{table.name}.csv"]) for table in schema.TABLES],
    }


def _resource(table: schema.Table, content: bytes) -> dict:
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "title": table.nl,
        "description": table.nl,
        "description_en": table.en,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "bytes": len(content),
        "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
        "dialect": {"delimiter": CSV_DELIMITER, "header": True},
        "schema": table.schema(),
    }


def zip_entries(entries: dict[str, bytes], when: dt.datetime) -> bytes:
    """A zip whose bytes depend on the entries alone: each dated ``when``, same order."""
    stamp = max(utc(when), dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return out.getvalue()


def package_zip(tables: dict[str, list[dict]]) -> bytes:
    """The Frictionless Data Package as one zip: ``datapackage.json`` first, then the CSVs."""
    files = csv_files(tables)
    period_row = tables["periode"][0]
    meta = json.dumps(descriptor(period_row, files), ensure_ascii=False, indent=2).encode()
    return zip_entries({"datapackage.json": meta, **files}, period_row["gepubliceerd_op"])


# --- Spreadsheets ------------------------------------------------------------------------------


def explanation_rows() -> list[list[str]]:
    """The *Toelichting* sheet: every table and every field, what it holds, in NL and EN."""
    rows = [["tabel", "veld", "type", "omschrijving", "description", "toegestane waarden"]]
    for table in schema.TABLES:
        rows.append([table.name, "", "", table.nl, table.en, ""])
        for f in table.fields:
            values = ", ".join(word for word, *_m in f.codes.values()) if f.codes else ""
            described = f.descriptor()
            rows.append(
                [
                    table.name,
                    f.name,
                    f.type,
                    described["description"],
                    described["description_en"],
                    values,
                ]
            )
    return rows


def sheet_value(value):
    """A value as a spreadsheet cell: numbers as numbers, moments without zone (UTC)."""
    if isinstance(value, dt.datetime):
        return utc(value).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return "" if value is None else value


def sheets(tables: dict[str, list[dict]]) -> dict[str, list[list]]:
    found = {"Toelichting": explanation_rows()}
    for table in schema.TABLES:
        found[table.name] = [table.names] + [
            [sheet_value(row.get(name)) for name in table.names] for row in tables[table.name]
        ]
    return found


def workbook_xlsx(tables: dict[str, list[dict]]) -> bytes:
    """One .xlsx, a sheet per table after *Toelichting*; text is never run as a formula."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets(tables).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.data_type == "f":  # text starting with "=": keep it text
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    when = tables["periode"][0]["gepubliceerd_op"]
    book.properties.creator = "Monitor ICT Projecten"
    book.properties.created = utc(when).replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue(), when)


def workbook_ods(tables: dict[str, list[dict]]) -> bytes:
    """The same sheets as OpenDocument (.ods), through pandas' odf engine."""
    import pandas as pd

    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="odf") as writer:
        for title, rows in sheets(tables).items():
            frame = pd.DataFrame(rows[1:], columns=rows[0], dtype=object)
            frame.to_excel(writer, sheet_name=title, index=False)
    return _fixed_times(out.getvalue(), tables["periode"][0]["gepubliceerd_op"])


NAMESPACE = re.compile(rb' xmlns:[\w-]+="[^"]*"')
NAME = re.compile(rb"xmlns:([\w-]+)=")
PREFIX = re.compile(rb"[<\s/]([\w-]+):[\w-]+")
ROOT_TAG = re.compile(rb"<office:document[^>]*>")
MOMENT = re.compile(rb"(<(dcterms:modified|dcterms:created|meta:creation-date|dc:date)[^>]*>)[^<]*")


def _fixed_times(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip-based document with every entry and stated moment at ``when``."""
    moment = utc(when).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {
            info.filename: _canonical(MOMENT.sub(lambda m: m.group(1) + moment, source.read(info)))
            if info.filename.endswith(".xml")
            else source.read(info)
            for info in source.infolist()
        }
    if "mimetype" in entries:  # OpenDocument: mimetype first and stored, as the standard asks
        return _odf_zip(entries, when)
    return zip_entries(entries, when)


def _canonical(xml: bytes) -> bytes:
    """odfpy declares on a document's root every namespace it met so far in the process, in no
    fixed order: keep those the document uses, sorted."""
    used = set(PREFIX.findall(NAMESPACE.sub(b"", xml)))

    def sort(match: re.Match) -> bytes:
        tag = match.group(0)
        names = sorted(n.strip() for n in NAMESPACE.findall(tag) if NAME.search(n)[1] in used)
        return NAMESPACE.sub(b"", tag).replace(b" ", b" " + b" ".join(names) + b" ", 1)

    return ROOT_TAG.sub(sort, xml, count=1)


def _odf_zip(entries: dict[str, bytes], when: dt.datetime) -> bytes:
    stamp = max(utc(when), dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


# --- JSON ----------------------------------------------------------------------------------


def json_value(value):
    if isinstance(value, dt.datetime):
        return text_value(value, "datetime")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def period_json(tables: dict[str, list[dict]]) -> bytes:
    """The period for programs: its texts, and per programme everything recorded with it."""
    programmes = []
    for programme in tables["programmas"]:
        item = {k: json_value(v) for k, v in programme.items() if k != "periode"}
        for name in ("lichten", "cijfers", "kaderbesluiten", "signalen", "mijlpalen", "risicos"):
            item[name] = [
                {k: json_value(v) for k, v in row.items() if k not in ("periode", "programma")}
                for row in tables[name]
                if row["programma"] == programme["programma"]
            ]
        item["cijfers"] = item["cijfers"][0] if item["cijfers"] else None
        item["errata"] = [
            {k: json_value(v) for k, v in row.items() if k not in ("periode", "programma")}
            for row in tables["errata"]
            if row["programma"] == programme["programma"]
        ]
        programmes.append(item)
    document = {
        "periode": {k: json_value(v) for k, v in tables["periode"][0].items()},
        "licentie": licence()["name"],
        "programmas": programmes,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
