"""The archive of what the council received: one PDF per published period, stored unchanged."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import ReportingPeriod, StatusReport


class PublishedDocument(models.Model):
    """One version of the period PDF, or of one programme's PDF (``report`` set), stored
    unchanged with its SHA-256; never regenerated.

    Version 1 is the PDF as published. An erratum never changes it: it issues version 2, 3, …,
    the same monitor with the errata added so far. All versions stay downloadable.
    """

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="published_documents",
    )
    # Empty for the period's PDF; a programme's PDF names the report it was rendered from.
    report = models.ForeignKey(
        StatusReport,
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        related_name="published_documents",
        null=True,
        blank=True,
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
                fields=["period", "version"],
                condition=models.Q(report__isnull=True),
                name="one_published_document_per_version",
            ),
            models.UniqueConstraint(
                fields=["report", "version"],
                condition=models.Q(report__isnull=False),
                name="one_programme_document_per_version",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="published_document_version_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} v{self.version} ({self.sha256[:12]}…)"

    def get_absolute_url(self) -> str:
        if self.report_id:
            return reverse(
                "reports:programme_pdf_version",
                kwargs={
                    "period": self.period.slug,
                    "programme": self.report.programme.slug,
                    "version": self.version,
                },
            )
        return reverse(
            "reports:period_pdf_version",
            kwargs={"period": self.period.slug, "version": self.version},
        )

    @property
    def filename(self) -> str:
        suffix = "" if self.version == 1 else f"-v{self.version}"
        programme = f"-{self.report.programme.slug}" if self.report_id else ""
        return f"mip-{self.period.slug}{programme}{suffix}.pdf"

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
        if cls.objects.filter(period=period, report=None).exists():
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
        if not cls.objects.filter(period=period, report=None).exists():
            cls.archive(period, written=written)  # published before archiving existed: v1 first
        latest = cls.objects.filter(period=period, report=None).aggregate(models.Max("version"))
        return cls._store(period, latest["version__max"] + 1, written)

    @classmethod
    def write(
        cls, period: ReportingPeriod, version: int, content: bytes, report=None, *, written: list
    ) -> PublishedDocument:
        """Store ``content`` as a file and return the unsaved document with its SHA-256;
        ``written`` gets it at once, so a failed caller can delete the file."""
        document = cls(
            period=period,
            report=report,
            version=version,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        document.file.save(document.filename, ContentFile(content), save=False)
        written.append(document)
        return document

    @classmethod
    def next_version(cls, period: ReportingPeriod, report=None) -> int:
        latest = cls.objects.filter(period=period, report=report).aggregate(models.Max("version"))
        return (latest["version__max"] or 0) + 1

    @classmethod
    def _store(
        cls, period: ReportingPeriod, version: int, written: list | None
    ) -> PublishedDocument:
        from . import pdf

        content = pdf.render_period_pdf(period, version=version)
        document = cls.write(period, version, content, written=[] if written is None else written)
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
    def store_programme(cls, period: ReportingPeriod, report, content: bytes) -> PublishedDocument:
        """Archive a programme's PDF of a period published before programme PDFs were archived
        (the publication task archives them now); a concurrent copy wins, ours is dropped."""
        written: list[PublishedDocument] = []
        document = cls.write(period, 1, content, report, written=written)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            document.file.delete(save=False)
            return cls.objects.get(report=report, version=1)
        return document

    @classmethod
    def for_period(cls, period: ReportingPeriod) -> PublishedDocument:
        """The latest archived version; periods published before archiving existed are
        archived now."""
        document = cls.objects.filter(period=period, report=None).order_by("-version").first()
        if document is not None:
            return document
        if period.archive_pending:  # the publication task archives it: never render here
            raise ValidationError(_("The PDF is still being archived."), code="pending")
        try:
            return cls.archive(period)
        except ValidationError as error:
            if error.code != "archived":
                raise
            return cls.objects.filter(period=period, report=None).order_by("-version").first()


class PublicationJob(models.Model):
    """One run of the background archiving (``reports.tasks.archive_documents``): what the
    coordinator's board shows while a publication or an erratum version is being archived."""

    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("publication")
        ERRATUM = "erratum", _("erratum")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the task worker")
        RUNNING = "running", _("archiving")
        RETRYING = "retrying", _("failed, trying again shortly")
        FAILED = "failed", _("failed")
        DONE = "done", _("done")

    ACTIVE = (Status.QUEUED, Status.RUNNING, Status.RETRYING)
    MAX_ATTEMPTS = 3

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="publication_jobs",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PUBLICATION)
    report = models.ForeignKey(  # an erratum's report: its programme PDF gets a new version
        StatusReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    done = models.PositiveIntegerField(_("PDFs archived"), default=0)
    total = models.PositiveIntegerField(_("PDFs to archive"), default=0)
    error = models.TextField(_("error"), blank=True)
    # Files the running attempt has written but not yet recorded: removed if it fails, and by
    # the next attempt when a worker died before it could (see reports.tasks).
    files = models.JSONField(_("files being written"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("publication job")
        verbose_name_plural = _("publication jobs")

    def __str__(self) -> str:
        return f"{self.period} {self.kind} {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def may_retry(self) -> bool:
        """Failed for good, or its worker died mid-render (nobody holds the job's lock)."""
        return self.status == self.Status.FAILED or self.is_stalled

    @property
    def is_stalled(self) -> bool:
        if self.status != self.Status.RUNNING:
            return False
        with job_lock(self.pk) as held:
            return held

    def record(self, status: str, **fields) -> None:
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields, "updated_at"])


@contextmanager
def job_lock(job_id: int):
    """A PostgreSQL session advisory lock on the job, held while a worker archives it.

    PostgreSQL releases it when the worker's connection ends, so a worker killed mid-render
    leaves a RUNNING job whose lock anyone can take: the board offers to try again. Yields
    whether the lock was taken.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [JOB_LOCK_SPACE, job_id])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [JOB_LOCK_SPACE, job_id])


JOB_LOCK_SPACE = 1111  # first key of MIP's advisory locks on publication jobs
