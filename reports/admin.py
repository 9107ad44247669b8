from django.contrib import admin

from .models import PublishedDocument


@admin.register(PublishedDocument)
class PublishedDocumentAdmin(admin.ModelAdmin):
    """Read-only: each version is written once (at publication, then per erratum), never edited."""

    list_display = ["period", "version", "created_at", "size", "sha256"]
    readonly_fields = ["period", "version", "file", "sha256", "size", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
