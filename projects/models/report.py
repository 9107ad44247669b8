"""The Monitor ICT Projecten: programmes, reporting periods and their status reports."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import notifications
from ..calculations import SignalCheck
from ..choices import Aspect, Rating
from ..validators import validate_storable_text
from .admission import admission_facts, admission_refusal
from .figures import (
    ReportFigures,
    SignalThresholds,
    capture_figures,
    carry_figures_forward,
    figure_changes,
    is_loading_history,
)
from .insight import assessment_record
from .period import FrozenReportError, ReportingPeriod, lock_periods_for_report_write
from .programme import (
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    admission_record,
    programme_record,
)
from .timeline import FieldChange, TimelineEntry


class StaleReportError(Exception):
    """Someone else saved the report after this copy was loaded (optimistic locking)."""

    def __init__(self, current: StatusReport) -> None:
        super().__init__(f"Report {current.pk} is at version {current.version}")
        self.current = current


class PublishedPeriodClosedError(ValidationError):
    """A new report for a period that is already published: what the council received is whole."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This period has been published: it takes no new reports. A correction to a "
                "published report is added as an erratum."
            ),
            code="published_period",
        )


class StatusReportQuerySet(models.QuerySet):
    # Bulk updates and deletes skip save(); refuse them too where a published report would change.
    def update(self, **kwargs) -> int:
        with transaction.atomic(using=self.db):
            self._refuse_if_published()
            return super().update(**kwargs)

    def delete(self):
        with transaction.atomic(using=self.db):
            self._refuse_if_published()
            return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db):
            periods = [report.period_id for report in objs]
            if lock_periods_for_report_write(periods) and not is_loading_history():
                raise PublishedPeriodClosedError()
            if not is_loading_history():
                self._refuse_unless_admitted(objs)
            return super().bulk_create(objs, *args, **kwargs)

    @staticmethod
    def _refuse_unless_admitted(reports: list[StatusReport]) -> None:
        """``StatusReport.refuse_unless_admitted`` for many reports: one query per period, so
        an import of thousands of rows asks no more than one of ten."""
        by_period: dict[int, set[int]] = {}
        for report in reports:
            by_period.setdefault(report.period_id, set()).add(report.programme_id)
        for period_id, programme_ids in by_period.items():
            period = ReportingPeriod.objects.get(pk=period_id)
            allowed = set(
                Programme.objects.filter(pk__in=programme_ids)
                .reportable_in(period)
                .values_list("pk", flat=True)
            )
            refused = next((pk for pk in programme_ids if pk not in allowed), None)
            if refused is not None:
                # The per-report rule words the refusal (first period, departure, none at all).
                next(r for r in reports if r.programme_id == refused).refuse_unless_admitted()

    def _refuse_if_published(self) -> None:
        if lock_periods_for_report_write(self.values_list("period_id", flat=True)):
            raise FrozenReportError()

    def for_manager(self, user) -> StatusReportQuerySet:
        """The reports of the programmes ``user`` manages: their worklist."""
        return self.filter(programme__manager=user)

    def open_round(self) -> StatusReportQuerySet:
        """Reports of rounds not yet published: those the workflow still acts on."""
        return self.exclude(period__state=ReportingPeriod.State.PUBLISHED)

    def awaiting_review(self, by=None) -> StatusReportQuerySet:
        """Submitted reports of an open round, not excluded: the review queue.

        With ``by``, that user's queue: the programmes they control, or every programme for a
        coordinator, who stands in for any controller (``projects.run_round``).
        """
        reports = self.open_round().filter(state=StatusReport.State.SUBMITTED, exclusion_reason="")
        if by is not None and not by.has_perm("projects.run_round"):
            reports = reports.filter(programme__controller=by)
        return reports

    def excluded(self) -> StatusReportQuerySet:
        """Reports the coordinator left out of the publication, each with a reason."""
        return self.exclude(exclusion_reason="").exclude(state=StatusReport.State.APPROVED)

    def published(self) -> StatusReportQuerySet:
        """Reports the public may read: approved, in a published period."""
        return self.filter(
            period__state=ReportingPeriod.State.PUBLISHED, state=StatusReport.State.APPROVED
        )

    def without_texts(self) -> StatusReportQuerySet:
        """Without the long texts a list, the board or the overview never shows (issue 24: the
        cold overview read every explanation of 1,000 reports). ``aspects`` leaves a deferred
        explanation empty rather than asking for it row by row."""
        return self.defer(*StatusReport.LIST_DEFERRED)

    def for_board(self) -> StatusReportQuerySet:
        """Only what a row of the completeness board shows: lights, state, exclusion reason and
        the programme with its people's keys (issue 24: the board pages a round of 500 and each
        row's load counts). The report's period comes from the related manager, not a join; the
        people named as acting next are read for the page at once (``load_next_people``)."""
        return self.select_related("programme").only(
            "period",
            "programme",
            "state",
            "exclusion_reason",
            *(f"{aspect}_rating" for aspect in Aspect),
            "programme__name",
            "programme__parent",
            "programme__manager",
            "programme__controller",
        )

    def round_index(self) -> list[tuple[int, str]]:
        """Every report's key and ``round_state`` in ``Programme.monitor_sort_key`` order, from
        one query of small columns a row: the board counts, filters and pages a large round
        from it and loads only the shown page's reports (issue 24). State and order are the
        model's own rules (``StatusReport.round_state_of``, ``Programme.sort_key_of``), applied
        in Python to the plain columns."""
        rows = self.order_by().values_list(
            "pk",
            "state",
            "exclusion_reason",
            "programme__position",
            "programme__name",
            "programme__parent_id",
            "programme__parent__position",
            "programme__parent__name",
        )

        def key(row: tuple) -> tuple:
            *_report, position, name, parent, parent_position, parent_name = row
            if parent is None:
                return Programme.sort_key_of(position, name)
            return Programme.sort_key_of(parent_position, parent_name, (position, name))

        round_state = StatusReport.round_state_of
        return [(row[0], round_state(row[1], row[2])) for row in sorted(rows, key=key)]

    def with_published_slug(self, slug: str) -> StatusReportQuerySet:
        """The report whose programme had this slug as published (found by its key, issue 24);
        a report published before the record existed goes by its programme's slug."""
        recorded = models.Q(programme_at_publication__slug=slug)
        unrecorded = models.Q(programme_at_publication__slug__isnull=True, programme__slug=slug)
        return self.filter(recorded | unrecorded)

    def for_overview(self) -> StatusReportQuerySet:
        return self.select_related(
            "programme__unit", "programme__portfolio_holder", "programme__parent", "period"
        )

    def with_admission(self) -> StatusReportQuerySet:
        """Joined in: the admission of each report's programme and of a track's programme, with
        its first period and scoring, so ``admission_record`` asks nothing per programme."""
        paths = ("admission__first_period", "admission__classification__model")
        return self.select_related(
            *(f"programme__{path}" for path in paths),
            *(f"programme__parent__{path}" for path in paths),
        )

    def create_draft(self, programme: Programme, period: ReportingPeriod) -> StatusReport:
        """Used by ``ReportingPeriod.create_draft_reports`` through ``period.reports``."""
        return StatusReport.draft_for(programme, period)

    def blocking_publication(self) -> StatusReportQuerySet:
        """Reports neither approved nor excluded with a reason: they keep a period unpublished."""
        return self.exclude(state=StatusReport.State.APPROVED).filter(exclusion_reason="")

    def record_programmes_as_published(self) -> None:
        """Copy onto each report everything the published pages show about its programme.

        Excluded reports too: the publication names them, with the reason. Two queries to
        read, one bulk update to write, for any number of programmes.
        """
        reports = list(
            self.with_admission()
            .select_related("programme__unit", "programme__portfolio_holder", "programme__parent")
            .prefetch_related("programme__tracks", "controller_assessments")
            .order_by("pk")
        )
        for report in reports:
            record = programme_record(report.programme)
            if settings.PUBLISH_CONTROLLER_ASSESSMENT:  # issue 22: the council sees both views
                record["controller_assessment"] = assessment_record(report)
            report.programme_at_publication = record
            report.programme_name_at_publication = record["name"]
            report.goal_at_publication = record["goal"]
        StatusReport.objects.bulk_update(
            reports,
            ["programme_at_publication", "programme_name_at_publication", "goal_at_publication"],
            batch_size=500,
        )

    def record_figures_for_publication(self) -> None:
        """Before a period is published: approved reports without figures get them as they
        stand, and every approved report's figures keep the signal thresholds in force.

        Called by ``ReportingPeriod.freeze_for_publication()`` while the period is still
        unpublished, so nothing frozen is written and the archived PDF already includes them.
        """
        approved = self.filter(state=StatusReport.State.APPROVED)
        for report in approved.filter(figures__isnull=True).select_related("programme", "period"):
            capture_figures(report)
        ReportFigures.objects.filter(report__in=approved).update(
            thresholds=SignalThresholds.current().as_record()
        )

    def in_monitor_order(
        self, *, previous: bool = True, previous_texts: bool = True
    ) -> list[StatusReport]:
        """Reports ordered as the monitor lists them, each with ``previous_report`` attached.

        Tracks follow their programme. ``previous_report`` follows ``StatusReport.previous()``:
        the programme's last published report before the period, what the council saw last.
        A subquery picks its id, so one extra query fetches one row per programme: the cost
        stays the same for 5 or 500 programmes and for 2 or 20 earlier periods.
        ``previous=False`` (a list only for names and order) skips that query;
        ``previous_texts=False`` (the overview shows their lights only) leaves their texts and
        programme record unread.
        """
        reports = self
        if previous:
            earlier = (
                self.model.objects.published()
                .filter(
                    programme=OuterRef("programme_id"), period__start__lt=OuterRef("period__start")
                )
                .order_by("-period__start")
                .values("pk")[:1]
            )
            reports = reports.annotate(previous_report_pk=Subquery(earlier))
        reports = sorted(reports.as_published(), key=lambda r: r.programme.monitor_sort_key)
        if not reports or not previous:
            return reports
        wanted = [r.previous_report_pk for r in reports if r.previous_report_pk]
        found = self.model.objects.filter(pk__in=wanted).select_related("period")
        if not previous_texts:
            found = found.defer(*StatusReport.LIST_DEFERRED, "programme_at_publication")
        by_pk = {candidate.pk: candidate for candidate in (found if wanted else [])}
        for report in reports:
            report.previous_report = by_pk.get(report.previous_report_pk)
        return reports

    def as_published(self) -> list[StatusReport]:
        """The reports, each showing its programme's name and goal as published."""
        reports = list(self)
        for report in reports:
            report.show_programme_as_published()
        return reports


@dataclass(frozen=True)
class AspectStatus:
    """One aspect of one report: the light and the words behind it."""

    aspect: Aspect
    rating: Rating | None
    explanation: str
    # Why the light is greener than the figures suggest (money and time only; issue 14).
    greener_reason: str = ""

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
    quality_explanation = models.TextField(
        _("explanation quality"), blank=True, validators=[validate_storable_text]
    )
    money_rating = models.CharField(_("money"), max_length=10, choices=Rating, blank=True)
    money_explanation = models.TextField(
        _("explanation money"), blank=True, validators=[validate_storable_text]
    )
    time_rating = models.CharField(_("time"), max_length=10, choices=Rating, blank=True)
    time_explanation = models.TextField(
        _("explanation time"), blank=True, validators=[validate_storable_text]
    )
    risk_rating = models.CharField(_("risks"), max_length=10, choices=Rating, blank=True)
    risk_explanation = models.TextField(
        _("explanation risks"), blank=True, validators=[validate_storable_text]
    )
    # A light greener than the signal from the figures needs a reason at submission ("onterecht
    # op groen", commissie Elias 2014): the controller and the council read it beside the signal.
    money_greener_reason = models.TextField(
        _("why not orange/red: money"), blank=True, validators=[validate_storable_text]
    )
    time_greener_reason = models.TextField(
        _("why not orange/red: time"), blank=True, validators=[validate_storable_text]
    )
    developments = models.TextField(
        _("developments and outlook"), blank=True, validators=[validate_storable_text]
    )
    # The programme as the council read it: captured when the period is published, so a later
    # rename or a rewritten goal does not change a published page.
    programme_name_at_publication = models.CharField(
        _("programme name at publication"), max_length=200, blank=True, editable=False
    )
    goal_at_publication = models.TextField(_("goal at publication"), blank=True, editable=False)
    # Everything else the published pages show about the programme: see programme_record().
    programme_at_publication = models.JSONField(
        _("programme at publication"), default=dict, blank=True, editable=False
    )

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
    review_comment = models.TextField(
        _("review comment"), blank=True, validators=[validate_storable_text]
    )
    exclusion_reason = models.TextField(
        _("reason for exclusion"),
        blank=True,
        help_text=_("Set by the coordinator to publish without this report; shown to the council."),
        validators=[validate_storable_text],
    )
    prefilled_from = models.ForeignKey(
        "self",
        verbose_name=_("prefilled from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The previous report whose texts this draft started from."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every save; refuses stale edits.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StatusReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # The aspects whose light the figures give a signal for: a greener light needs a reason.
    GREENER_ASPECTS = (Aspect.MONEY, Aspect.TIME)
    # The texts lists, the board and the overview never show (``without_texts``).
    LIST_DEFERRED = (
        *[f"{aspect}_explanation" for aspect in Aspect],
        *[f"{aspect}_greener_reason" for aspect in GREENER_ASPECTS],
        "developments",
        "review_comment",
    )

    # Fields a manager writes, in the form's order; compared for the "someone else changed
    # this" message.
    CONTENT_FIELDS = [
        "quality_rating",
        "quality_explanation",
        "money_rating",
        "money_explanation",
        "money_greener_reason",
        "time_rating",
        "time_explanation",
        "time_greener_reason",
        "risk_rating",
        "risk_explanation",
        "developments",
    ]

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

    def save(self, *args, **kwargs) -> None:
        """Save, refusing changes to published reports and edits based on a stale copy.

        Every save of an existing report compares the version it was loaded with to the stored
        one under a row lock, then raises it by one: the form, the admin, imports and the API
        all pass through here, so none of them can overwrite someone else's work or the
        published record.
        """
        self._refuse_state_change_outside_workflow()
        if self.pk is None or kwargs.get("force_insert"):
            with transaction.atomic():
                # Locks the programme's row: a departure saved meanwhile waits (issue 25).
                self.refuse_unless_admitted(lock=True)
                # A published period takes no new report, from any path (form, import, admin).
                # Only history published before the monitor existed (``loading_history``).
                if lock_periods_for_report_write([self.period_id]) and not is_loading_history():
                    raise PublishedPeriodClosedError()
                super().save(*args, **kwargs)
            return
        with transaction.atomic():
            # The period first, then the report's own row: the order publication takes them in.
            self._refuse_if_published()
            stored = (
                StatusReport.objects.select_for_update(of=("self",))
                .filter(pk=self.pk)
                .values("version")
                .first()
            )
            if stored is not None:
                if stored["version"] != self.version:
                    raise StaleReportError(StatusReport.objects.get(pk=self.pk))
                self.version = stored["version"] + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
            super().save(*args, **kwargs)

    def _refuse_state_change_outside_workflow(self) -> None:
        """A state changes only through a transition (``_transition``): never by setting it.

        The admin, imports and code all save through here, so none of them can approve a
        report without its review. A new report may start in any state (the demo, imports).
        """
        transition_to = self.__dict__.pop("_transition_to", None)
        if self.pk is None or self.state == transition_to:
            return
        stored = StatusReport.objects.filter(pk=self.pk).values("state", "version").first()
        if stored is None or stored["version"] != self.version:
            return  # new, or a stale copy: the version check below refuses it as stale
        if stored["state"] != self.state:
            raise ValidationError(
                {"state": _("A report's state changes only through the workflow.")}, code="state"
            )

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            self._refuse_if_published()
            return super().delete(*args, **kwargs)

    def refuse_unless_admitted(self, *, lock: bool = False) -> None:
        """A new report only for a programme admitted to the monitor and not yet left.

        History published before admissions were recorded (``loading_history``) is exempt.
        ``lock``: inside the write's transaction, hold the programme's row (``admission_refusal``).
        """
        if is_loading_history() or not (self.programme_id and self.period_id):
            return
        refusal = admission_refusal(self.programme, self.period, lock=lock)
        if refusal:
            raise ValidationError({"programme": ValidationError(refusal, code="not_admitted")})

    def _refuse_if_published(self) -> None:
        """Share-lock the period this report is stored in (and is moving to) and refuse if it is
        published: call inside the write's transaction (``lock_periods_for_report_write``)."""
        stored_period = StatusReport.objects.filter(pk=self.pk).values_list("period_id", flat=True)
        if lock_periods_for_report_write([*stored_period, self.period_id]):
            raise FrozenReportError()

    def _stored(self) -> dict | None:
        if self.pk is None:
            return None
        return StatusReport.objects.filter(pk=self.pk).values("version", "period__state").first()

    def _period_is_published(self) -> bool:
        return ReportingPeriod.objects.filter(pk=self.period_id).published().exists()

    @property
    def is_frozen(self) -> bool:
        """True once the period this report was published in is public."""
        stored = self._stored()
        return stored is not None and stored["period__state"] == ReportingPeriod.State.PUBLISHED

    def clean(self) -> None:
        """A draft always saves; a report handed on (submitted, approved) must be complete.

        The form, the admin and the import all pass through here, so the completeness rule of
        ``submission_errors`` holds for every report beyond the manager's desk.
        """
        if self.is_frozen:
            raise FrozenReportError()
        if self._state.adding and self._period_is_published() and not is_loading_history():
            raise PublishedPeriodClosedError()
        if self._state.adding:
            self.refuse_unless_admitted()
        self.clean_content()

    def clean_content(self, checks: list[SignalCheck] | None = None) -> None:
        """The rules on what the report holds, without asking the database about its period.

        ``clean()`` runs it after the period checks; the bulk import runs it on every row in
        memory after checking the period once for the whole file (``projects.imports``).
        """
        if self.state in {self.State.SUBMITTED, self.State.APPROVED}:
            errors = self.submission_errors(checks=checks)
            if errors:
                raise ValidationError(errors)

    def import_errors(self) -> dict[str, ValidationError]:
        """What refuses an imported row, per field: an orange or red light without its
        explanation (issue 21). One rule for ``manage.py importreports`` and the browser
        import: a spreadsheet cannot be asked later what a red light means, so the row is
        refused rather than saved as a draft. The rest of ``submission_errors`` (a missing
        light, a reason for a greener light) is listed after the import, as the form does."""
        return self.explanation_errors()

    def submission_errors(
        self, aspects=None, checks: list[SignalCheck] | None = None
    ) -> dict[str, ValidationError]:
        """What keeps this report from being submitted, per field, in the form's order.

        Four lights chosen, every orange or red light explained, and a reason for every light
        greener than the signal from the figures. Drafts are saved without it; the form lists
        it as a checklist, the inline check per aspect, ``submit()`` and ``clean()`` refuse.
        ``checks`` are signal checks computed from figures not yet stored (the inline check).
        """
        errors = (
            self.rating_errors(aspects)
            | self.explanation_errors(aspects)
            | self.greener_reason_errors(aspects, checks)
        )
        order = {name: index for index, name in enumerate(self.CONTENT_FIELDS)}
        return dict(sorted(errors.items(), key=lambda item: order[item[0]]))

    def rating_errors(self, aspects=None) -> dict[str, ValidationError]:
        """A light missing for submission, per field."""
        return {
            f"{status.aspect.value}_rating": ValidationError(
                _("Choose a rating."), code="rating_required"
            )
            for status in self.aspects
            if status.rating is None and (aspects is None or status.aspect in aspects)
        }

    def explanation_errors(self, aspects=None) -> dict[str, ValidationError]:
        """An orange or red light without its explanation, per field."""
        errors = {}
        for status in self.aspects:
            if aspects is not None and status.aspect not in aspects:
                continue
            if status.deviates and not status.explanation.strip():
                errors[f"{status.aspect.value}_explanation"] = ValidationError(
                    _("An explanation is required when %(aspect)s is %(rating)s.")
                    % {"aspect": status.aspect.label, "rating": status.rating.label},
                    code="explanation_required",
                )
        return errors

    def stored_signal_checks(self) -> list[SignalCheck]:
        """The signal checks from the figures as stored now.

        Read fresh, not through ``self.figures``: its cache would keep a "no figures" seen
        earlier, and the form's entry may have stored new figures since it was loaded.
        """
        figures = ReportFigures.objects.filter(report_id=self.pk).first() if self.pk else None
        return figures.signal_checks(self) if figures else []

    def drop_reasons_that_do_not_apply(self) -> None:
        """A "why not orange/red" reason belongs to a light greener than its signal; where the
        submitted light is not (red, or as its figures suggest), the council must not read a
        reason for a choice that was not made. History keeps what was typed."""
        greener = {check.aspect for check in self.stored_signal_checks() if check.is_greener}
        for aspect in self.GREENER_ASPECTS:
            if aspect not in greener:
                setattr(self, f"{aspect}_greener_reason", "")

    def greener_reason_errors(
        self, aspects=None, checks: list[SignalCheck] | None = None
    ) -> dict[str, ValidationError]:
        """A light greener than its signal without the reason why, per field."""
        if checks is None:
            checks = self.stored_signal_checks()
        errors = {}
        for check in checks:
            if aspects is not None and check.aspect not in aspects:
                continue
            if check.aspect not in self.GREENER_ASPECTS or not check.is_greener:
                continue
            if not getattr(self, f"{check.aspect.value}_greener_reason").strip():
                errors[f"{check.aspect.value}_greener_reason"] = ValidationError(
                    _(
                        "Based on the figures %(aspect)s would be %(suggested)s: say why it is "
                        "%(chosen)s and not %(suggested)s."
                    )
                    % {
                        "aspect": check.aspect.label,
                        "suggested": check.suggested.label,
                        "chosen": check.chosen.label,
                    },
                    code="greener_reason_required",
                )
        return errors

    TIMELINE_FIELDS = [
        "state",
        *CONTENT_FIELDS,
        "review_comment",
        "exclusion_reason",
    ]

    def timeline(self) -> list[TimelineEntry]:
        """Every recorded change, oldest first: who, when, and which fields changed how."""
        records = list(
            self.history.select_related("history_user").order_by("history_date", "history_id")
        )
        entries = []
        previous = None
        for record in records:
            changes = []
            for field_name in self.TIMELINE_FIELDS:
                old = getattr(previous, field_name, "") if previous else ""
                new = getattr(record, field_name)
                if old != new and (previous is not None or new):
                    changes.append(self._field_change(field_name, old, new))
            entries.append(
                TimelineEntry(
                    when=record.history_date,
                    who=record.history_user,
                    created=record.history_type == "+",
                    version=record.version,
                    changes=changes,
                    reason=record.history_change_reason or "",
                )
            )
            previous = record
        return self._with_figure_changes(entries)

    # Figures saved with the form are stored just after the report itself, in one request.
    SAME_SAVE = datetime.timedelta(seconds=60)

    def _with_figure_changes(self, entries: list[TimelineEntry]) -> list[TimelineEntry]:
        """Figure, milestone and risk changes joined to the save they came with, else alone."""
        for when, who, change in figure_changes(self):
            entry = next((e for e in reversed(entries) if e.when <= when), None)
            if entry is not None and entry.who == who and when - entry.when <= self.SAME_SAVE:
                entry.changes.append(change)
            else:
                entries.append(TimelineEntry(when, who, False, None, [change]))
                entries.sort(key=lambda e: e.when)
        return entries

    @property
    def aspects(self) -> list[AspectStatus]:
        """Each aspect's light with its texts; a text left out of the query (``without_texts``)
        is empty here, never fetched row by row."""
        deferred = self.get_deferred_fields()

        def text(name: str) -> str:
            return "" if name in deferred else getattr(self, name, "")

        return [
            AspectStatus(
                aspect=aspect,
                rating=Rating(value) if (value := getattr(self, f"{aspect}_rating")) else None,
                explanation=text(f"{aspect}_explanation"),
                greener_reason=text(f"{aspect}_greener_reason"),
            )
            for aspect in Aspect
        ]

    def admission_facts(self) -> dict | None:
        """Why and since when the programme is in the monitor: as published, else as it stands
        (reports published before admissions were recorded)."""
        record = (self.programme_at_publication or {}).get("admission")
        return admission_facts(record or admission_record(self.programme))

    def show_programme_as_published(self) -> None:
        """Show this report's programme as the council read it, if published: its names, slug,
        kind, goal, sponsor, unit, portfolio holder, the programme it is part of and its tracks.

        Changes only the in-memory programme of this report (each report has its own instance
        from select_related); nothing is saved. ``current_programme_slug`` keeps today's slug,
        so a request for it can be sent to the published URL.
        """
        programme = self.programme
        self.current_programme_slug = programme.slug
        record = self.programme_at_publication
        if not record:
            if self.programme_name_at_publication:  # published before the full record existed
                programme.name = self.programme_name_at_publication
                programme.goal = self.goal_at_publication
            return
        for name in ("name", "short_name", "slug", "kind", "goal", "sponsor"):
            setattr(programme, name, record[name])
        programme.position = record.get("position", 0)  # records before positions: 0
        programme.sponsor_illustrative = record.get("sponsor_illustrative", False)
        programme.unit = OrganisationUnit(**record["unit"])
        holder = record["portfolio_holder"]
        programme.portfolio_holder = PortfolioHolder(**holder) if holder else None
        parent = record["parent"]
        programme.parent = Programme(**parent) if parent else None
        programme.tracks_as_published = [
            Programme(parent_id=programme.pk, kind=Programme.Kind.TRACK, **track)
            for track in record["tracks"]
        ]

    def published_tracks(self) -> list[Programme]:
        """The programme's tracks as the council read them (live for an unpublished report)."""
        tracks = getattr(self.programme, "tracks_as_published", None)
        return list(self.programme.tracks.all()) if tracks is None else tracks

    def tracks_without_own_text(self, reported: set[int]) -> list[Programme]:
        """Tracks with no report of their own (not in ``reported``) whose text the developments
        do not already hold: the only tracks a page lists apart from the text, so none is shown
        twice (a heading in the developments and again as an empty item in a list)."""
        return [
            track
            for track in self.published_tracks()
            if track.pk not in reported and track.goal and track.goal not in self.developments
        ]

    def previous(self) -> StatusReport | None:
        """The same programme's last published report before this period: "the previous MIP".

        Excluded and unpublished reports are skipped: the council never saw them, so they are
        neither the lights to compare with nor the texts to start from.
        """
        return (
            StatusReport.objects.published()
            .filter(programme_id=self.programme_id, period__start__lt=self.period.start)
            .select_related("period")
            .order_by("-period__start")
            .first()
        )

    # --- Workflow -----------------------------------------------------------------------------

    @classmethod
    def draft_for(cls, programme: Programme, period: ReportingPeriod) -> StatusReport:
        """A new draft, its texts copied from the programme's previous report (marked as such)."""
        report = cls(programme=programme, period=period)
        report.refuse_unless_admitted()
        previous = report.previous()
        if previous is not None:
            for aspect in Aspect:
                setattr(report, f"{aspect}_explanation", getattr(previous, f"{aspect}_explanation"))
            report.developments = previous.developments
            report.prefilled_from = previous
        report.save()
        if previous is not None:
            carry_figures_forward(report, previous)
        return report

    @property
    def is_editable(self) -> bool:
        """Managers write while the period is open; once closed, only to fix a returned report."""
        if self.is_excluded:
            return False
        if self.period.is_open:
            return self.state in {self.State.DRAFT, self.State.RETURNED}
        return self.period.state == ReportingPeriod.State.IN_REVIEW and (
            self.state == self.State.RETURNED
        )

    @property
    def is_reviewable(self) -> bool:
        return (
            not self.period.is_published
            and self.state == self.State.SUBMITTED
            and not self.is_excluded
        )

    @staticmethod
    def round_state_of(state: str, exclusion_reason: str) -> str:
        """What the completeness board shows, counts and filters on: "excluded" for a report
        left out of the publication (an approved one stays approved), else its state."""
        if exclusion_reason and state != StatusReport.State.APPROVED:
            return "excluded"
        return state

    @property
    def round_state(self) -> str:
        return self.round_state_of(self.state, self.exclusion_reason)

    @property
    def is_excluded(self) -> bool:
        return self.round_state == "excluded"

    @property
    def is_returned(self) -> bool:
        return self.state == self.State.RETURNED

    @staticmethod
    def blocks_publication(round_state: str) -> bool:
        """A report in this ``round_state`` keeps its period unpublished: neither approved nor
        excluded (``blocking_publication`` in SQL). The board counts its blockers from the
        states it already has."""
        return round_state not in {StatusReport.State.APPROVED, "excluded"}

    @property
    def is_outstanding(self) -> bool:
        """Neither approved nor excluded in a round not yet published: the round waits for it."""
        return not self.period.is_published and self.blocks_publication(self.round_state)

    @property
    def next_person_role(self) -> str | None:
        """The programme's field naming who acts next: "manager" (a draft, a returned report)
        or "controller" (submitted); None when nobody named acts (the coordinator, or no one)."""
        if not self.next_actor:
            return None
        return {
            self.State.DRAFT: "manager",
            self.State.RETURNED: "manager",
            self.State.SUBMITTED: "controller",
        }.get(self.state)

    @property
    def next_person(self):
        """Who acts next by name, for the board: the manager, or the controller once submitted."""
        role = self.next_person_role
        return getattr(self.programme, role) if role else None

    @staticmethod
    def load_next_people(reports: Iterable[StatusReport]) -> None:
        """Read the people these reports name as acting next in one query, only those, each
        once, and set them on the programmes, so ``next_person`` asks nothing more: a page of
        the board names a few dozen people, a published round's page none (issue 24)."""
        named = [(r.programme, role) for r in reports if (role := r.next_person_role)]
        keys = {getattr(programme, f"{role}_id") for programme, role in named} - {None}
        if not keys:
            return
        users = get_user_model()._default_manager.only("first_name", "last_name", "username")
        people = users.in_bulk(keys)
        for programme, role in named:
            if (key := getattr(programme, f"{role}_id")) in people:
                setattr(programme, role, people[key])

    @property
    def next_actor(self) -> str:
        """Who must act next in the round, for the completeness board."""
        if self.period.is_published:
            return ""
        if self.is_excluded:
            return ""
        return {
            self.State.DRAFT: _("programme manager"),
            self.State.RETURNED: _("programme manager"),
            self.State.SUBMITTED: _("controller"),
            self.State.APPROVED: _("coordinator"),
        }[self.state]

    def _transition(self, by, allowed: set[str], target: str, message) -> None:
        if self.state not in allowed or self.period.is_published:
            raise ValidationError(message, code="state")
        self.state = target
        self._transition_to = target  # the one state change save() lets through
        self._history_user = by

    def submit(self, by) -> None:
        """Hand the report to the controller; refused while ``submission_errors`` names anything."""
        if not self.is_editable:
            raise ValidationError(_("The period is closed for entry."), code="state")
        self._transition(
            by,
            {self.State.DRAFT, self.State.RETURNED},
            self.State.SUBMITTED,
            _("Only a draft or returned report can be submitted."),
        )
        self.full_clean()
        self.drop_reasons_that_do_not_apply()
        self.submitted_at, self.submitted_by = timezone.now(), by
        self.save()
        notifications.report_submitted(self)

    def approve(self, by, comment: str = "") -> None:
        """Approve for publication; an optional comment is kept and sent to the manager."""
        if self.is_excluded:
            raise ValidationError(
                _("This report is excluded from the publication; readmit it first."), code="state"
            )
        self._review(
            by, comment, self.State.APPROVED, _("Only a submitted report can be approved.")
        )

    def return_to_manager(self, by, comment: str) -> None:
        """Send the report back; the comment tells the manager what to fix."""
        if not comment.strip():
            raise ValidationError(
                {"review_comment": _("Say what must change when returning a report.")},
                code="comment_required",
            )
        self._review(
            by, comment, self.State.RETURNED, _("Only a submitted report can be returned.")
        )

    def _review(self, by, comment: str, target: str, refusal: str) -> None:
        """A submitted report to ``target``, with who reviewed, when and what they said."""
        self._transition(by, {self.State.SUBMITTED}, target, refusal)
        self._record_review(by, comment)

    def _record_review(self, by, comment: str) -> None:
        """Who reviewed, when, and what they said; the manager hears of it."""
        self.reviewed_at, self.reviewed_by, self.review_comment = (
            timezone.now(),
            by,
            comment.strip(),
        )
        self.save()
        notifications.report_reviewed(self)

    def exclude_from_publication(self, by, reason: str) -> None:
        """Publish the period without this report; the reason is printed in its place."""
        if not reason.strip():
            raise ValidationError(
                {"exclusion_reason": _("Give the reason the council will read.")},
                code="reason_required",
            )
        if self.state == self.State.APPROVED:
            raise ValidationError(_("An approved report is published, not excluded."), code="state")
        try:
            validate_storable_text(reason)
        except ValidationError as error:  # save() does not run the field validators
            raise ValidationError({"exclusion_reason": error.error_list}) from None
        self.exclusion_reason = reason.strip()
        self._history_user = by
        self.save()

    def readmit(self, by) -> None:
        """Undo an exclusion: the report takes part in the round again, in its current state."""
        if self.period.is_published:
            raise FrozenReportError()
        self.exclusion_reason = ""
        self._history_user = by
        self.save()

    def changes_since(self, version: int) -> list[FieldChange]:
        """What others changed after the given version was loaded: for the stale-save message."""
        base = self.history.filter(version=version).order_by("-history_date").first()
        changes = []
        for field_name in self.CONTENT_FIELDS:
            old = getattr(base, field_name, "") if base else ""
            new = getattr(self, field_name)
            if old != new:
                changes.append(self._field_change(field_name, old, new))
        return changes

    def _field_change(self, field_name: str, old: str, new: str) -> FieldChange:
        """A change as people read it: the field's label, and "Rood" rather than "red"."""
        field = self._meta.get_field(field_name)
        if field.choices:
            labels = dict(field.flatchoices)
            old, new = labels.get(old, old), labels.get(new, new)
        return FieldChange(field.verbose_name, old, new)

    # --- Figures and signals (issue 6; the models live in projects/models/figures.py) ---

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
