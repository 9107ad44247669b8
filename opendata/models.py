"""The archived open-data files of a published period, stored unchanged beside its PDFs."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import ReportingPeriod


class OpenDataFile(models.Model):
    """One version of one open-data file of a period (package zip, spreadsheet, JSON), with
    its SHA-256, written by the publication task beside the PDF. Version 1 is as published;
    an erratum adds the next version, as it does for the PDF."""

    class Kind(models.TextChoices):
        PACKAGE = "zip", _("data package (zip)")
        XLSX = "xlsx", _("spreadsheet (xlsx)")
        ODS = "ods", _("spreadsheet (ods)")
        JSON = "json", _("JSON")

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="open_data_files",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    version = models.PositiveIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to="open-data/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["period", "kind", "version"]
        verbose_name = _("open-data file")
        verbose_name_plural = _("open-data files")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kind", "version"], name="one_open_data_file_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.kind} v{self.version} ({self.sha256[:12]}…)"

    def get_absolute_url(self) -> str:
        return reverse(
            "opendata:file", kwargs={"period": self.period.slug, "filename": self.filename}
        )

    @property
    def filename(self) -> str:
        return f"mip-{self.period.slug}.{self.kind}"

    @classmethod
    def write(
        cls, period: ReportingPeriod, kind: str, version: int, content: bytes, *, written: list
    ) -> OpenDataFile:
        """Store ``content`` and return the unsaved record; ``written`` gets it at once, so a
        failed publication task deletes the file (as it does a PDF's)."""
        item = cls(
            period=period,
            kind=kind,
            version=version,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        name = f"mip-{period.slug}-v{version}.{kind}"
        item.file.save(name, ContentFile(content), save=False)
        written.append(item)
        return item
