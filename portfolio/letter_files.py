"""The council information letter as files: a PDF by the monitor's conventions (WeasyPrint,
tagged PDF/A-3a with PDF/UA-1 declared, Dutch, fonts embedded; ``reports.pdf.html_to_pdf``) and
an editable .docx (python-docx) a municipality puts on its own letterhead. Both print the same
``Letter`` sections."""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from reports.pdf import html_to_pdf

from .letter import Letter

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_pdf(letter: Letter) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "portfolio/letter_pdf.html",
            {"letter": letter, "document_language": settings.LANGUAGE_CODE},
        )
    return html_to_pdf(html)


def letter_docx(letter: Letter) -> bytes:
    """Headings as Word headings (navigation pane, accessible), lists as bulleted lists."""
    document = Document()
    _dutch(document)
    properties = document.core_properties
    properties.title, properties.author = letter.title, letter.municipality
    properties.language = "nl-NL"
    # The letter's own date, not the moment of download: the same letter, the same file.
    moment = dt.datetime.combine(letter.date, dt.time(), tzinfo=dt.UTC)
    properties.created = properties.modified = moment
    properties.revision = 1
    with translation.override(settings.LANGUAGE_CODE):
        dated = date_format(letter.date, "j F Y")
        document.add_paragraph(letter.municipality)
        document.add_heading(letter.title, level=0)
        document.add_paragraph(f"{dated}")
        document.add_paragraph(letter.source)
        if letter.illustrative_note:
            document.add_paragraph(letter.illustrative_note).runs[0].italic = True
        for section in letter.sections:
            document.add_heading(section.heading, level=1)
            for text in section.paragraphs:
                document.add_paragraph(text)
            for item in section.items:
                document.add_paragraph(item, style="List Bullet")
            for text in section.after:
                document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _dutch(document) -> None:
    """Dutch as the language of every style (spelling check, screen readers), a plain font."""
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for style in document.styles:
        element = getattr(style, "element", None)
        rpr = (
            element.get_or_add_rPr()
            if element is not None and hasattr(element, "get_or_add_rPr")
            else None
        )
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), "nl-NL")
