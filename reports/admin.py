from django.contrib import admin

from .models import PublicationJob, PublishedDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown to operators, written only by publication: nobody adds, changes or deletes here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PublishedDocument)
class PublishedDocumentAdmin(ReadOnlyAdmin):
    """Read-only: each version is written once (at publication, then per erratum), never edited."""

    list_display = ["period", "report", "version", "created_at", "size", "sha256"]
    list_filter = ["period"]
    readonly_fields = ["period", "report", "version", "file", "sha256", "size", "created_at"]


@admin.register(PublicationJob)
class PublicationJobAdmin(ReadOnlyAdmin):
    """What the background archiving did, for operators; the board shows the latest per period
    and retries it. Read-only: a job's state is the task's to write."""

    list_display = ["period", "kind", "status", "attempts", "done", "total", "updated_at"]
    list_filter = ["status", "kind"]
