"""The Monitor ICT Projecten: programmes, reporting periods and their status reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Sent after a period is published, inside the publishing transaction when there is one; the
# reports app archives the PDF the council receives.
period_published = Signal()


class Rating(models.TextChoices):
    """The three colours of the monitor, from best to worst."""

    GREEN = "green", _("green")
    ORANGE = "orange", _("orange")
    RED = "red", _("red")

    @property
    def meaning(self) -> str:
        return RATING_MEANINGS[self]

    @property
    def severity(self) -> int:
        return list(Rating).index(self)


RATING_MEANINGS = {
    Rating.GREEN: _("No steering needed"),
    Rating.ORANGE: _("Steering still possible"),
    Rating.RED: _("Attention/measures needed"),
}


class Aspect(models.TextChoices):
    """The four rated aspects, in the order the Rotterdam monitor shows them."""

    QUALITY = "quality", _("quality")
    MONEY = "money", _("money")
    TIME = "time", _("time")
    RISK = "risk", _("risks")


class OrganisationUnit(models.Model):
    """A cluster or domain of the municipality that owns programmes."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self) -> str:
        return self.name


class PortfolioHolder(models.Model):
    """The alderman (wethouder) politically responsible for a programme."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    portfolio = models.CharField(_("portfolio"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("portfolio holder")
        verbose_name_plural = _("portfolio holders")

    def __str__(self) -> str:
        return self.name


class ReportingPeriodQuerySet(models.QuerySet):
    def published(self) -> ReportingPeriodQuerySet:
        return self.filter(state=ReportingPeriod.State.PUBLISHED)

    def latest_published(self) -> ReportingPeriod | None:
        return self.published().order_by("-start").first()


class ReportingPeriod(models.Model):
    """One round of the monitor, e.g. "februari t/m mei 2023"; three per year is common."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")

    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. februari t/m mei 2023"))
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))
    deadline = models.DateField(
        _("deadline for reports"), null=True, blank=True, help_text=_("When managers must submit.")
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.OPEN)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What this monitor is and which period it covers."),
    )
    responsibility = models.TextField(_("responsibility"), blank=True)
    inclusion_criteria = models.TextField(_("inclusion criteria"), blank=True)

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

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.label.replace("/", ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:overview", kwargs={"period": self.slug})

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end date must be after the start date.")})

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def publish(self, *, when: datetime.datetime | None = None) -> None:
        """Make the period public. Publication happens once; corrections are errata."""
        if self.is_published:
            raise ValidationError(_("This period has already been published."), code="published")
        self.state = self.State.PUBLISHED
        self.published_at = when or timezone.now()
        self.save(update_fields=["state", "published_at"])
        period_published.send(sender=type(self), period=self)

    def previous(self) -> ReportingPeriod | None:
        return ReportingPeriod.objects.filter(start__lt=self.start).order_by("-start").first()

    def next(self) -> ReportingPeriod | None:
        return ReportingPeriod.objects.filter(start__gt=self.start).order_by("start").first()


class ProgrammeQuerySet(models.QuerySet):
    def in_monitor(self) -> ProgrammeQuerySet:
        return self.filter(in_monitor=True)

    def top_level(self) -> ProgrammeQuerySet:
        return self.filter(parent__isnull=True)


class Programme(models.Model):
    """A monitored undertaking: a programme, a project, or a track (spoor) of a programme."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("programme")
        PROJECT = "project", _("project")
        TRACK = "track", _("track")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PROGRAMME)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tracks",
    )
    goal = models.TextField(_("goal/description"), blank=True)
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    portfolio_holder = models.ForeignKey(
        PortfolioHolder,
        verbose_name=_("portfolio holder"),
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
    )
    sponsor = models.CharField(
        _("sponsor"), max_length=200, blank=True, help_text=_("The ambtelijk opdrachtgever.")
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_programmes",
    )
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("controller"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="controlled_programmes",
    )
    in_monitor = models.BooleanField(
        _("in the monitor"),
        default=True,
        help_text=_("Heavy programmes (classification model) are included in the monitor."),
    )
    monitored_from = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("monitored from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    monitored_until = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("monitored until"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A programme cannot be part of itself.")})
        if self.parent and self.parent.parent_id:
            raise ValidationError({"parent": _("A track cannot have tracks of its own.")})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_track(self) -> bool:
        return self.parent_id is not None

    @property
    def monitor_sort_key(self) -> tuple[str, int, str]:
        """Programmes by name, each followed by its own tracks."""
        head = self.parent.name if self.parent_id else self.name
        return (head.casefold(), int(self.is_track), self.name.casefold())


class StatusReportQuerySet(models.QuerySet):
    def published(self) -> StatusReportQuerySet:
        """Reports the public may read: approved, in a published period."""
        return self.filter(
            period__state=ReportingPeriod.State.PUBLISHED, state=StatusReport.State.APPROVED
        )

    def for_overview(self) -> StatusReportQuerySet:
        return self.select_related(
            "programme__unit", "programme__portfolio_holder", "programme__parent", "period"
        )

    def in_monitor_order(self) -> list[StatusReport]:
        """Reports ordered as the monitor lists them, each with ``previous_report`` attached.

        Tracks follow their programme. The previous period's reports are fetched in one extra
        query, so an overview costs the same number of queries for 5 or 500 programmes.
        """
        reports = sorted(self, key=lambda report: report.programme.monitor_sort_key)
        periods = {report.period_id: report.period for report in reports}
        previous_by_key = {}
        for period in periods.values():
            previous_period = period.previous()
            if previous_period is None:
                continue
            # What the public sees of this period, it sees of the one before; never a draft.
            candidates = self.model.objects.all()
            if period.is_published:
                candidates = candidates.published()
            for previous in candidates.filter(
                period=previous_period, programme__in=[r.programme_id for r in reports]
            ).select_related("period"):
                previous_by_key[(period.pk, previous.programme_id)] = previous
        for report in reports:
            report.previous_report = previous_by_key.get((report.period_id, report.programme_id))
        return reports


@dataclass(frozen=True)
class AspectStatus:
    """One aspect of one report: the light and the words behind it."""

    aspect: Aspect
    rating: Rating | None
    explanation: str

    @property
    def deviates(self) -> bool:
        return self.rating is not None and self.rating != Rating.GREEN


class StatusReport(models.Model):
    """One programme's entry for one reporting period: four lights and the story behind them."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    quality_rating = models.CharField(_("quality"), max_length=10, choices=Rating, blank=True)
    quality_explanation = models.TextField(_("explanation quality"), blank=True)
    money_rating = models.CharField(_("money"), max_length=10, choices=Rating, blank=True)
    money_explanation = models.TextField(_("explanation money"), blank=True)
    time_rating = models.CharField(_("time"), max_length=10, choices=Rating, blank=True)
    time_explanation = models.TextField(_("explanation time"), blank=True)
    risk_rating = models.CharField(_("risks"), max_length=10, choices=Rating, blank=True)
    risk_explanation = models.TextField(_("explanation risks"), blank=True)
    developments = models.TextField(_("developments and outlook"), blank=True)

    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        ordering = ["period", "programme"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "period"], name="one_report_per_programme_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.period}"

    def clean(self) -> None:
        """Every aspect that is not green must be explained: the council reads why."""
        errors = {}
        for status in self.aspects:
            if status.deviates and not status.explanation.strip():
                errors[f"{status.aspect.value}_explanation"] = ValidationError(
                    _("An explanation is required when %(aspect)s is %(rating)s.")
                    % {"aspect": status.aspect.label, "rating": status.rating.label},
                    code="explanation_required",
                )
        if self.state in {self.State.SUBMITTED, self.State.APPROVED}:
            for status in self.aspects:
                if status.rating is None:
                    errors.setdefault(
                        f"{status.aspect.value}_rating",
                        ValidationError(_("Choose a rating."), code="rating_required"),
                    )
        if errors:
            raise ValidationError(errors)

    @property
    def aspects(self) -> list[AspectStatus]:
        return [
            AspectStatus(
                aspect=aspect,
                rating=Rating(value) if (value := getattr(self, f"{aspect}_rating")) else None,
                explanation=getattr(self, f"{aspect}_explanation"),
            )
            for aspect in Aspect
        ]

    def previous(self) -> StatusReport | None:
        """The same programme's report in the most recent earlier period."""
        return (
            StatusReport.objects.filter(
                programme_id=self.programme_id, period__start__lt=self.period.start
            )
            .select_related("period")
            .order_by("-period__start")
            .first()
        )

    # --- Figures and signals (issue 6; the models live in projects/figures.py) ---

    def signal_checks(self) -> list[SignalCheck]:
        """Per aspect with a signal (money, time): the colour the figures suggest vs the chosen."""
        try:
            figures = self.figures
        except ObjectDoesNotExist:
            return []
        return figures.signal_checks(self)

    def signal_mismatches(self) -> list[SignalCheck]:
        """The aspects whose chosen light is greener than the figures suggest."""
        return [check for check in self.signal_checks() if check.is_greener]


# The figures models register with this app through this import; they build on the models above.
from .figures import *  # noqa: E402, F403
from .figures import SignalCheck  # noqa: E402
