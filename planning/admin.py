"""The plan in the admin, with history (django-simple-history) on every model."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Contract, CostLine, Domain, Initiative, Municipality, Plan, Score


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "position"]


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "first_year", "last_year"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["municipalities", "planners"]
    inlines = [DomainInline]


class ScoreInline(admin.StackedInline):
    model = Score
    extra = 0


class CostLineInline(admin.TabularInline):
    model = CostLine
    fields = ["municipality", "year", "kind", "label", "is_pm", "amount", "covered"]
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "domain", "number", "priority"]
    list_filter = ["domain__plan", "domain", "priority"]
    search_fields = ["title"]
    filter_horizontal = ["municipalities", "replaces"]
    raw_id_fields = ["programme"]
    inlines = [ScoreInline, CostLineInline]


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ["supplier", "title", "end_date", "holder", "procurement"]
    list_filter = ["plan", "procurement"]
    filter_horizontal = ["municipalities"]


admin.site.register([Domain, Score, CostLine], SimpleHistoryAdmin)
