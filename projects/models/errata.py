"""Errata: visible corrections to a published report, which itself never changes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import validate_storable_text
from .period import ReportingPeriod
from .report import StatusReport


class ErratumQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(ERRATUM_APPEND_ONLY, code="frozen")

    def update(self, **kwargs) -> int:
        raise ValidationError(ERRATUM_APPEND_ONLY, code="frozen")


ERRATUM_NOT_PUBLISHED = _("Errata are for published reports; change the report itself instead.")
ERRATUM_APPEND_ONLY = _(
    "Errata are part of the published record: they are added, never changed or removed. "
    "A correction of an erratum is a new erratum."
)


class Erratum(models.Model):
    """A visible correction to a published report: the report itself never changes."""

    report = models.ForeignKey(
        StatusReport,
        verbose_name=_("status report"),
        on_delete=models.PROTECT,
        related_name="errata",
    )
    text = models.TextField(_("correction"), validators=[validate_storable_text])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    objects = ErratumQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("erratum")
        verbose_name_plural = _("errata")

    def __str__(self) -> str:
        return f"{_('Erratum')} {self.report} ({self.created_at:%Y-%m-%d})"

    def save(self, *args, **kwargs) -> None:
        """Append the erratum; ``reports.publication.add_erratum`` issues the PDF with it.

        FOR UPDATE on the period row (only that row): errata of one period are added one
        after the other, so each PDF version has the next number and every erratum before it.
        """
        if self.pk is not None:  # errata are appended, never rewritten
            raise ValidationError(_("An erratum cannot be changed; add a new one."), code="frozen")
        with transaction.atomic():
            period = (
                ReportingPeriod.objects.select_for_update(of=("self",))
                .filter(reports=self.report_id)
                .get()
            )
            if not period.is_published:
                raise ValidationError(ERRATUM_NOT_PUBLISHED, code="not_published")
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(ERRATUM_APPEND_ONLY, code="frozen")

    def clean(self) -> None:
        if self.report_id and not self.report.period.is_published:
            raise ValidationError(ERRATUM_NOT_PUBLISHED, code="not_published")
        if not self.text.strip():
            raise ValidationError({"text": _("Describe the correction.")}, code="required")
