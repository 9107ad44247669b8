"""The archive of what the council received: one PDF per published period, stored unchanged."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import ReportingPeriod


class PublishedDocument(models.Model):
    """One version of the period PDF, stored unchanged with its SHA-256; never regenerated.

    Version 1 is the PDF as published. An erratum never changes it: it issues version 2, 3, …,
    the same monitor with the errata added so far. All versions stay downloadable.
    """

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="published_documents",
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("1 is the PDF as published; 2 and on add errata.")
    )
    file = models.FileField(_("file"), upload_to="publications/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["period", "version"]
        verbose_name = _("published document")
        verbose_name_plural = _("published documents")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version"], name="one_published_document_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="published_document_version_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} v{self.version} ({self.sha256[:12]}…)"

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:period_pdf_version",
            kwargs={"period": self.period.slug, "version": self.version},
        )

    @property
    def filename(self) -> str:
        suffix = "" if self.version == 1 else f"-v{self.version}"
        return f"mip-{self.period.slug}{suffix}.pdf"

    @property
    def with_errata(self) -> bool:
        return self.version > 1

    @classmethod
    def archive(cls, period: ReportingPeriod, *, written: list | None = None) -> PublishedDocument:
        """Render the period's PDF once and store it as version 1; a second archive is refused.

        ``written`` collects every document whose file was stored, so a caller whose
        transaction fails can delete the files (see ``reports.publication``).
        """
        if not period.is_published:
            raise ValidationError(_("Only a published period can be archived."), code="unpublished")
        if cls.objects.filter(period=period).exists():
            raise ValidationError(
                _("The PDF of this period has already been archived."), code="archived"
            )
        return cls._store(period, 1, written)

    @classmethod
    def issue_errata_version(
        cls, period: ReportingPeriod, *, written: list | None = None
    ) -> PublishedDocument:
        """Render and store the next version: the monitor with every erratum added so far.

        The one place an errata version is made; called by ``reports.publication.add_erratum``
        inside the erratum's transaction, which holds the period row (so versions are numbered
        one after the other, each with all errata before it).
        """
        if not period.is_published:
            raise ValidationError(_("Only a published period can be archived."), code="unpublished")
        if not cls.objects.filter(period=period).exists():
            cls.archive(period, written=written)  # published before archiving existed: v1 first
        latest = cls.objects.filter(period=period).aggregate(models.Max("version"))
        return cls._store(period, latest["version__max"] + 1, written)

    @classmethod
    def _store(
        cls, period: ReportingPeriod, version: int, written: list | None
    ) -> PublishedDocument:
        from . import pdf

        content = pdf.render_period_pdf(period, version=version)
        document = cls(
            period=period,
            version=version,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        document.file.save(document.filename, ContentFile(content), save=False)
        if written is not None:
            written.append(document)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # Someone stored this version at the same moment: keep theirs, drop our copy.
            document.file.delete(save=False)
            raise ValidationError(
                _("The PDF of this period has already been archived."), code="archived"
            ) from None
        return document

    @classmethod
    def for_period(cls, period: ReportingPeriod) -> PublishedDocument:
        """The latest archived version; periods published before archiving existed are
        archived now."""
        document = cls.objects.filter(period=period).order_by("-version").first()
        if document is not None:
            return document
        try:
            return cls.archive(period)
        except ValidationError as error:
            if error.code != "archived":
                raise
            return cls.objects.filter(period=period).order_by("-version").first()
