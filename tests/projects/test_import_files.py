"""importreports ends with a reason in Dutch for any file, never a traceback (issue 9.4).

Empty files, binary garbage, a photo or a PDF renamed .xlsx, a workbook with XML entity tricks,
a cell over 128 KB, a NUL or an unpaired surrogate in a cell: each is refused with the row or
the file named, and nothing is imported.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from projects import imports
from projects.imports import ImportFailed, import_status_reports, read_table
from tests.fingerprint import db_fingerprint

HEADER = "slug;quality;money;time;risk;developments\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
GARBAGE = bytes(range(256)) * 4


def workbook(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(xlsx: bytes, part: str, content: bytes) -> bytes:
    """The workbook with one of its XML parts replaced, as an attacker would craft it."""
    source, target = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, content if item.filename == part else source.read(item))
    return target.getvalue()


def sheet_xml(cell_xml: str, doctype: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"{doctype}"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{cell_xml}</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def file_error(data: bytes, name: str) -> str:
    with translation.override("nl"):  # lazy messages: read them in the language they are for
        with pytest.raises(ImportFailed) as excinfo:
            read_table(io.BytesIO(data), name)
        [error] = excinfo.value.result.errors
        assert error.row == 0
        return str(error)


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "ronde.csv", "Bestand: Het bestand is leeg."),
        (b"", "ronde.xlsx", "Bestand: Het bestand is leeg."),
        (b"\xef\xbb\xbf\r\n \n", "ronde.csv", "Bestand: Het bestand is leeg."),
        (GARBAGE, "ronde.csv", "geen UTF-8-tekstbestand (regel 2)"),
        (GARBAGE, "ronde.xlsx", "heet .xlsx maar is geen Excel-werkmap"),
        (PNG, "ronde.xlsx", "Dit is een afbeelding (PNG), geen spreadsheet"),
        (PNG, "ronde.csv", "Dit is een afbeelding (PNG), geen spreadsheet"),
        (PDF, "ronde.xlsx", "Dit is een pdf-document, geen spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "oud.xls", "oud Excel- (.xls)"),
        (b"PK\x03\x04" + GARBAGE, "ronde.xlsx", "De werkmap is beschadigd"),
        (b"slug;quality\n\xed\xa0\x80;groen\n", "ronde.csv", "geen UTF-8-tekstbestand (regel 2)"),
    ],
    ids=[
        "empty-csv",
        "empty-xlsx",
        "bom-only",
        "garbage-csv",
        "garbage-xlsx",
        "png-as-xlsx",
        "png-as-csv",
        "pdf-as-xlsx",
        "old-xls",
        "damaged-zip",
        "surrogate-bytes",
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, name, reason):
    assert reason in file_error(data, name)


def test_a_zip_that_is_no_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff")
    assert "ZIP-bestand, geen Excel-werkmap" in file_error(buffer.getvalue(), "ronde.xlsx")


def test_a_workbook_that_unpacks_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 10_000)
    xlsx = workbook([["slug"], ["x" * 20_000]])
    assert "pakt uit tot meer dan" in file_error(xlsx, "ronde.xlsx")


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_entity_tricks_in_a_workbook_are_refused(doctype, part):
    xlsx = workbook([["slug", "quality"], ["sorga", "groen"]])
    if part == "xl/workbook.xml":
        original = zipfile.ZipFile(io.BytesIO(xlsx)).read(part).decode()
        head, mark, rest = original.partition("?>")
        content = (head + mark + doctype + rest if mark else doctype + original).encode()
    else:
        content = sheet_xml("&lol9;" if doctype == BILLION_LAUGHS else "&xxe;", doctype)
    reason = file_error(with_part(xlsx, part, content), "ronde.xlsx")
    assert "XML-entiteitdeclaraties; die worden om veiligheidsredenen geweigerd" in reason


def test_an_entity_declared_in_utf16_is_refused_too():
    xlsx = workbook([["slug"], ["sorga"]])
    content = sheet_xml("&lol9;", BILLION_LAUGHS).decode().replace("UTF-8", "UTF-16")
    crafted = with_part(xlsx, "xl/worksheets/sheet1.xml", content.encode("utf-16"))
    assert "XML-entiteitdeclaraties" in file_error(crafted, "ronde.xlsx")


def test_defusedxml_refuses_entities_behind_the_scan(round_):
    """The second line of defence: openpyxl's own parser, through defusedxml, refuses them."""
    from openpyxl.xml.functions import iterparse

    with pytest.raises(Exception, match=r"(?i)entit"):
        list(iterparse(io.BytesIO(sheet_xml("&lol9;", BILLION_LAUGHS))))


def row_errors(data: bytes, period) -> list[str]:
    before = db_fingerprint()
    with translation.override("nl"):
        with pytest.raises(ImportFailed) as excinfo:
            import_status_reports(read_table(io.BytesIO(data), "ronde.csv"), period)
        errors = [str(error) for error in excinfo.value.result.errors]
    assert db_fingerprint() == before
    return errors


def test_a_cell_over_128_kb_is_refused_with_its_row(round_):
    big = "x" * (200 * 1024)
    data = f"{HEADER}sorga;groen;groen;groen;groen;ok\nadidas;groen;groen;groen;groen;{big}\n"
    assert row_errors(data.encode(), round_.period) == [
        "Rij 3, developments: De cel bevat 200 KB; er past hoogstens 128 KB in."
    ]


def test_a_nul_in_a_cell_is_refused_with_its_row(round_):
    data = f"{HEADER}sorga;groen;groen;groen;groen;Live\x00gegaan\n".encode()
    [error] = row_errors(data, round_.period)
    assert error.startswith("Rij 2, developments: De tekst bevat een NUL-teken")


def test_an_unpaired_surrogate_in_a_frame_is_refused_with_its_row(round_):
    frame = pd.DataFrame(
        [
            {
                "slug": "sorga",
                "quality": "groen",
                "money": "groen",
                "time": "groen",
                "risk": "groen",
                "developments": "half \ud800 emoji",
            }
        ]
    )
    before = db_fingerprint()
    with translation.override("nl"):
        with pytest.raises(ImportFailed) as excinfo:
            import_status_reports(frame, round_.period)
        errors = [str(e) for e in excinfo.value.result.errors]
    assert errors == [
        "Rij 2, developments: De tekst bevat een ongeldig teken (een losse surrogaat-helft); "
        "typ de tekst opnieuw."
    ]
    assert db_fingerprint() == before


def test_a_row_with_more_cells_than_the_header_is_refused(round_):
    data = f"{HEADER}sorga;groen;groen;groen;groen;ok;extra\n".encode()
    with translation.override("nl"):
        with pytest.raises(ImportFailed) as excinfo:
            read_table(io.BytesIO(data), "ronde.csv")
        assert str(excinfo.value) == "Rij 2: De rij heeft 7 cellen, de kopregel 6 kolommen."


def test_a_semicolon_csv_with_blank_lines_keeps_its_row_numbers(round_):
    data = f"{HEADER}\nsorga;groen;groen;groen;paars;\n".encode()
    assert row_errors(data, round_.period)[0].startswith("Rij 3, risk:")


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (PNG, "foto.xlsx", "Dit is een afbeelding (PNG)"),
        (GARBAGE, "ruis.csv", "geen UTF-8-tekstbestand"),
        (None, "bestaat-niet.csv", "Er is geen bestand"),
    ],
)
def test_the_command_ends_with_the_reason_not_a_traceback(tmp_path, round_, content, name, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = db_fingerprint()
    with translation.override("nl"), pytest.raises(CommandError) as excinfo:
        call_command("importreports", str(path), period=round_.period.slug)
    assert str(excinfo.value).startswith("Niets geïmporteerd:\nBestand: ")
    assert reason in str(excinfo.value)
    assert db_fingerprint() == before


def test_the_command_names_an_unknown_period(tmp_path, round_):
    path = tmp_path / "ronde.csv"
    path.write_text(HEADER)
    with translation.override("nl"), pytest.raises(CommandError, match="geen rapportageperiode"):
        call_command("importreports", str(path), period="bestaat\x00niet")
