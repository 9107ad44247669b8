"""The coordinator imports a round from a spreadsheet in the browser: upload, preview, confirm.

Everything is decided by ``projects.imports``, the reader and validation ``importreports``
uses too: the preview runs the import and rolls it back, the confirmation runs it again on
the same bytes (kept in the session between the two, capped in size) and keeps it. All rows
or none; each report's history and the audit trail name the import.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
from dataclasses import dataclass, field

import pandas as pd
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

import audit
from mip.htmx import HtmxHttpRequest, page_or_partial

from .imports import (
    ImportFailed,
    ImportResult,
    RowError,
    change_reason,
    import_status_reports,
    preview_status_reports,
    read_table,
)
from .models import Aspect, Programme, ReportingPeriod, StatusReport
from .views import requires

# What the browser keeps between preview and confirmation (in the session, so it stays small):
# a round of a few hundred programmes is a few hundred KB at most.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SESSION_KEY = "projects_import"
TEMPLATE_COLUMNS = [
    "slug",
    *[
        column
        for aspect in Aspect
        for column in (
            str(aspect),
            f"{aspect}_explanation",
            *([f"{aspect}_greener_reason"] if aspect in StatusReport.GREENER_ASPECTS else []),
        )
    ],
    "developments",
    # The figures as the report form has them; an empty cell keeps what is stored.
    "forecast_at_completion",
    "spent_to_date",
    "forecast_end_date",
]
TEMPLATE = "projects/import.html"


class ImportForm(forms.Form):
    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.order_by("-start"),
        label=gettext_lazy("Reporting period"),
        empty_label=None,
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx, .ods or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.ods,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s KB; split it into smaller files.")
                % {"size": MAX_UPLOAD_BYTES // 1024}
            )
        if not upload.name.lower().endswith((".xlsx", ".ods", ".csv")):
            raise forms.ValidationError(_("Choose a .xlsx, .ods or .csv file."))
        return upload


@dataclass
class Preview:
    """What the coordinator sees: the rows, each cell with its problems, and the file's own."""

    filename: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    result: ImportResult | None = None
    token: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(row["errors"] for row in self.rows)


def _column_of(field_name: str) -> str:
    """The sheet's column a model field's error belongs to: ``time_rating`` is column ``time``."""
    return field_name.removesuffix("_rating")


def _marked_rows(frame: pd.DataFrame, errors: list[RowError]) -> list[dict]:
    """Every row of the sheet with its problems per cell; problems of no column on the row."""
    columns = list(frame.columns)
    rows = []
    for index, values in zip(frame.index, frame.itertuples(index=False), strict=True):
        number = int(index) + 2
        own = [error for error in errors if error.row == number]
        cells = [
            {
                "value": value,
                "errors": [e.message for e in own if _column_of(e.field) == column],
            }
            for column, value in zip(columns, values, strict=True)
        ]
        rest = [e for e in own if _column_of(e.field) not in columns]
        rows.append(
            {
                "number": number,
                "cells": cells,
                "row_errors": [f"{e.field}: {e.message}" if e.field else e.message for e in rest],
                "errors": bool(own),
            }
        )
    return rows


def build_preview(data: bytes, filename: str, period: ReportingPeriod) -> Preview:
    """Read and validate the upload as the import will, keeping nothing."""
    preview = Preview(filename=filename, token=hashlib.sha256(data).hexdigest())
    try:
        frame = read_table(data, filename)
    except ImportFailed as failure:
        preview.file_errors = [str(error) for error in failure.result.errors]
        return preview
    result = preview_status_reports(frame, period)
    preview.result = result
    preview.columns = [str(column) for column in frame.columns]
    preview.rows = _marked_rows(frame.astype(object).where(frame.notna(), ""), result.errors)
    # Errors of the file or its header (row 0 or 1) are not on any row of the table.
    preview.file_errors = [str(e) for e in result.errors if e.row < 2]
    return preview


@require_safe
@requires("projects.run_round")
def import_template(request: HttpRequest) -> HttpResponse:
    """The expected columns, one row per programme, as a CSV Excel opens in UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(TEMPLATE_COLUMNS)
    for slug in Programme.objects.order_by("slug").values_list("slug", flat=True):
        writer.writerow([slug, *[""] * (len(TEMPLATE_COLUMNS) - 1)])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mip-import-sjabloon.csv"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@requires("projects.run_round")
def import_round(request: HtmxHttpRequest) -> HttpResponse:
    """Upload and preview; nothing is written until the coordinator confirms."""
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload, period = form.cleaned_data["file"], form.cleaned_data["period"]
        data = upload.read()
        preview = build_preview(data, upload.name, period)
        _keep(request, preview, data, period)
    context = {"form": form, "preview": preview, "max_kb": MAX_UPLOAD_BYTES // 1024}
    if request.method == "POST":
        return render(request, page_or_partial(request, TEMPLATE, "preview"), context)
    return render(request, TEMPLATE, context)


def _keep(request: HttpRequest, preview: Preview, data: bytes, period: ReportingPeriod) -> None:
    """Keep the file for its confirmation; one with problems has none, so it is not kept
    (every request saves the session again: it should not carry a file it never needs)."""
    request.session.pop(SESSION_KEY, None)
    if preview.ok:
        request.session[SESSION_KEY] = {
            "data": base64.b64encode(data).decode("ascii"),
            "name": preview.filename,
            "period": period.pk,
            "token": preview.token,
        }


@require_POST
@requires("projects.run_round")
def confirm_import(request: HttpRequest) -> HttpResponse:
    """Write every row of the previewed file in one transaction, or none; validated again."""
    kept = request.session.get(SESSION_KEY)
    if not kept or request.POST.get("token") != kept["token"]:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("projects:import")
    period = ReportingPeriod.objects.filter(pk=kept["period"]).first()
    data = base64.b64decode(kept["data"])
    if period is None or hashlib.sha256(data).hexdigest() != kept["token"]:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("projects:import")
    reason = change_reason(kept["name"])
    try:
        frame = read_table(data, kept["name"])
        result = import_status_reports(frame, period, reason=reason, user=request.user)
    except ImportFailed as failure:
        preview = build_preview(data, kept["name"], period)
        messages.error(
            request,
            _("Nothing imported: %(count)s problems.") % {"count": len(failure.result.errors)},
        )
        form = ImportForm(initial={"period": period})
        context = {"form": form, "preview": preview, "max_kb": MAX_UPLOAD_BYTES // 1024}
        return render(request, TEMPLATE, context)
    del request.session[SESSION_KEY]
    audit.record(
        audit.Action.IMPORT,
        actor=request.user,
        target=kept["name"],
        request=request,
        period=period.slug,
        created=result.created,
        updated=result.updated,
    )
    messages.success(
        request,
        _("Imported: %(created)s created, %(updated)s updated.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect(f"{reverse('projects:board')}?period={period.slug}")
