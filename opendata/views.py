"""The open-data pages: every published period's files with size and SHA-256, the files
themselves at stable URLs, a programme's history, and the DCAT catalogue for harvesting."""

from __future__ import annotations

import base64
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import condition, require_safe

from projects.models import ReportingPeriod
from reports.files import stored_file_response
from reports.models import PublishedDocument
from reports.prepared import serve_prepared

from . import archive, catalogue, formats, record, schema


def _public_period(slug: str) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod.objects.public(), slug=slug)


def period_listing(period: ReportingPeriod) -> dict:
    """What the page and the catalogue list for one period: PDF versions and open-data files."""
    built = archive.build_files(period)
    stored = archive.archived(period)
    files = []
    for kind in archive.BUILDERS:
        name = f"mip-{period.slug}.{kind}"
        item = stored.get(name) or built[name]
        files.append({"name": name, "kind": kind, "size": item.size, "sha256": item.sha256})
    csvs = [
        {"name": f"{t.name}.csv", "kind": "csv", "title": t.nl, **_facts(built[f"{t.name}.csv"])}
        for t in schema.TABLES
    ]
    documents = PublishedDocument.objects.filter(period=period, report=None).order_by("version")
    return {"period": period, "files": files, "csvs": csvs, "documents": list(documents)}


def _facts(item) -> dict:
    return {"size": item.size, "sha256": item.sha256}


def prepared_paths(period: ReportingPeriod) -> list[str]:
    """The open-data page (every period's files) is prepared again with each period's pages
    (settings.MIP_PREPARED_PAGES): a publication or erratum adds to its list."""
    return [reverse("opendata:index")]


@require_safe
@serve_prepared()
def index(request: HttpRequest) -> HttpResponse:
    periods = ReportingPeriod.objects.public().order_by("-start")
    return render(
        request,
        "opendata/index.html",
        {
            "listings": [period_listing(p) for p in periods],
            "licence": formats.licence(),
            "tables": schema.TABLES,
        },
    )


def _built(period_obj: ReportingPeriod, filename: str) -> tuple[bytes, str]:
    """A file not archived (yet): built from the published record (identical, as every
    format is deterministic)."""
    built = archive.build_files(period_obj).get(filename)
    if built is None:
        raise Http404
    return built.content, built.sha256


def _etag(request: HttpRequest, period: str, filename: str) -> str:
    return request._open_data_file[1]


@condition(etag_func=_etag)
def _built_file(request: HttpRequest, period: str, filename: str) -> HttpResponse:
    content = request._open_data_file[0]
    response = HttpResponse(content, content_type=_media_type(filename))
    response["Content-Disposition"] = content_disposition_header(
        True, _download_name(period, filename)
    )
    return response


def _media_type(filename: str) -> str:
    kind = filename.rsplit(".", 1)[-1]
    media = archive.MEDIA_TYPES[kind]
    return media + "; charset=utf-8" if kind in ("csv", "json") else media


@require_safe
def file(request: HttpRequest, period: str, filename: str) -> HttpResponseBase:
    """One file of the period's open data at its stable URL, with its SHA-256: the latest
    archived version sent as a file (reports/files.py: nginx under `make serve`)."""
    period_obj = _public_period(period)
    stored = archive.archived(period_obj).get(filename)
    if stored is not None:
        sha256 = stored.sha256
        response = stored_file_response(
            request,
            stored.file,
            sha256=sha256,
            filename=_download_name(period, filename),
            content_type=_media_type(filename),
            immutable=False,
            attachment=True,
            stream=False,  # kilobytes: read at once
        )
    else:
        request._open_data_file = _built(period_obj, filename)
        sha256 = request._open_data_file[1]
        response = _built_file(request, period, filename)
    if response.status_code in (200, 206):
        response["X-Content-SHA256"] = sha256
        response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(sha256)).decode()}:"
    return response


def _download_name(period: str, filename: str) -> str:
    return filename if filename.startswith("mip-") else f"mip-{period}-{filename}"


@require_safe
def programme_history(request: HttpRequest, programme: str) -> HttpResponse:
    """A programme's lights and figures over every public period, as one CSV."""
    rows = record.programme_history(programme)
    if not rows:
        raise Http404
    table = schema.Table(
        "geschiedenis",
        "",
        "",
        [schema.Field(name, _history_type(name), "", "") for name in record.HISTORY_COLUMNS],
    )
    response = HttpResponse(formats.table_csv(table, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"mip-{programme}-geschiedenis.csv"
    )
    return response


def _history_type(name: str) -> str:
    figures = {f.name: f.type for f in schema.BY_NAME["cijfers"].fields}
    return figures.get(name, "string")


@require_safe
def catalogue_view(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP-DONL catalogue of every published period, in JSON-LD, for harvesting."""
    periods = ReportingPeriod.objects.public().order_by("start")
    document = catalogue.catalogue(request, [period_listing(p) for p in periods])
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
