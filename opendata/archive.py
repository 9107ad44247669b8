"""The open-data files built from a period's published record, and archived at publication.

``build_files`` is the one place the files are made: the publication task archives its output
(``archive_at_publication``, named in ``settings.PUBLICATION_ARTEFACTS``), and the views serve
the archived version, or, for a period published before open data was archived, the same
bytes built on request (every format is deterministic: see ``opendata.formats``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Count, Max

from projects.models import Erratum, ReportingPeriod, SignalThresholds

from . import formats, record
from .models import OpenDataFile

BUILDERS = {
    OpenDataFile.Kind.PACKAGE: formats.package_zip,
    OpenDataFile.Kind.XLSX: formats.workbook_xlsx,
    OpenDataFile.Kind.ODS: formats.workbook_ods,
    OpenDataFile.Kind.JSON: formats.period_json,
}
MEDIA_TYPES = {
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json",
    "csv": "text/csv",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Built:
    name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


def build_files(period: ReportingPeriod) -> dict[str, Built]:
    """Every open-data file of the period by file name: the four formats and each CSV.

    Kept in the snapshot cache under the facts it depends on (the period and its errata), so
    the open-data page and repeated downloads do not rebuild them.
    """
    key = f"opendata:{hashlib.sha256(_state(period).encode()).hexdigest()[:32]}"
    cache = caches["snapshots"]
    found = cache.get(key)
    if found is None:
        tables = record.period_tables(period)
        found = {f"mip-{period.slug}.{kind}": build(tables) for kind, build in BUILDERS.items()}
        found.update(formats.csv_files(tables))
        cache.set(key, found, timeout=None)
    return {name: Built(name, content) for name, content in found.items()}


def _state(period: ReportingPeriod) -> str:
    errata = Erratum.objects.filter(report__period=period).aggregate(
        n=Count("pk"), last=Max("created_at")
    )
    # A period published before thresholds were recorded shows those in force (as its page).
    thresholds = SignalThresholds.current().as_record()
    return f"{period.pk}:{period.published_at}:{errata['n']}:{errata['last']}:{thresholds}"


def archive_at_publication(period: ReportingPeriod, *, written: list) -> list[OpenDataFile]:
    """The publication task's hook (``settings.PUBLICATION_ARTEFACTS``): the period's open-data
    files as of now, each as the next version, written to storage and returned unsaved; the
    task saves them with the PDFs in one transaction, or deletes the files if it fails."""
    files = build_files(period)
    archived = []
    for kind in BUILDERS:
        content = files[f"mip-{period.slug}.{kind}"].content
        latest = OpenDataFile.objects.filter(period=period, kind=kind).order_by("-version").first()
        if latest is not None and latest.sha256 == hashlib.sha256(content).hexdigest():
            continue  # unchanged (an erratum job for another period's programme, a retry)
        version = latest.version + 1 if latest else 1
        archived.append(OpenDataFile.write(period, kind, version, content, written=written))
    return archived


def archived(period: ReportingPeriod) -> dict[str, OpenDataFile]:
    """The latest archived version of each kind, by file name."""
    latest = {}
    for item in OpenDataFile.objects.filter(period=period).order_by("kind", "version"):
        latest[item.filename] = item
    return latest
