"""Time, money and risk in figures, and the signals that check the lights against them.

Two layers, so that a published period keeps showing the figures as they were:

* **Programme level: the frame and the registers, as they are now.** ``BaselineDecision`` rows
  form the history of the frame (*kaders*): the original baseline (budget and/or end date, with
  who decided, when, and the reference) and every later re-baseline (*herijking*).
  ``Milestone`` and ``Risk`` are the programme's current milestone plan and risk register. These
  rows change whenever someone updates them.
* **Report level: what one status report recorded in its period.** ``ReportFigures`` (one per
  report) holds what the manager enters with the lights (forecast at completion, spent to date,
  forecast end date) plus a copy of the frame (original and latest budget and end date, and the
  decision history as JSON). ``MilestoneSnapshot`` and ``RiskSnapshot`` rows copy each milestone
  and risk as it stood. ``capture_figures(report)`` takes that copy: the report form is to call
  it on every save (so the review shows what was submitted), publication calls it for approved
  reports that have none yet, and once the period is published the copy is never rewritten.
  Pages of a period only ever read the copy.

Copies in rows rather than one JSON blob: the admin shows them as inlines, the risk grid and
milestone tables are plain querysets, and a snapshot row keeps a nullable link to its source
row so the form can pre-fill the next period. The decision history is small and read-only, so
it is stored as JSON.

Signals (``SignalThresholds`` plus the pure functions of ``projects/calculations.py``) derive a
suggested colour for money (forecast against budget) and time (forecast end date against
baseline end date). Both are measured against the original baseline and the latest re-baseline,
and both are shown: after a re-baseline the comparison with the latest frame starts again at
zero, but the cumulative change since the original stays visible (commissie Elias, 2014). A
signal never changes a light; the manager's choice stands, and a greener light than the signal
asks for an explanation.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..calculations import (
    ONE_DECIMAL,
    AspectSignal,
    SignalCheck,
    measure_money,
    measure_time,
    months_between,
    score_level,
    signal_checks,
)
from ..choices import Aspect
from ..validators import validate_plausible_amount, validate_plausible_date
from .period import FrozenReportError, ReportingPeriod, lock_periods_for_report_write
from .programme import Programme
from .timeline import FieldChange, readable_value

if TYPE_CHECKING:  # annotations only: report.py imports this module, not the other way
    from .report import StatusReport

MONEY = {"max_digits": 14, "decimal_places": 2}


# --- Settings: thresholds a coordinator sets ---------------------------------------------------


class SignalThresholds(models.Model):
    """The thresholds for the signals; one row, edited by the coordinator in the admin."""

    money_orange_percent = models.DecimalField(
        _("money orange from (%)"), max_digits=5, decimal_places=1, default=Decimal(5)
    )
    money_red_percent = models.DecimalField(
        _("money red from (%)"), max_digits=5, decimal_places=1, default=Decimal(10)
    )
    time_orange_months = models.DecimalField(
        _("time orange from (months)"), max_digits=4, decimal_places=1, default=Decimal(1)
    )
    time_red_months = models.DecimalField(
        _("time red from (months)"), max_digits=4, decimal_places=1, default=Decimal(3)
    )

    class Meta:
        verbose_name = _("signal thresholds")
        verbose_name_plural = _("signal thresholds")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="signal_thresholds_singleton"),
            models.CheckConstraint(
                condition=Q(money_orange_percent__gte=0)
                & Q(money_red_percent__gte=models.F("money_orange_percent"))
                & Q(time_orange_months__gte=0)
                & Q(time_red_months__gte=models.F("time_orange_months")),
                name="signal_thresholds_orange_before_red",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Signal thresholds"))

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.money_red_percent < self.money_orange_percent:
            errors["money_red_percent"] = _("Red cannot start below orange.")
        if self.time_red_months < self.time_orange_months:
            errors["time_red_months"] = _("Red cannot start below orange.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def current(cls) -> SignalThresholds:
        """The stored thresholds, or the defaults (5 %/10 %, 1/3 months) when none are saved."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    VALUES = ["money_orange_percent", "money_red_percent", "time_orange_months", "time_red_months"]

    def as_record(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in self.VALUES}

    @classmethod
    def from_record(cls, record: dict[str, str]) -> SignalThresholds:
        """Thresholds as they were recorded (unsaved), e.g. at a period's publication."""
        return cls(**{name: Decimal(record[name]) for name in cls.VALUES})


# --- Programme level: the frame and the registers, as they are now -----------------------------


REBASELINE_REASONS = [
    ("scope", _("scope change")),
    ("council", _("council decision")),
    ("underestimate", _("under-estimate")),
    ("supplier", _("supplier")),
    ("legislation", _("legislation")),
    ("other", _("other")),
]


class BaselineDecision(models.Model):
    """A decision that sets the frame: the original baseline or a re-baseline (*herijking*).

    A decision may set the budget, the end date, or both; a field left empty keeps the value of
    the decision before it. Budgets are totals, not increments.
    """

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("original baseline")
        REBASELINE = "rebaseline", _("re-baseline")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="baseline_decisions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REBASELINE)
    decided_on = models.DateField(_("decided on"), validators=[validate_plausible_date])
    decided_by = models.CharField(
        _("decided by"), max_length=200, help_text=_("e.g. gemeenteraad, college van B&W")
    )
    reference = models.CharField(
        _("reference"), max_length=200, blank=True, help_text=_("e.g. the council decision number")
    )
    budget = models.DecimalField(
        _("budget (€)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), validate_plausible_amount],
        help_text=_("The total approved budget after this decision; empty if unchanged."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("The approved end date after this decision; empty if unchanged."),
    )
    note = models.TextField(_("note"), blank=True)
    # Why the frame was re-set (issue 22), beside the free text; see RebaselineReason.
    reason_category = models.CharField(
        _("reason category"), max_length=20, choices=REBASELINE_REASONS, blank=True
    )

    class Meta:
        ordering = ["programme", "decided_on", "pk"]
        verbose_name = _("baseline decision")
        verbose_name_plural = _("baseline decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(kind="original"),
                name="one_original_baseline_per_programme",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=False) | Q(end_date__isnull=False),
                name="baseline_decision_sets_budget_or_end_date",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="baseline_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on:%d-%m-%Y} ({self.decided_by})"

    def clean(self) -> None:
        if self.budget is None and self.end_date is None:
            raise ValidationError(_("A decision sets a budget, an end date, or both."))

    def as_record(self) -> dict:
        return {
            "kind": self.kind,
            "decided_on": self.decided_on.isoformat(),
            "decided_by": self.decided_by,
            "reference": self.reference,
            "budget": None if self.budget is None else str(self.budget),
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "note": self.note,
            "reason_category": self.reason_category,
        }


class MilestoneFields(models.Model):
    """The fields a milestone and its snapshot share."""

    name = models.CharField(_("name"), max_length=200)
    baseline_date = models.DateField(_("baseline date"), validators=[validate_plausible_date])
    forecast_date = models.DateField(
        _("forecast date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    actual_date = models.DateField(
        _("actual date"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("When it was achieved."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def expected_date(self) -> dt.date:
        return self.actual_date or self.forecast_date or self.baseline_date

    @property
    def slippage_months(self) -> Decimal:
        """Months late (negative: early) of the actual, else forecast, against the baseline."""
        return months_between(self.baseline_date, self.expected_date)

    @property
    def status(self) -> str:
        """``achieved``, ``achieved_late``, ``late`` (forecast after baseline) or ``on_track``."""
        late = self.expected_date > self.baseline_date
        if self.actual_date:
            return "achieved_late" if late else "achieved"
        return "late" if late else "on_track"

    @property
    def status_label(self) -> str:
        return MILESTONE_STATUS_LABELS[self.status]


MILESTONE_STATUS_LABELS = {
    "achieved": _("achieved"),
    "achieved_late": _("achieved late"),
    "late": _("expected late"),
    "on_track": _("on schedule"),
}


class Milestone(MilestoneFields):
    """A milestone (*mijlpaal*): the baseline date is the frame, the forecast moves."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="milestones"
    )
    # Who changed which date when: the report's timeline shows it (issue 9).
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "baseline_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def clean(self) -> None:
        # An achieved milestone is a fact; a date still to come is a forecast.
        if self.actual_date and self.actual_date > timezone.localdate():
            raise ValidationError(
                {"actual_date": _("This date is in the future; put it under forecast.")},
                code="future",
            )


class Likelihood(models.IntegerChoices):
    VERY_LOW = 1, _("1 – very unlikely")
    LOW = 2, _("2 – unlikely")
    MEDIUM = 3, _("3 – possible")
    HIGH = 4, _("4 – likely")
    VERY_HIGH = 5, _("5 – almost certain")


class Impact(models.IntegerChoices):
    VERY_LOW = 1, _("1 – very small")
    LOW = 2, _("2 – small")
    MEDIUM = 3, _("3 – moderate")
    HIGH = 4, _("4 – large")
    VERY_HIGH = 5, _("5 – very large")


class RiskState(models.TextChoices):
    OPEN = "open", _("open")
    MITIGATING = "mitigating", _("measures in progress")
    CLOSED = "closed", _("closed")


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class RiskFields(models.Model):
    """The fields a risk and its snapshot share."""

    title = models.CharField(_("risk"), max_length=300)
    cause = models.TextField(_("cause"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=Likelihood, validators=SCORE_VALIDATORS
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=Impact, validators=SCORE_VALIDATORS
    )
    measure = models.TextField(_("measure"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=RiskState, default=RiskState.OPEN)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """``"high"`` (15–25), ``"medium"`` (6–12) or ``"low"`` (1–5), as in the grid."""
        return score_level(self.score)


class Risk(RiskFields):
    """An entry in the programme's risk register (*risicolog*)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="risks"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "-likelihood", "-impact", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risk register")
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scores_one_to_five",
            ),
        ]


# --- Report level: the figures as they stood in the period -------------------------------------

_loading_history = contextvars.ContextVar("loading_history", default=False)


@contextmanager
def loading_history() -> Iterator[None]:
    """Allow writing reports and figures of published periods: for demo data and history.

    Everything else (the form, the admin, code) is refused by ``FrozenFiguresMixin``, so the
    figures the council read stay as they were at publication.
    """
    token = _loading_history.set(True)
    try:
        yield
    finally:
        _loading_history.reset(token)


def is_loading_history() -> bool:
    """Inside ``loading_history()``: reports and figures of published periods may be written."""
    return _loading_history.get()


def _refuse_published(report_ids) -> None:
    """Share-lock the reports' periods and refuse if one is published: call in a transaction,
    before writing, so the write serialises with publication (see
    ``lock_periods_for_report_write``)."""
    if _loading_history.get():
        return
    periods = ReportingPeriod.objects.filter(reports__in=report_ids).values_list("pk", flat=True)
    if lock_periods_for_report_write(periods):
        raise FrozenReportError()


class FrozenFiguresQuerySet(models.QuerySet):
    """Bulk updates and deletes skip ``save()``; they are refused for published reports too."""

    def update(self, **kwargs) -> int:
        with transaction.atomic(using=self.db):
            _refuse_published(self.values("report_id"))
            return super().update(**kwargs)

    def delete(self):
        with transaction.atomic(using=self.db):
            _refuse_published(self.values("report_id"))
            return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db):
            _refuse_published({obj.report_id for obj in objs})
            return super().bulk_create(objs, *args, **kwargs)


class FrozenFiguresMixin(models.Model):
    """Figures recorded in a report are frozen with it once its period is published."""

    objects = FrozenFiguresQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            _refuse_published([self.report_id])
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            _refuse_published([self.report_id])
            return super().delete(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        _refuse_published([self.report_id])


@dataclass(frozen=True)
class DecisionRecord:
    """A frame decision as copied into a report, with the change it made to the budget."""

    kind: str
    decided_on: dt.date
    decided_by: str
    reference: str
    budget: Decimal | None
    end_date: dt.date | None
    note: str
    budget_change: Decimal | None = None

    @property
    def is_original(self) -> bool:
        return self.kind == BaselineDecision.Kind.ORIGINAL

    @property
    def kind_label(self) -> str:
        return BaselineDecision.Kind(self.kind).label


@dataclass(frozen=True)
class Frame:
    """The frame (*kaders*) at one moment: original and current budget and end date."""

    original_budget: Decimal | None = None
    current_budget: Decimal | None = None
    original_end_date: dt.date | None = None
    current_end_date: dt.date | None = None
    decisions: list[dict] = field(default_factory=list)


def frame_of(programme: Programme) -> Frame:
    """The programme's frame now, from its decisions (the original first, then by date)."""
    decisions = sorted(
        programme.baseline_decisions.all(),
        key=lambda d: (d.kind != BaselineDecision.Kind.ORIGINAL, d.decided_on, d.pk),
    )
    budgets = [d.budget for d in decisions if d.budget is not None]
    end_dates = [d.end_date for d in decisions if d.end_date is not None]
    return Frame(
        original_budget=budgets[0] if budgets else None,
        current_budget=budgets[-1] if budgets else None,
        original_end_date=end_dates[0] if end_dates else None,
        current_end_date=end_dates[-1] if end_dates else None,
        decisions=[d.as_record() for d in decisions],
    )


class ReportFigures(FrozenFiguresMixin, models.Model):
    """The money and time figures of one status report, as they stood in its period.

    The manager enters the forecasts and the amount spent on the report form; the frame fields
    are copied from the programme's decisions by ``capture_figures``.
    """

    report = models.OneToOneField(
        "projects.StatusReport",
        verbose_name=_("status report"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    forecast_at_completion = models.DecimalField(
        _("forecast at completion (€)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), validate_plausible_amount],
        help_text=_("The expected total cost when the programme is finished."),
    )
    spent_to_date = models.DecimalField(
        _("spent to date (€)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), validate_plausible_amount],
    )
    forecast_end_date = models.DateField(
        _("forecast end date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    # Copied from the frame when captured.
    original_budget = models.DecimalField(_("original budget (€)"), **MONEY, null=True, blank=True)
    current_budget = models.DecimalField(_("current budget (€)"), **MONEY, null=True, blank=True)
    original_end_date = models.DateField(_("original end date"), null=True, blank=True)
    current_end_date = models.DateField(_("current end date"), null=True, blank=True)
    decisions = models.JSONField(_("baseline decisions"), default=list, blank=True)
    # The coordinator may move the thresholds later; a published signal keeps its own.
    thresholds = models.JSONField(
        _("signal thresholds at publication"), default=dict, blank=True, editable=False
    )
    captured_at = models.DateTimeField(_("captured at"), null=True, blank=True)
    # What the manager entered, per save; the frame is the programme's decisions' business.
    history = HistoricalRecords(
        excluded_fields=[
            "original_budget",
            "current_budget",
            "original_end_date",
            "current_end_date",
            "decisions",
            "thresholds",
            "captured_at",
        ]
    )

    class Meta:
        verbose_name = _("figures")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return str(_("Figures of %(report)s") % {"report": self.report})

    def clean(self) -> None:
        """Spent to date above the forecast at completion needs a reason under money.

        Spending more than the total expected cost is either a typo or a forecast that is out
        of date; both mislead the council. The simplest honest rule: refuse it unless the money
        explanation (entered with the same report) says why, e.g. a forecast awaiting a
        council decision. The report form validates the lights first and shares its report
        object, so the explanation being typed counts; the admin and imports see the stored one.
        """
        super().clean()
        self.clean_amounts()

    def clean_amounts(self) -> None:
        """The rule of ``clean()`` without the frozen-period check: the bulk import runs it on
        every row in memory, having checked the period once for the whole file."""
        if (
            self.spent_to_date is not None
            and self.forecast_at_completion is not None
            and self.spent_to_date > self.forecast_at_completion
            # the report in hand (a new one imported has no key yet), else the stored one
            and (self.report_id is not None or ReportFigures.report.is_cached(self))
            and not self.report.money_explanation.strip()
        ):
            raise ValidationError(
                {
                    "spent_to_date": _(
                        "Spent to date is higher than the forecast at completion; raise the "
                        "forecast or explain it under money."
                    )
                },
                code="spent_over_forecast",
            )

    def apply_frame(self, frame: Frame) -> None:
        self.original_budget = frame.original_budget
        self.current_budget = frame.current_budget
        self.original_end_date = frame.original_end_date
        self.current_end_date = frame.current_end_date
        self.decisions = frame.decisions

    @property
    def has_money(self) -> bool:
        return self.current_budget is not None or self.forecast_at_completion is not None

    @property
    def has_time(self) -> bool:
        return self.current_end_date is not None or self.forecast_end_date is not None

    @property
    def decision_history(self) -> list[DecisionRecord]:
        records, budget_before = [], None
        for item in self.decisions:
            budget = Decimal(item["budget"]) if item.get("budget") is not None else None
            change = None if budget is None or budget_before is None else budget - budget_before
            records.append(
                DecisionRecord(
                    kind=item["kind"],
                    decided_on=dt.date.fromisoformat(item["decided_on"]),
                    decided_by=item.get("decided_by", ""),
                    reference=item.get("reference", ""),
                    budget=budget,
                    end_date=dt.date.fromisoformat(item["end_date"])
                    if item.get("end_date")
                    else None,
                    note=item.get("note", ""),
                    budget_change=change,
                )
            )
            if budget is not None:
                budget_before = budget
        return records

    @property
    def rebaselines(self) -> list[DecisionRecord]:
        return [d for d in self.decision_history if not d.is_original]

    @property
    def original_decision(self) -> DecisionRecord | None:
        return next((d for d in self.decision_history if d.is_original), None)

    @property
    def spent_percent(self) -> Decimal | None:
        if self.spent_to_date is None or not self.current_budget:
            return None
        return (self.spent_to_date * 100 / self.current_budget).quantize(
            ONE_DECIMAL, rounding=ROUND_DOWN
        )

    def money_signal(self, thresholds: SignalThresholds) -> AspectSignal:
        return AspectSignal(
            Aspect.MONEY,
            original=measure_money(self.original_budget, self.forecast_at_completion, thresholds),
            current=measure_money(self.current_budget, self.forecast_at_completion, thresholds),
            rebaselined=self.current_budget != self.original_budget,
        )

    def time_signal(self, thresholds: SignalThresholds) -> AspectSignal:
        return AspectSignal(
            Aspect.TIME,
            original=measure_time(self.original_end_date, self.forecast_end_date, thresholds),
            current=measure_time(self.current_end_date, self.forecast_end_date, thresholds),
            rebaselined=self.current_end_date != self.original_end_date,
        )

    def signals(self, thresholds: SignalThresholds | None = None) -> list[AspectSignal]:
        thresholds = thresholds or SignalThresholds.current()
        return [self.money_signal(thresholds), self.time_signal(thresholds)]

    def signal_checks(
        self, report: StatusReport | None = None, thresholds: SignalThresholds | None = None
    ) -> list[SignalCheck]:
        """Per aspect with a signal: suggested colour against the light chosen in ``report``."""
        report = report or self.report
        chosen = {status.aspect: status.rating for status in report.aspects}
        return signal_checks(self.signals(thresholds), chosen)


class MilestoneSnapshot(FrozenFiguresMixin, MilestoneFields):
    """A milestone as it stood when its status report was captured."""

    report = models.ForeignKey(
        "projects.StatusReport",
        verbose_name=_("status report"),
        on_delete=models.CASCADE,
        related_name="milestone_snapshots",
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="snapshots",
    )

    class Meta:
        ordering = ["report", "baseline_date", "pk"]
        verbose_name = _("milestone in report")
        verbose_name_plural = _("milestones in report")


class RiskSnapshot(FrozenFiguresMixin, RiskFields):
    """A risk and its scores as they stood when its status report was captured."""

    report = models.ForeignKey(
        "projects.StatusReport",
        verbose_name=_("status report"),
        on_delete=models.CASCADE,
        related_name="risk_snapshots",
    )
    risk = models.ForeignKey(
        Risk,
        verbose_name=_("risk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="snapshots",
    )

    class Meta:
        ordering = ["report", "-likelihood", "-impact", "pk"]
        verbose_name = _("risk in report")
        verbose_name_plural = _("risks in report")


def capture_figures(report: StatusReport, *, allow_published: bool = False) -> ReportFigures:
    """Copy the programme's frame, milestones and risks into ``report``, replacing older copies.

    Called when a report is saved on the form (so the review shows what was submitted) and at
    publication for approved reports without figures. Refused once the period is published:
    the council's version never changes. ``allow_published`` is for loading history (demo data,
    imports of past periods) only.
    """
    if report.period.is_published and not allow_published:
        raise ValidationError(
            _("The figures of a published period cannot be changed."), code="published"
        )
    programme = report.programme
    with transaction.atomic(), loading_history() if allow_published else nullcontext():
        figures, _created = ReportFigures.objects.get_or_create(report=report)
        figures.apply_frame(frame_of(programme))
        figures.captured_at = timezone.now()
        figures.save()
        report.milestone_snapshots.all().delete()
        MilestoneSnapshot.objects.bulk_create(milestone_snapshots(report, programme))
        report.risk_snapshots.all().delete()
        RiskSnapshot.objects.bulk_create(risk_snapshots(report, programme))
    return figures


def milestone_snapshots(report: StatusReport, programme: Programme) -> list[MilestoneSnapshot]:
    """The programme's milestones as they stand, unsaved copies for ``report`` (one place for
    ``capture_figures`` and the bulk import, which prefetches ``programme.milestones``)."""
    return [
        MilestoneSnapshot(
            report=report,
            milestone=m,
            name=m.name,
            baseline_date=m.baseline_date,
            forecast_date=m.forecast_date,
            actual_date=m.actual_date,
            note=m.note,
        )
        for m in programme.milestones.all()
    ]


def risk_snapshots(report: StatusReport, programme: Programme) -> list[RiskSnapshot]:
    """The programme's risks as they stand, unsaved copies for ``report``."""
    return [
        RiskSnapshot(
            report=report,
            risk=r,
            title=r.title,
            cause=r.cause,
            likelihood=r.likelihood,
            impact=r.impact,
            measure=r.measure,
            owner=r.owner,
            state=r.state,
        )
        for r in programme.risks.all()
    ]


def carry_figures_forward(report: StatusReport, previous: StatusReport) -> None:
    """A new draft starts from last period's entered figures, as its texts do."""
    before = ReportFigures.objects.filter(report=previous).first()
    if before is None:
        return
    figures, _created = ReportFigures.objects.get_or_create(report=report)
    figures.forecast_at_completion = before.forecast_at_completion
    figures.spent_to_date = before.spent_to_date
    figures.forecast_end_date = before.forecast_end_date
    figures.save()
    capture_figures(report)


HISTORY_FIELDS = {
    "ReportFigures": ["forecast_at_completion", "spent_to_date", "forecast_end_date"],
    "Milestone": ["name", "baseline_date", "forecast_date", "actual_date", "note"],
    "Risk": ["title", "cause", "likelihood", "impact", "measure", "owner", "state"],
}


def figure_changes(report: StatusReport) -> list[tuple[dt.datetime, object, object]]:
    """``(when, who, FieldChange)`` for the report's figures and its programme's registers.

    Milestones and risks belong to the programme; a report shows their changes from its
    creation until its period was published. A row's first record without a predecessor
    (rows that existed before history was kept) only sets the starting point.
    """
    since = report.created_at
    until = report.period.published_at if report.period.is_published else None
    sources = [
        (ReportFigures, ReportFigures.history.filter(report_id=report.pk)),
        (Milestone, Milestone.history.filter(programme_id=report.programme_id)),
        (Risk, Risk.history.filter(programme_id=report.programme_id)),
    ]
    found = []
    for model, records in sources:
        names = HISTORY_FIELDS[model.__name__]
        last: dict[int, object] = {}
        for record in records.select_related("history_user").order_by("history_date", "history_id"):
            before, last[record.id] = last.get(record.id), record
            if record.history_date < since or (until and record.history_date > until):
                continue
            row = (
                ""
                if model is ReportFigures
                else str(record.name if model is Milestone else record.title)
            )
            changes = []
            if model is not ReportFigures and record.history_type in {"+", "-"}:
                added = record.history_type == "+"
                what = _("added") if added else _("removed")
                label = f"{capfirst(model._meta.verbose_name)} {what}"
                changes.append(FieldChange(label, "" if added else row, row if added else ""))
            elif before is not None or record.history_type == "+":
                for name in names:
                    old = getattr(before, name, None)
                    new = getattr(record, name)
                    if old != new:
                        field_ = model._meta.get_field(name)
                        label = f"{row}: {field_.verbose_name}" if row else str(field_.verbose_name)
                        changes.append(
                            FieldChange(
                                label, readable_value(field_, old), readable_value(field_, new)
                            )
                        )
            found.extend((record.history_date, record.history_user, c) for c in changes)
    return sorted(found, key=lambda item: item[0])
