"""Administrators read and filter the audit log; nobody adds, changes or deletes through it."""

from django.contrib import admin
from django.http import HttpRequest

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["when", "action", "actor_name", "target", "ip_address"]
    list_filter = ["action", "actor_name", ("when", admin.DateFieldListFilter)]
    search_fields = ["actor_name", "target"]
    date_hierarchy = "when"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
