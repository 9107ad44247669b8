"""A reporting period: one round of the monitor, from opening to publication."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..choices import Rating
from ..validators import (
    EARLIEST_DATE,
    LATEST_DATE,
    reserved_slugs,
    validate_plausible_date,
    validate_storable_text,
)
from .programme import Programme

if TYPE_CHECKING:  # only for annotations: the reports of a period are reached as self.reports
    from .report import StatusReport


class ReportingPeriodQuerySet(models.QuerySet):
    def published(self) -> ReportingPeriodQuerySet:
        return self.filter(state=ReportingPeriod.State.PUBLISHED)

    def public(self) -> ReportingPeriodQuerySet:
        """Published AND archived: what the council and the public may read. A period is
        frozen at once when published; it becomes public when its PDFs are all archived."""
        return self.published().filter(archive_pending=False)

    def latest_published(self) -> ReportingPeriod | None:
        """The latest period the public may read (see ``public``)."""
        return self.public().order_by("-start").first()


class ReportingPeriod(models.Model):
    """One round of the monitor, e.g. "februari t/m mei 2023"; three per year is common."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")

    label = models.CharField(
        _("label"),
        max_length=100,
        help_text=_("e.g. februari t/m mei 2023"),
        validators=[validate_storable_text],
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    start = models.DateField(_("start date"), validators=[validate_plausible_date])
    end = models.DateField(_("end date"), validators=[validate_plausible_date])
    deadline = models.DateField(
        _("deadline for reports"),
        null=True,
        blank=True,
        help_text=_("When managers must submit."),
        validators=[validate_plausible_date],
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.OPEN)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Frozen but not yet public: the background task is still archiving its PDFs (issue 11).
    archive_pending = models.BooleanField(_("archive pending"), default=False, editable=False)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What this monitor is and which period it covers."),
        validators=[validate_storable_text],
    )
    responsibility = models.TextField(
        _("responsibility"), blank=True, validators=[validate_storable_text]
    )
    inclusion_criteria = models.TextField(
        _("inclusion criteria"), blank=True, validators=[validate_storable_text]
    )
    # The seed's "Inhoud": what the monitor holds per programme.
    contents = models.TextField(
        _("contents"),
        blank=True,
        help_text=_("What the monitor holds per programme; lines starting with • are a list."),
        validators=[validate_storable_text],
    )
    # The seed's "Omschrijving indicatoren" and its three colour definitions: the council reads
    # what each colour means in this period's words, so they are frozen with the other texts.
    indicator_description = models.TextField(
        _("description of the indicators"),
        blank=True,
        help_text=_("How programmes are rated; shown above the colour definitions."),
        validators=[validate_storable_text],
    )
    green_definition = models.TextField(
        _("definition of green"), blank=True, validators=[validate_storable_text]
    )
    orange_definition = models.TextField(
        _("definition of orange"), blank=True, validators=[validate_storable_text]
    )
    red_definition = models.TextField(
        _("definition of red"), blank=True, validators=[validate_storable_text]
    )
    # The seed's legend beside "Situatie vorige rapportage": each colour in a few words.
    green_summary = models.CharField(
        _("green in a few words"), max_length=200, blank=True, validators=[validate_storable_text]
    )
    orange_summary = models.CharField(
        _("orange in a few words"), max_length=200, blank=True, validators=[validate_storable_text]
    )
    red_summary = models.CharField(
        _("red in a few words"), max_length=200, blank=True, validators=[validate_storable_text]
    )
    # Demo data written for the demo, not taken from a real monitor: every page, PDF and export
    # of the period says so (fixtures/demo: "illustrative").
    illustrative = models.BooleanField(
        _("invented for the demo"),
        default=False,
        help_text=_("The whole period (texts, lights) was written for the demo."),
    )
    figures_illustrative = models.BooleanField(
        _("figures invented for the demo"),
        default=False,
        help_text=_("The figures (amounts, dates, risk scores) are illustrative, not reported."),
    )
    figures_note = models.TextField(
        _("note on the figures"),
        blank=True,
        help_text=_(
            "Printed in the colophon and beside the figures, e.g. that the amounts are "
            "illustrative."
        ),
        validators=[validate_storable_text],
    )

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="published_period_has_publication_date",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    # What the council read: once published, these stay as they were.
    PUBLISHED_FIELDS = [
        "label",
        "slug",
        "start",
        "end",
        "published_at",
        "introduction",
        "responsibility",
        "inclusion_criteria",
        "contents",
        "indicator_description",
        "green_definition",
        "orange_definition",
        "red_definition",
        "green_summary",
        "orange_summary",
        "red_summary",
        "illustrative",
        "figures_illustrative",
        "figures_note",
    ]

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self.slug_for(self.label)
        if self._was_published():
            if not self.is_published:
                raise ValidationError(self.UNPUBLISH_MESSAGE, code="published")
            if self._changed_published_fields():
                raise ValidationError(self.UNPUBLISH_MESSAGE, code="published")
        elif self.is_published and self.pk is not None and not getattr(self, "_publishing", False):
            # Only publish() may publish: it checks the reports, records what the council
            # reads and archives the PDF. A state set by hand would skip all of that.
            raise ValidationError(
                _("Publish a period with the coordinator's Publish button."), code="publish"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:overview", kwargs={"period": self.slug})

    UNPUBLISH_MESSAGE = _(
        "A published period stays published: what the council received does not change. "
        "Corrections are errata."
    )

    @staticmethod
    def slug_for(label: str) -> str:
        """The web address a label gives: "februari t/m mei 2023" → februari-tm-mei-2023."""
        return slugify(label.replace("/", ""))

    def clean(self) -> None:
        dates = [self.start, self.end, self.deadline]
        plausible = all(EARLIEST_DATE <= date <= LATEST_DATE for date in dates if date)
        # Implausible dates are refused by the fields' validators; comparing them is moot.
        errors = self._label_errors()
        if plausible and self.start and self.end and self.end <= self.start:
            errors["end"] = ValidationError(_("The end date must be after the start date."))
        elif plausible and not self.is_published:
            errors.update(self._date_errors())
        if errors:
            raise ValidationError(errors)
        if self._was_published():
            changed = [] if not self.is_published else self._changed_published_fields()
            if not self.is_published or changed:
                raise ValidationError(
                    {name: self.UNPUBLISH_MESSAGE for name in changed or ["state"]},
                    code="published",
                )

    def _label_errors(self) -> dict[str, ValidationError]:
        """The label must give a web address of its own: not empty, not the site's, not taken."""
        if not self.label:
            return {}
        given = bool(self.slug)  # typed in the admin; otherwise derived from the label
        slug = self.slug or self.slug_for(self.label)
        field = "slug" if given else "label"
        if not slug:
            message = _(
                "“%(label)s” gives no web address: use at least one letter or digit (a–z, 0–9)."
            )
            return {field: ValidationError(message % {"label": self.label}, code="empty_slug")}
        if slug in reserved_slugs():
            message = _(
                "The web address /%(slug)s/ belongs to the site itself; choose another label."
            )
            return {field: ValidationError(message % {"slug": slug}, code="reserved_slug")}
        if ReportingPeriod.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            return {
                field: ValidationError(
                    _("A period with this name already exists."), code="slug_taken"
                )
            }
        return {}

    def _date_errors(self) -> dict[str, ValidationError]:
        """A round that could not be held as planned, or that reports twice on the same months."""
        errors = {}
        if self.deadline is not None:
            if self._state.adding and self.deadline < timezone.localdate():
                errors["deadline"] = ValidationError(
                    _(
                        "The deadline %(date)s has already passed; managers could not submit "
                        "in time. Choose today or a later date."
                    )
                    % {"date": date_format(self.deadline, "j F Y")},
                    code="deadline_passed",
                )
            elif self.start and self.deadline < self.start:
                errors["deadline"] = ValidationError(
                    _(
                        "The deadline must not be before the period starts: there is nothing to "
                        "report yet."
                    ),
                    code="deadline_before_start",
                )
        if self.start and self.end:
            overlapping = (
                ReportingPeriod.objects.published()
                .filter(start__lte=self.end, end__gte=self.start)
                .exclude(pk=self.pk)
                .order_by("start")
                .first()
            )
            if overlapping is not None:
                errors["start"] = overlap_error(overlapping)
        return errors

    def _changed_published_fields(self) -> list[str]:
        stored = ReportingPeriod.objects.filter(pk=self.pk).values(*self.PUBLISHED_FIELDS).get()
        return [name for name in self.PUBLISHED_FIELDS if stored[name] != getattr(self, name)]

    def _was_published(self) -> bool:
        """Reopening a published period would unfreeze its reports: refused."""
        if self.pk is None:
            return False
        return ReportingPeriod.objects.filter(pk=self.pk, state=self.State.PUBLISHED).exists()

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Published and every PDF archived: the public pages show it."""
        return self.is_published and not self.archive_pending

    @property
    def state_label(self) -> str:
        """The state as the board says it: "being published" until the task has archived every
        PDF and the public can read it, only then "published"."""
        if self.is_published and self.archive_pending:
            return str(_("being published"))
        return str(self.get_state_display())

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def days_to_deadline(self, today: datetime.date | None = None) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - (today or timezone.localdate())).days

    def create_draft_reports(self) -> list[StatusReport]:
        """Open the round: a draft for every programme in the monitor, prefilled from last time.

        Only programmes admitted for this period and not yet left (``admission_refusal``).
        """
        created = []
        programmes = (
            Programme.objects.reportable_in(self)
            .in_monitor()
            .exclude(monitored_from__start__gt=self.start)
            .exclude(monitored_until__start__lt=self.start)
        )
        for programme in programmes:
            if not self.reports.filter(programme=programme).exists():
                try:
                    created.append(self.reports.create_draft(programme, self))
                except ValidationError as error:
                    # It left the monitor while the round was being opened (the departure held
                    # the programme's row): no draft, the rest of the round opens.
                    refused = getattr(error, "error_dict", {}).get("programme", [])
                    if not any(e.code == "not_admitted" for e in refused):
                        raise
        return created

    def close_for_review(self) -> None:
        """Stop the managers' entry: from now on only review, exclusion and publication."""
        if not self.is_open:
            raise ValidationError(_("Only an open period can be closed for review."), code="state")
        self.state = self.State.IN_REVIEW
        self.save(update_fields=["state"])

    def publication_blockers(self) -> list[StatusReport]:
        """Reports that keep the period from being published: neither approved nor excluded."""
        return list(self.reports.blocking_publication().select_related("programme"))

    def freeze_for_publication(self, *, when: datetime.datetime | None = None) -> None:
        """The database half of publication: check, record what the council reads, freeze.

        Every report must be approved or explicitly excluded with a reason, so the council
        never reads a draft and never misses a programme without being told why. Publication
        happens once; corrections are errata. Called by ``reports.publication.publish_period``;
        the period stays ``archive_pending`` (frozen, not public) until its task has archived
        every PDF. On failure the in-memory period is left as it was.
        """
        before = self.state, self.published_at, self.archive_pending
        try:
            self._freeze(when)
        except BaseException:
            self.state, self.published_at, self.archive_pending = before
            raise

    def _freeze(self, when: datetime.datetime | None) -> None:
        with transaction.atomic():
            # FOR UPDATE on the period row alone (``of``: no joined row is locked). Every write
            # to a report of this period first takes FOR SHARE on this row
            # (``lock_periods_for_report_write``), so it either committed before this point,
            # and is published, or waits until publication commits and then reads the period
            # as published and is refused. Programmes and other periods stay writable.
            locked = self._lock_with_overlapping()
            if locked.is_published:
                raise ValidationError(
                    _("This period has already been published."), code="published"
                )
            self._refuse_if_blocked()
            self.reports.record_programmes_as_published()
            self.reports.record_figures_for_publication()
            self.state = self.State.PUBLISHED
            self.published_at = when or timezone.now()
            self.archive_pending = True  # public once reports.tasks has archived every PDF
            self._publishing = True
            try:
                self.save(update_fields=["state", "published_at", "archive_pending"])
            finally:
                self._publishing = False

    def _lock_with_overlapping(self) -> ReportingPeriod:
        """FOR UPDATE this period's row and those of the periods whose stored dates overlap it,
        in id order; refuse if one of those is published. Two overlapping periods published at
        once take the same rows in the same order: the second waits for the first to commit,
        then reads it as published and is refused (issue 19, finding 9)."""
        stored = ReportingPeriod.objects.filter(pk=self.pk)
        rows = list(
            ReportingPeriod.objects.select_for_update(of=("self",))
            .filter(
                models.Q(pk=self.pk)
                | models.Q(
                    start__lte=models.Subquery(stored.values("end")),
                    end__gte=models.Subquery(stored.values("start")),
                )
            )
            .order_by("pk")
        )
        locked = next(row for row in rows if row.pk == self.pk)
        published = [row for row in rows if row.pk != self.pk and row.is_published]
        if published and not locked.is_published:
            raise overlap_error(published[0])
        return locked

    def _refuse_if_blocked(self) -> None:
        blockers = self.publication_blockers()
        if blockers:
            raise ValidationError(
                _(
                    "Every report must be approved or excluded with a reason before "
                    "publication. Not yet: %(programmes)s."
                )
                % {"programmes": ", ".join(r.programme.display_name for r in blockers)},
                code="not_ready",
            )

    def colour_definitions(self) -> list[tuple[Rating, str]]:
        """Each colour with this period's definition, or the short meaning if it has none."""
        return [
            (rating, getattr(self, f"{rating.value}_definition") or rating.meaning)
            for rating in Rating
        ]

    def previous_legend(self) -> list[tuple[Rating, str]]:
        """The legend of the previous report's lights ("Situatie vorige rapportage"): each
        colour in a few words; empty when the period has none."""
        legend = [(rating, getattr(self, f"{rating.value}_summary")) for rating in Rating]
        return legend if any(summary for _rating, summary in legend) else []

    def contents_items(self) -> tuple[str, list[str]]:
        """The "Inhoud" text as its opening line and its list items (lines starting with •)."""
        lines = [line.strip() for line in self.contents.splitlines() if line.strip()]
        items = [line.lstrip("•").strip() for line in lines if line.startswith("•")]
        return " ".join(line for line in lines if not line.startswith("•")), items

    def previous(self) -> ReportingPeriod | None:
        return ReportingPeriod.objects.filter(start__lt=self.start).order_by("-start").first()

    def next(self) -> ReportingPeriod | None:
        return ReportingPeriod.objects.filter(start__gt=self.start).order_by("start").first()


def overlap_error(published: ReportingPeriod) -> ValidationError:
    """Why a period cannot be opened or published beside ``published``: the same months."""
    return ValidationError(
        _(
            "These dates overlap the published period “%(label)s” (%(start)s – "
            "%(end)s): the council would read about the same months twice."
        )
        % {
            "label": published.label,
            "start": date_format(published.start, "j F Y"),
            "end": date_format(published.end, "j F Y"),
        },
        code="overlaps_published",
    )


class FrozenReportError(ValidationError):
    """A report of a published period was about to change; corrections are errata."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This report is part of a published monitor and can no longer be changed. "
                "A correction is added as an erratum."
            ),
            code="frozen",
        )


def lock_periods_for_report_write(period_ids: Iterable[int | None]) -> bool:
    """Share-lock the rows of the periods a report write touches; True if one is published.

    Every write to a report or to what is recorded with it (figures, snapshots) calls this
    inside its transaction before writing. ``publish()`` holds FOR UPDATE on the period row
    until it commits, so a write either commits before publication locks the period (and is
    published) or waits for publication to commit. PostgreSQL then returns the row as
    publication left it (a locking read re-reads the newest version of the locked row; a
    value read through a join would not be), so the state read here is the published one and
    the write is refused. FOR SHARE locks do not conflict with each other: report writes do not
    wait for one another, only for a change of the period itself. The locks are taken in id
    order so two writes touching the same periods cannot deadlock.
    """
    ids = sorted({pk for pk in period_ids if pk is not None})
    if not ids:
        return False
    table = connection.ops.quote_name(ReportingPeriod._meta.db_table)
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""  # SQLite: one writer
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT state FROM {table} WHERE id IN ({placeholders}) ORDER BY id{lock}", ids
        )
        states = {state for (state,) in cursor.fetchall()}
    return ReportingPeriod.State.PUBLISHED in states
