"""The Monitor ICT Projecten's models, one module per part, importing downwards only.

    programme  ←  period  ←  figures  ←  report  ←  errata
    (timeline: field changes, used by figures and report; no models)

``from projects.models import X`` works for every public name below.
"""

from ..choices import RATING_MEANINGS, Aspect, Rating
from .errata import ERRATUM_APPEND_ONLY, ERRATUM_NOT_PUBLISHED, Erratum, ErratumQuerySet
from .figures import (
    HISTORY_FIELDS,
    MILESTONE_STATUS_LABELS,
    MONEY,
    SCORE_VALIDATORS,
    BaselineDecision,
    DecisionRecord,
    Frame,
    FrozenFiguresMixin,
    FrozenFiguresQuerySet,
    Impact,
    Likelihood,
    Milestone,
    MilestoneFields,
    MilestoneSnapshot,
    ReportFigures,
    Risk,
    RiskFields,
    RiskSnapshot,
    RiskState,
    SignalThresholds,
    capture_figures,
    carry_figures_forward,
    figure_changes,
    frame_of,
    loading_history,
)
from .period import (
    FrozenReportError,
    ReportingPeriod,
    ReportingPeriodQuerySet,
    lock_periods_for_report_write,
)
from .programme import (
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ProgrammeQuerySet,
    programme_record,
)
from .report import (
    AspectStatus,
    PublishedPeriodClosedError,
    StaleReportError,
    StatusReport,
    StatusReportQuerySet,
)
from .timeline import FieldChange, TimelineEntry, readable_value

__all__ = [
    "ERRATUM_APPEND_ONLY",
    "ERRATUM_NOT_PUBLISHED",
    "HISTORY_FIELDS",
    "MILESTONE_STATUS_LABELS",
    "MONEY",
    "RATING_MEANINGS",
    "SCORE_VALIDATORS",
    "Aspect",
    "AspectStatus",
    "BaselineDecision",
    "DecisionRecord",
    "Erratum",
    "ErratumQuerySet",
    "FieldChange",
    "Frame",
    "FrozenFiguresMixin",
    "FrozenFiguresQuerySet",
    "FrozenReportError",
    "Impact",
    "Likelihood",
    "Milestone",
    "MilestoneFields",
    "MilestoneSnapshot",
    "OrganisationUnit",
    "PortfolioHolder",
    "Programme",
    "ProgrammeQuerySet",
    "PublishedPeriodClosedError",
    "Rating",
    "ReportFigures",
    "ReportingPeriod",
    "ReportingPeriodQuerySet",
    "Risk",
    "RiskFields",
    "RiskSnapshot",
    "RiskState",
    "SignalThresholds",
    "StaleReportError",
    "StatusReport",
    "StatusReportQuerySet",
    "TimelineEntry",
    "capture_figures",
    "carry_figures_forward",
    "figure_changes",
    "frame_of",
    "loading_history",
    "lock_periods_for_report_write",
    "programme_record",
    "readable_value",
]
