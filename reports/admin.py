from django.contrib import admin

from projects.models import Erratum

from .models import PublicationJob, PublishedDocument
from .publication import add_erratum


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


@admin.register(Erratum)
class ErratumAdmin(admin.ModelAdmin):
    """Errata are added, never edited: a correction of a correction is a new erratum.

    Registered here, not in projects, because an erratum added in the admin goes the one way
    every erratum goes (``add_erratum``): the PDF's next version, the publication job, the
    audit row. Saving the model directly skipped all three (issue 19, finding 2).
    """

    list_display = ["report", "created_at", "created_by"]
    list_select_related = ["report__programme", "report__period", "created_by"]
    autocomplete_fields = ["report"]
    readonly_fields = ["created_by", "created_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # append-only: part of the published record

    def save_model(self, request, obj, form, change) -> None:
        added = add_erratum(obj.report, text=obj.text, by=request.user)
        obj.pk, obj.created_by, obj.created_at = added.pk, added.created_by, added.created_at
        obj._state.adding, obj._state.db = False, added._state.db
