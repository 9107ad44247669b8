from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Admission,
    BaselineDecision,
    Benefit,
    BenefitStatus,
    Classification,
    ClassificationModel,
    ControllerAssessment,
    CostSplit,
    Criterion,
    Departure,
    Milestone,
    MilestoneSnapshot,
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ReportFigures,
    ReportingPeriod,
    Risk,
    RiskSnapshot,
    SignalThresholds,
    StatusReport,
)


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


@admin.register(PortfolioHolder)
class PortfolioHolderAdmin(admin.ModelAdmin):
    list_display = ["name", "portfolio"]
    search_fields = ["name", "portfolio"]


# --- Issue 25: the classification model is a setting; scorings are kept as given -------------


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(ClassificationModel)
class ClassificationModelAdmin(admin.ModelAdmin):
    list_display = ["name", "threshold", "active", "illustrative"]
    inlines = [CriterionInline]


@admin.register(Classification)
class ClassificationAdmin(admin.ModelAdmin):
    """Read only: a new scoring is made on the coordinator's page, never by editing one."""

    list_display = ["__str__", "model", "score", "admits", "scored_by", "scored_at"]
    list_filter = ["admits", "illustrative"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Admission)
class AdmissionAdmin(admin.ModelAdmin):
    list_display = ["programme", "decision_body", "decided_on", "reference", "first_period"]
    list_filter = ["decision_body", "illustrative"]
    raw_id_fields = ["classification"]


@admin.register(Departure)
class DepartureAdmin(admin.ModelAdmin):
    list_display = ["programme", "reason", "last_period", "decided_on", "evaluated_on"]
    list_filter = ["reason", "illustrative"]


class TrackInline(admin.TabularInline):
    model = Programme
    fk_name = "parent"
    fields = ["position", "name", "short_name", "slug", "kind", "in_monitor"]
    extra = 0
    show_change_link = True
    verbose_name = _("track")
    verbose_name_plural = _("tracks")


# --- Figures (issue 6): the frame and registers under Programme, snapshots under StatusReport ---


class BaselineDecisionInline(admin.TabularInline):
    model = BaselineDecision
    fields = [
        "kind",
        "decided_on",
        "decided_by",
        "reference",
        "budget",
        "end_date",
        "reason_category",
        "note",
    ]
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ["name", "baseline_date", "forecast_date", "actual_date", "note"]
    extra = 0


class RiskInline(admin.StackedInline):
    model = Risk
    fields = [("title", "state"), "cause", ("likelihood", "impact"), "measure", "owner"]
    extra = 0


class BenefitInline(admin.TabularInline):
    model = Benefit
    fields = ["description", "measure", "target_value", "due_date"]
    extra = 0


class CostSplitInline(admin.TabularInline):
    model = CostSplit
    fields = ["category", "initial_estimate", "current_estimate", "actual_to_date", "committed"]
    extra = 0


class BenefitStatusInline(admin.TabularInline):
    model = BenefitStatus
    fields = ["description", "target_value", "status", "measured_value"]
    extra = 0


class ControllerAssessmentInline(admin.TabularInline):
    model = ControllerAssessment
    fields = ["aspect", "rating", "note"]
    extra = 0


class ReportFiguresInline(admin.StackedInline):
    model = ReportFigures
    can_delete = False
    fields = [
        ("forecast_at_completion", "spent_to_date", "forecast_end_date"),
        ("original_budget", "current_budget"),
        ("original_end_date", "current_end_date"),
        "decisions",
        "captured_at",
    ]
    readonly_fields = ["captured_at"]


class MilestoneSnapshotInline(MilestoneInline):
    """The milestones as the report captured them, in the frame's columns."""

    model = MilestoneSnapshot


class RiskSnapshotInline(admin.TabularInline):
    model = RiskSnapshot
    fields = ["title", "likelihood", "impact", "state", "measure", "owner"]
    extra = 0


@admin.register(SignalThresholds)
class SignalThresholdsAdmin(admin.ModelAdmin):
    """One row: the coordinator edits it; it cannot be deleted, only changed."""

    list_display = [
        "__str__",
        "money_orange_percent",
        "money_red_percent",
        "time_orange_months",
        "time_red_months",
    ]

    def has_add_permission(self, request) -> bool:
        return not SignalThresholds.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "likelihood", "impact", "state", "owner"]
    list_filter = ["state", "programme"]
    search_fields = ["title", "cause", "measure", "owner"]
    autocomplete_fields = ["programme"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "kind",
        "parent",
        "unit",
        "portfolio_holder",
        "in_monitor",
    ]
    list_filter = ["in_monitor", "kind", "unit", "portfolio_holder"]
    search_fields = ["name", "short_name", "goal"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["parent", "unit", "portfolio_holder", "manager", "controller"]
    inlines = [TrackInline, BaselineDecisionInline, MilestoneInline, RiskInline, BenefitInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "parent", "goal"]}),
        (
            _("Responsibility"),
            {"fields": ["unit", "portfolio_holder", "sponsor", "manager", "controller"]},
        ),
        (_("Monitor"), {"fields": ["in_monitor", "position", "monitored_from", "monitored_until"]}),
    ]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    """Publication goes through the round (checks, snapshots, the archived PDF), never a field."""

    list_display = ["label", "start", "end", "deadline", "state", "published_at"]
    readonly_fields = ["state", "published_at"]
    list_filter = ["state"]
    search_fields = ["label"]
    date_hierarchy = "start"


@admin.register(StatusReport)
class StatusReportAdmin(SimpleHistoryAdmin):
    """Published reports are shown read-only; the model refuses changes to them anyway.

    The workflow's fields are read-only for everyone: a state changes only through the round
    (submit, approve, return, exclude, readmit), with its checks, its reviewer and its mails.
    """

    WORKFLOW_FIELDS = [
        "state",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "review_comment",
        "exclusion_reason",
    ]

    list_display = [
        "programme",
        "period",
        "state",
        "quality_rating",
        "money_rating",
        "time_rating",
        "risk_rating",
        "updated_at",
    ]
    list_filter = ["period", "state", "programme__unit"]
    search_fields = ["programme__name", "programme__short_name"]
    list_select_related = ["programme", "period"]
    autocomplete_fields = ["programme"]
    readonly_fields = [*WORKFLOW_FIELDS, "created_at", "updated_at", "version", "prefilled_from"]
    inlines = [
        ReportFiguresInline,
        MilestoneSnapshotInline,
        RiskSnapshotInline,
        CostSplitInline,
        BenefitStatusInline,
        ControllerAssessmentInline,
    ]
    fieldsets = [
        (None, {"fields": ["programme", "period", "state"]}),
        (_("Quality"), {"fields": ["quality_rating", "quality_explanation"]}),
        (_("Money"), {"fields": ["money_rating", "money_explanation", "money_greener_reason"]}),
        (_("Time"), {"fields": ["time_rating", "time_explanation", "time_greener_reason"]}),
        (_("Risks"), {"fields": ["risk_rating", "risk_explanation"]}),
        (None, {"fields": ["developments"]}),
        (
            _("Workflow"),
            {
                # The state is shown at the top; the rest of the workflow's fields here.
                "fields": [
                    *WORKFLOW_FIELDS[1:],
                    "prefilled_from",
                    "version",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "period":  # a published monitor gets no new reports either
            kwargs["queryset"] = ReportingPeriod.objects.exclude(
                state=ReportingPeriod.State.PUBLISHED
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.period.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.period.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def revert_disabled(self, request, obj=None) -> bool:
        """History is read, never reverted: an old version carries an old state and version
        number, which the workflow and the stale-copy check refuse (a 500, issue 19, finding
        14). A change is made in the report itself, through the round's rules."""
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":  # no button offers it; a crafted post is refused
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class MonitorUserAdmin(UserAdmin):
    """Coordinators add and edit the people of the round, but cannot hand out powers."""

    POWERS = ["is_superuser", "is_staff", "groups", "user_permissions"]
    # Facts, not settings: and the split date/time widget drops the microseconds, so an
    # untouched save changed date_joined (tests/e2e/test_form_round_trips.py).
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += self.POWERS
        return readonly

    # Nobody acts on an account with more rights than their own (rule administer_account):
    # such an account is shown read-only; its password view and deletion are refused.
    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or request.user.has_perm("projects.administer_account", obj)
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or request.user.has_perm("projects.administer_account", obj)
        )
