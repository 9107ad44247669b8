"""What the council needs to judge one programme beyond its lights (issue 22).

* ``CostSplit``: per report, the cost in the Rijks ICT-dashboard's categories (internal staff,
  external staff, outsourced work, other material), each as initial estimate, current estimate
  and actual spending to date, and how much of the current estimate is contracted. Optional: a
  category without a row is "niet opgegeven", never zero.
* ``Benefit`` (programme level, as milestones and risks) and ``BenefitStatus`` (per report: its
  status and the value measured so far, with a copy of the benefit as it stood, so a published
  report keeps it).
* ``ControllerAssessment``: at approval, the controller's own light per aspect where it differs
  from the manager's, with a note. Published (``settings.PUBLISH_CONTROLLER_ASSESSMENT``) by
  copying it onto the report's publication record (``assessment_record``).

Report-level rows are frozen with their report (``FrozenFiguresMixin``) and kept in history.
The arithmetic (totals, agreement with the money figures) is in ``projects/calculations.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..calculations import CostLine
from ..choices import Aspect, Rating
from ..validators import validate_plausible_amount, validate_plausible_date, validate_storable_text
from .figures import MONEY, FrozenFiguresMixin
from .programme import Programme

if TYPE_CHECKING:
    from .report import StatusReport

AMOUNT = {
    **MONEY,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0), validate_plausible_amount],
}


class CostCategory(models.TextChoices):
    """The Rijks ICT-dashboard's cost categories (``InternPersoneel``, ``ExternPersoneel``,
    ``UitbesteedWerk``, ``OverigMaterieel``)."""

    INTERNAL_STAFF = "internal_staff", _("internal staff")
    EXTERNAL_STAFF = "external_staff", _("external staff")
    OUTSOURCED = "outsourced", _("outsourced work")
    OTHER = "other_material", _("other material")


class CostSplit(FrozenFiguresMixin, models.Model):
    """One cost category of one report."""

    report = models.ForeignKey(
        "projects.StatusReport",
        verbose_name=_("status report"),
        on_delete=models.CASCADE,
        related_name="cost_split",
    )
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory)
    initial_estimate = models.DecimalField(_("initial estimate (€)"), **AMOUNT)
    current_estimate = models.DecimalField(_("current estimate (€)"), **AMOUNT)
    actual_to_date = models.DecimalField(_("actual to date (€)"), **AMOUNT)
    committed = models.DecimalField(
        _("contracted (€)"),
        **AMOUNT,
        help_text=_("Of the current estimate, what is already committed by contract."),
    )
    history = HistoricalRecords()

    ORDER = list(CostCategory)
    VALUES = ["initial_estimate", "current_estimate", "actual_to_date", "committed"]

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("cost category")
        verbose_name_plural = _("cost split")
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="one_cost_row_per_category")
        ]

    def __str__(self) -> str:
        return self.get_category_display()

    def clean(self) -> None:
        super().clean()
        if error := self.committed_error(self.committed, self.current_estimate):
            raise ValidationError({"committed": error}, code="committed_over_estimate")

    @staticmethod
    def committed_error(committed, current) -> str:
        """The one rule on a category: no more contracted than currently estimated."""
        if committed is not None and current is not None and committed > current:
            return str(_("More is contracted than the current estimate."))
        return ""

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.VALUES)

    def as_line(self) -> CostLine:
        return CostLine(
            self.category,
            self.initial_estimate,
            self.current_estimate,
            self.actual_to_date,
            self.committed,
        )


class BenefitFields(models.Model):
    """What a benefit promises: shared by the programme's benefit and the report's copy."""

    description = models.CharField(_("benefit"), max_length=300)
    measure = models.CharField(_("how measured"), max_length=300, blank=True)
    target_value = models.CharField(_("target value"), max_length=100, blank=True)
    due_date = models.DateField(
        _("by when"), null=True, blank=True, validators=[validate_plausible_date]
    )

    COPIED = ["description", "measure", "target_value", "due_date"]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.description


class Benefit(BenefitFields):
    """A benefit (*baat*) the programme promises; its status is reported every period."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="benefits"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "pk"]
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")


class BenefitState(models.TextChoices):
    ON_COURSE = "on_course", _("on course")
    AT_RISK = "at_risk", _("at risk")
    REALISED = "realised", _("realised")
    DROPPED = "dropped", _("dropped")


class BenefitStatus(FrozenFiguresMixin, BenefitFields):
    """A benefit's status in one report, with the benefit as it stood then."""

    report = models.ForeignKey(
        "projects.StatusReport",
        verbose_name=_("status report"),
        on_delete=models.CASCADE,
        related_name="benefit_statuses",
    )
    benefit = models.ForeignKey(
        Benefit,
        verbose_name=_("benefit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statuses",
    )
    status = models.CharField(_("status"), max_length=20, choices=BenefitState)
    measured_value = models.CharField(
        _("measured so far"), max_length=100, blank=True, validators=[validate_storable_text]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "benefit_id", "pk"]
        verbose_name = _("benefit status")
        verbose_name_plural = _("benefit statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "benefit"],
                condition=Q(benefit__isnull=False),
                name="one_status_per_benefit_per_report",
            )
        ]


class ControllerAssessment(FrozenFiguresMixin, models.Model):
    """The controller's own light for one aspect, where it differs from the manager's.

    No row means the controller agrees (the default). Written at approval only.
    """

    report = models.ForeignKey(
        "projects.StatusReport",
        verbose_name=_("status report"),
        on_delete=models.CASCADE,
        related_name="controller_assessments",
    )
    aspect = models.CharField(_("aspect"), max_length=10, choices=Aspect)
    rating = models.CharField(_("controller's light"), max_length=10, choices=Rating)
    note = models.TextField(_("controller's note"), validators=[validate_storable_text])
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("controller's assessment")
        verbose_name_plural = _("controller's assessments")
        constraints = [
            models.UniqueConstraint(fields=["report", "aspect"], name="one_assessment_per_aspect")
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.get_rating_display()}"

    NOTE_REQUIRED = _("Say why your light differs from the programme manager's.")

    def clean(self) -> None:
        super().clean()
        if not self.note.strip():
            raise ValidationError({"note": self.NOTE_REQUIRED}, code="note_required")


def assessment_record(report: StatusReport) -> list[dict]:
    """The controller's differing lights beside the manager's, as plain JSON for the
    publication record (``programme_at_publication["controller_assessment"]``)."""
    manager = {status.aspect: status.rating for status in report.aspects}
    order = list(Aspect)
    rows = sorted(report.controller_assessments.all(), key=lambda a: order.index(a.aspect))
    return [
        {
            "aspect": row.aspect,
            "manager": manager.get(Aspect(row.aspect)) or "",
            "controller": row.rating,
            "note": row.note,
        }
        for row in rows
        if manager.get(Aspect(row.aspect)) != row.rating
    ]
