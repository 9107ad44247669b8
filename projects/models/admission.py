"""In and out of the monitor: the classification that admits a programme, its admission
(the college's or council's designation) and its leaving with a final report and evaluation.

The rule the monitor keeps (``admission_refusal``): a programme gets a report in a period only
while it is admitted and has not left. ``ReportingPeriod.create_draft_reports``,
``StatusReport.draft_for`` and ``StatusReport.clean``/``save`` all ask it, so the round, the
form, the import and the admin cannot put a report where the council did not ask for one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..choices import Aspect
from ..validators import validate_storable_text
from .period import ReportingPeriod
from .programme import Programme

SCORE_PLACES = Decimal("0.1")


# --- The classification model: pure arithmetic first -----------------------------------------


def classification_score(criteria: Sequence[tuple[int, int]], answers: Sequence[int]) -> Fraction:
    """The weighted score, 0 to 100, of answers on criteria given as ``(weight, scale_max)``.

    Each answer counts as its share of its scale (0 to ``scale_max``) times its weight; the sum
    is divided by the total weight so that changing the number of criteria keeps the threshold
    meaningful. Exact (a Fraction) so that a score on the threshold admits.
    """
    if len(criteria) != len(answers):
        raise ValueError("one answer per criterion")
    total_weight = sum(weight for weight, _scale in criteria)
    if not criteria or total_weight <= 0:
        raise ValueError("the model needs a criterion with weight")
    weighted = Fraction(0)
    for (weight, scale_max), answer in zip(criteria, answers, strict=True):
        if scale_max < 1 or not 0 <= answer <= scale_max:
            raise ValueError(f"answer {answer} outside the scale 0..{scale_max}")
        weighted += Fraction(weight * answer, scale_max)
    return weighted * 100 / total_weight


def admits(score: Fraction | Decimal, threshold: Decimal) -> bool:
    """Admission follows the score: at or above the threshold."""
    return Fraction(score) >= Fraction(threshold)


class ClassificationModel(models.Model):
    """The municipality's classification model (a setting): criteria, weights, threshold."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_storable_text])
    description = models.TextField(
        _("description"), blank=True, validators=[validate_storable_text]
    )
    threshold = models.DecimalField(
        _("admission threshold"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("A score (0–100) at or above this admits a programme to the monitor."),
    )
    active = models.BooleanField(_("in use"), default=True)
    illustrative = models.BooleanField(_("invented for the demo"), default=False)

    class Meta:
        ordering = ["-active", "name"]
        verbose_name = _("classification model")
        verbose_name_plural = _("classification models")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> ClassificationModel | None:
        return cls.objects.filter(active=True).prefetch_related("criteria").first()

    def score(self, answers: Mapping[str, int]) -> tuple[Decimal, bool]:
        """The rounded score and whether it admits, for answers keyed by criterion pk."""
        criteria = list(self.criteria.all())
        missing = [c.name for c in criteria if str(c.pk) not in answers]
        if missing:
            raise ValidationError(_("Answer every criterion: %s") % ", ".join(missing))
        exact = classification_score(
            [(c.weight, c.scale_max) for c in criteria], [answers[str(c.pk)] for c in criteria]
        )
        rounded = Decimal(exact.numerator) / Decimal(exact.denominator)
        return rounded.quantize(SCORE_PLACES), admits(exact, self.threshold)


class Criterion(models.Model):
    """One criterion of the model, answered on a scale of 0 to ``scale_max``."""

    model = models.ForeignKey(
        ClassificationModel,
        verbose_name=_("classification model"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    name = models.CharField(_("criterion"), max_length=200, validators=[validate_storable_text])
    question = models.TextField(_("question"), blank=True, validators=[validate_storable_text])
    scale_max = models.PositiveSmallIntegerField(
        _("highest answer"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Answers run from 0 (not at all) to this value."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class Classification(models.Model):
    """One scoring of a programme (or of an initiative of the plan) by the coordinator.

    Never changed: a new scoring is a new row, so the history of scores, answers and who gave
    them stays. The subject is generic so an app built on the monitor (the plan) can be scored
    without the monitor knowing it.
    """

    model = models.ForeignKey(
        ClassificationModel,
        verbose_name=_("classification model"),
        on_delete=models.PROTECT,
        related_name="classifications",
    )
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of subject"), on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("subject"))
    subject = GenericForeignKey("subject_type", "subject_id")
    answers = models.JSONField(_("answers"), default=dict)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, editable=False)
    admits = models.BooleanField(_("meets the threshold"), editable=False)
    note = models.TextField(_("note"), blank=True, validators=[validate_storable_text])
    illustrative = models.BooleanField(_("answers invented for the demo"), default=False)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored at"), auto_now_add=True)

    class Meta:
        ordering = ["-scored_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")

    def __str__(self) -> str:
        return f"{self.subject} – {self.score}"

    def save(self, *args, **kwargs) -> None:
        """Score from the answers, always: the stored score cannot disagree with the model."""
        if self.pk is not None:
            raise ValidationError(_("A scoring is kept as given; score again instead."))
        self.score, self.admits = self.model.score(self.answers)
        super().save(*args, **kwargs)

    @classmethod
    def of(cls, subject: models.Model) -> models.QuerySet[Classification]:
        """The scorings of a programme or initiative, newest first."""
        kind = ContentType.objects.get_for_model(subject)
        return cls.objects.filter(subject_type=kind, subject_id=subject.pk).select_related(
            "model", "scored_by"
        )

    @classmethod
    def record(
        cls, subject: models.Model, answers: Mapping[str, int], *, by=None, **fields
    ) -> Classification:
        model = fields.pop("model", None) or ClassificationModel.current()
        if model is None:
            raise ValidationError(_("There is no classification model in use."))
        return cls.objects.create(
            model=model, subject=subject, answers=dict(answers), scored_by=by, **fields
        )

    def answer_rows(self) -> list[tuple[Criterion, int | None]]:
        return [(c, self.answers.get(str(c.pk))) for c in self.model.criteria.all()]


# --- Admission ----------------------------------------------------------------------------------


class Admission(models.Model):
    """The decision that put a programme in the monitor, and what was agreed to be reported."""

    class Body(models.TextChoices):
        COUNCIL = "council", _("municipal council")
        COLLEGE = "college", _("college of mayor and aldermen")
        EARLIER = "earlier", _("before admissions were recorded")

    class Rhythm(models.TextChoices):
        EVERY_PERIOD = "every", _("every period")
        HALF_YEARLY = "half_yearly", _("half-yearly")
        YEARLY = "yearly", _("yearly")

    programme = models.OneToOneField(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="admission"
    )
    decision_body = models.CharField(
        _("decided by"), max_length=20, choices=Body, default=Body.COUNCIL
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("For instance the number of the raadsvoorstel."),
        validators=[validate_storable_text],
    )
    first_period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("first period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every period."),
    )
    classification = models.ForeignKey(
        Classification,
        verbose_name=_("classification"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grounds = models.TextField(
        _("why in the monitor"), blank=True, validators=[validate_storable_text]
    )
    aspects = models.JSONField(_("aspects reported"), default=list, blank=True)
    rhythm = models.CharField(
        _("how often"), max_length=20, choices=Rhythm, default=Rhythm.EVERY_PERIOD
    )
    extra_items = models.TextField(
        _("extra items the council asked for"), blank=True, validators=[validate_storable_text]
    )
    illustrative = models.BooleanField(_("invented for the demo"), default=False)

    class Meta:
        verbose_name = _("admission")
        verbose_name_plural = _("admissions")

    def __str__(self) -> str:
        return str(self.programme)

    def clean(self) -> None:
        errors = {}
        if self.decision_body != self.Body.EARLIER and self.decided_on is None:
            errors["decided_on"] = _("Give the date of the decision.")
        unknown = set(self.aspects or []) - set(Aspect.values)
        if unknown:
            errors["aspects"] = _("Unknown aspect: %s") % ", ".join(sorted(unknown))
        if self.programme_id and self.programme.parent_id:
            errors["programme"] = _("A track is in the monitor with its programme.")
        if errors:
            raise ValidationError(errors)

    def aspect_labels(self) -> list[str]:
        return [str(Aspect(a).label) for a in self.aspects or Aspect.values]


# --- Leaving ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinalReport:
    """The figures of a programme's last published report: computed, never typed."""

    period: ReportingPeriod
    ratings: dict[str, str]
    final_cost: Decimal | None
    original_budget: Decimal | None
    last_budget: Decimal | None
    end_date: dt.date | None
    original_end_date: dt.date | None

    @property
    def cost_against_original(self) -> Decimal | None:
        if self.final_cost is None or self.original_budget is None:
            return None
        return self.final_cost - self.original_budget

    @property
    def cost_against_last_baseline(self) -> Decimal | None:
        if self.final_cost is None or self.last_budget is None:
            return None
        return self.final_cost - self.last_budget

    @property
    def days_late(self) -> int | None:
        if self.end_date is None or self.original_end_date is None:
            return None
        return (self.end_date - self.original_end_date).days


class Departure(models.Model):
    """A programme leaving the monitor: why, its last period, and the evaluation afterwards."""

    class Reason(models.TextChoices):
        COMPLETED = "completed", _("completed")
        STOPPED = "stopped", _("stopped")
        MERGED = "merged", _("merged into another programme")
        BELOW_THRESHOLD = "below_threshold", _("below the threshold")

    programme = models.OneToOneField(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="departure"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    last_period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("last period in the monitor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, validators=[validate_storable_text]
    )
    explanation = models.TextField(
        _("explanation"), blank=True, validators=[validate_storable_text]
    )
    lessons = models.TextField(
        _("evaluation: lessons"), blank=True, validators=[validate_storable_text]
    )
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    illustrative = models.BooleanField(_("invented for the demo"), default=False)

    class Meta:
        verbose_name = _("departure from the monitor")
        verbose_name_plural = _("departures from the monitor")

    def __str__(self) -> str:
        return str(self.programme)

    def save(self, *args, **kwargs) -> None:
        """Under the programme's row lock (as a new report takes it): no report may exist, or
        be added meanwhile, in a period after the last one."""
        with transaction.atomic():
            Programme.objects.select_for_update().filter(pk=self.programme_id).values("pk").first()
            later = self.report_after_last_period()
            if later is not None:
                raise ValidationError({"last_period": self.later_report_message(later)})
            super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.programme_id and self.programme.parent_id:
            errors["programme"] = _("A track leaves the monitor with its programme.")
        if self.lessons.strip() and self.evaluated_on is None:
            errors["evaluated_on"] = _("Give the date of the evaluation.")
        later = self.report_after_last_period()
        if later is not None:
            errors["last_period"] = self.later_report_message(later)
        if errors:
            raise ValidationError(errors)

    def report_after_last_period(self) -> ReportingPeriod | None:
        """The first period after ``last_period`` in which the programme or a track has a report."""
        if not (self.programme_id and self.last_period_id):
            return None
        reports = self.programme.reports.model.objects.filter(
            models.Q(programme_id=self.programme_id)
            | models.Q(programme__parent_id=self.programme_id),
            period__start__gt=self.last_period.start,
        )
        first = reports.select_related("period").order_by("period__start").first()
        return first.period if first else None

    @staticmethod
    def later_report_message(period: ReportingPeriod) -> str:
        return str(
            _(
                "The programme has a report in %(period)s, after its last period: remove that "
                "report or choose a later last period."
            )
        ) % {"period": period}

    def final_report(self) -> FinalReport | None:
        """The last published report up to the last period, with its frozen figures."""
        report = (
            self.programme.reports.filter(
                period__state=ReportingPeriod.State.PUBLISHED,
                period__start__lte=self.last_period.start,
            )
            .select_related("period", "figures")
            .order_by("-period__start")
            .first()
        )
        if report is None:
            return None
        figures = getattr(report, "figures", None)
        return FinalReport(
            period=report.period,
            ratings={a.value: getattr(report, f"{a.value}_rating") for a in Aspect},
            final_cost=figures and figures.forecast_at_completion,
            original_budget=figures and figures.original_budget,
            last_budget=figures and figures.current_budget,
            end_date=figures and figures.forecast_end_date,
            original_end_date=figures and figures.original_end_date,
        )


# --- The rule -----------------------------------------------------------------------------------


def admission_refusal(
    programme: Programme, period: ReportingPeriod, *, lock: bool = False
) -> str | None:
    """Why ``programme`` may not have a report in ``period``, or None when it may.

    A track follows its programme. Admitted from ``first_period`` (or always, when empty);
    after the departure's ``last_period`` no more reports. ``lock`` (inside the transaction
    that writes the report): hold the programme's row first, as ``Departure.save`` does, so a
    round being opened and a departure being saved cannot both pass and disagree.
    """
    head = programme.parent if programme.parent_id else programme
    if lock:
        Programme.objects.select_for_update().filter(pk=head.pk).values("pk").first()
    admission = Admission.objects.filter(programme=head).select_related("first_period").first()
    if admission is None:
        return str(_("This programme has not been admitted to the monitor."))
    if admission.first_period and admission.first_period.start > period.start:
        return str(_("This programme is in the monitor from %(period)s.")) % {
            "period": admission.first_period
        }
    departure = Departure.objects.filter(programme=head).select_related("last_period").first()
    if departure and departure.last_period.start < period.start:
        return str(_("This programme left the monitor after %(period)s.")) % {
            "period": departure.last_period
        }
    return None


def reportable_programmes(period: ReportingPeriod) -> models.QuerySet[Programme]:
    """The programmes (and their tracks) that ``admission_refusal`` lets report in ``period``."""
    return Programme.objects.reportable_in(period)


def left_before(period: ReportingPeriod, previous: ReportingPeriod | None = None):
    """Programmes whose last period was the one just before ``period``: "Uit de monitor".

    ``previous`` when the caller has it already (the overview), saving a query.
    """
    previous = previous or period.previous()
    if previous is None:
        return Departure.objects.none()
    return Departure.objects.filter(last_period=previous).select_related("programme", "last_period")


def admission_facts(record: dict | None) -> dict | None:
    """An ``admission_record`` with its codes read as labels: what the drill-down and PDF say."""
    if not record:
        return None
    decided_on = record.get("decided_on")
    return {
        **record,
        "decided_on": decided_on and dt.date.fromisoformat(decided_on),
        # Numbers, so that the page writes them in the reader's notation (88,1 in Dutch).
        "score": record.get("score") and Decimal(record["score"]),
        "threshold": record.get("threshold") and Decimal(record["threshold"]),
        "decision_body_label": Admission.Body(record["decision_body"]).label,
        "rhythm_label": Admission.Rhythm(record["rhythm"]).label,
        "aspect_labels": [Aspect(a).label for a in record.get("aspects") or Aspect.values],
        "is_earlier": record["decision_body"] == Admission.Body.EARLIER,
    }
