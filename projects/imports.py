"""Import a round of status reports from a spreadsheet: all rows or none.

The columns are those of the open data export (``reports/export.py``), so a coordinator can
export a period, let programmes fill it in Excel and import it again. Every row is validated by
``StatusReport.full_clean()`` — the same rules as the form and the admin — and any error in any
row rolls the whole import back, with a message per row. Imported reports are drafts, which
always save; what still blocks their submission (``StatusReport.submission_errors``) is listed
per row in ``ImportResult.still_missing``, as the form lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Aspect, Programme, Rating, ReportingPeriod, StatusReport

REQUIRED_COLUMNS = ["slug", *[str(aspect) for aspect in Aspect]]
RATING_WORDS = {
    **{rating.value: rating.value for rating in Rating},
    "groen": "green",
    "oranje": "orange",
    "rood": "red",
    "amber": "orange",
}


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    field: str
    message: str

    def __str__(self) -> str:
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


def read_table(source: str | Path | IO[bytes], filename: str = "") -> pd.DataFrame:
    """Read CSV or Excel into strings, with empty cells as ''."""
    name = (filename or str(source)).lower()
    if name.endswith((".xlsx", ".xlsm")):
        frame = pd.read_excel(source, dtype=str)
    else:
        frame = pd.read_csv(source, dtype=str, encoding="utf-8-sig", sep=None, engine="python")
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame.fillna("")


def import_status_reports(frame: pd.DataFrame, period: ReportingPeriod) -> ImportResult:
    """Create or update the period's reports from ``frame``; raise ImportFailed on any error."""
    result = ImportResult()
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        result.errors.append(
            RowError(1, ", ".join(missing), _("Required column missing from the header."))
        )
        raise ImportFailed(result)

    programmes = {p.slug: p for p in Programme.objects.all()}
    existing = {r.programme_id: r for r in StatusReport.objects.filter(period=period)}
    seen: set[str] = set()
    with transaction.atomic():
        for index, row in frame.iterrows():
            row_number = int(index) + 2
            slug = row["slug"].strip()
            programme = programmes.get(slug)
            if programme is None:
                result.errors.append(
                    RowError(row_number, "slug", _("Unknown programme “%s”.") % slug)
                )
                continue
            if slug in seen:
                result.errors.append(
                    RowError(row_number, "slug", _("Programme “%s” appears twice.") % slug)
                )
                continue
            seen.add(slug)
            report = existing.get(programme.pk) or StatusReport(programme=programme, period=period)
            is_new = report.pk is None
            if not is_new and not report.is_editable:
                result.errors.append(
                    RowError(
                        row_number,
                        "slug",
                        _("The report of “%s” is not open for changes (%s).")
                        % (slug, report.get_state_display()),
                    )
                )
                continue
            bad_rating = False
            for aspect in Aspect:
                word = row[str(aspect)].strip().lower()
                if word and word not in RATING_WORDS:
                    result.errors.append(
                        RowError(
                            row_number,
                            str(aspect),
                            _("“%s” is not a colour; use groen, oranje or rood.")
                            % row[str(aspect)],
                        )
                    )
                    bad_rating = True
                setattr(report, f"{aspect}_rating", RATING_WORDS.get(word, ""))
                for part in ("explanation", "greener_reason"):
                    if f"{aspect}_{part}" in frame.columns:
                        setattr(report, f"{aspect}_{part}", row[f"{aspect}_{part}"].strip())
            if "developments" in frame.columns:
                report.developments = row["developments"].strip()
            if bad_rating:
                continue
            try:
                report.full_clean()
                report.save()
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    result.errors.extend(RowError(row_number, field_name, m) for m in messages)
                continue
            result.still_missing.extend(
                RowError(row_number, field_name, message)
                for field_name, error in report.submission_errors().items()
                for message in error.messages
            )
            if is_new:
                result.created += 1
            else:
                result.updated += 1
        if result.errors:
            transaction.set_rollback(True)
            raise ImportFailed(result)
    return result
