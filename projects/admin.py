from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import OrganisationUnit, PortfolioHolder, Programme, ReportingPeriod, StatusReport


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


@admin.register(PortfolioHolder)
class PortfolioHolderAdmin(admin.ModelAdmin):
    list_display = ["name", "portfolio"]
    search_fields = ["name", "portfolio"]


class TrackInline(admin.TabularInline):
    model = Programme
    fk_name = "parent"
    fields = ["name", "short_name", "slug", "kind", "in_monitor"]
    extra = 0
    show_change_link = True
    verbose_name = _("track")
    verbose_name_plural = _("tracks")


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
    inlines = [TrackInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "parent", "goal"]}),
        (
            _("Responsibility"),
            {"fields": ["unit", "portfolio_holder", "sponsor", "manager", "controller"]},
        ),
        (_("Monitor"), {"fields": ["in_monitor", "monitored_from", "monitored_until"]}),
    ]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "start", "end", "deadline", "state", "published_at"]
    list_filter = ["state"]
    search_fields = ["label"]
    date_hierarchy = "start"


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
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
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["programme", "period", "state"]}),
        (_("Quality"), {"fields": ["quality_rating", "quality_explanation"]}),
        (_("Money"), {"fields": ["money_rating", "money_explanation"]}),
        (_("Time"), {"fields": ["time_rating", "time_explanation"]}),
        (_("Risks"), {"fields": ["risk_rating", "risk_explanation"]}),
        (None, {"fields": ["developments"]}),
        (
            _("Workflow"),
            {
                "fields": [
                    "submitted_at",
                    "submitted_by",
                    "reviewed_at",
                    "reviewed_by",
                    "review_comment",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
