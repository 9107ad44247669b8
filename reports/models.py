"""The archive of what the council received: one PDF per published period, stored unchanged."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import ReportingPeriod


class PublishedDocument(models.Model):
    """The period PDF as published, with its SHA-256; written once, never regenerated."""

    period = models.OneToOneField(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="published_document",
    )
    file = models.FileField(_("file"), upload_to="publications/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("published document")
        verbose_name_plural = _("published documents")

    def __str__(self) -> str:
        return f"{self.period} ({self.sha256[:12]}…)"

    @property
    def filename(self) -> str:
        return f"mip-{self.period.slug}.pdf"

    @classmethod
    def archive(cls, period: ReportingPeriod) -> PublishedDocument:
        """Render the period's PDF once and store it; a second archive is refused."""
        from .pdf import render_period_pdf

        if not period.is_published:
            raise ValidationError(_("Only a published period can be archived."), code="unpublished")
        if cls.objects.filter(period=period).exists():
            raise ValidationError(
                _("The PDF of this period has already been archived."), code="archived"
            )
        content = render_period_pdf(period)
        document = cls(period=period, sha256=hashlib.sha256(content).hexdigest(), size=len(content))
        document.file.save(document.filename, ContentFile(content), save=False)
        if hasattr(period, "undo_on_rollback"):  # publishing: no file without its record
            period.undo_on_rollback.append(lambda: document.file.delete(save=False))
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # Someone archived it at the same moment: keep theirs, drop our copy.
            document.file.delete(save=False)
            raise ValidationError(
                _("The PDF of this period has already been archived."), code="archived"
            ) from None
        return document

    @classmethod
    def for_period(cls, period: ReportingPeriod) -> PublishedDocument:
        """The archived PDF; periods published before archiving existed are archived now."""
        document = cls.objects.filter(period=period).first()
        if document is not None:
            return document
        try:
            return cls.archive(period)
        except ValidationError as error:
            if error.code != "archived":
                raise
            return cls.objects.get(period=period)
