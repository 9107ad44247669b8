"""Admin lists answer a hostile date filter with the admin's own "wrong filter" page.

Django's date hierarchy turns ``?when__year=`` into a ``datetime``: a year of forty digits
raises OverflowError, the year 9999 a ValueError when the list adds a year; both escaped as
a 500 (issue 19, finding 10). The admin app is configured with ``BoundedAdminConfig``, which
gives every registered list with a date hierarchy (ours and axes') this bounded changelist.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class BoundedChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


def _bounded_changelist(request, **kwargs) -> type[ChangeList]:
    return BoundedChangeList


class BoundedAdminConfig(AdminConfig):
    """django.contrib.admin, whose date-hierarchy lists refuse out-of-range dates as any bad
    filter: a redirect to the list with ``?e=1``, never a 500."""

    def ready(self) -> None:
        super().ready()  # autodiscover: every app's admin is registered now
        for model_admin in admin.site._registry.values():
            uses_default = type(model_admin).get_changelist is admin.ModelAdmin.get_changelist
            if model_admin.date_hierarchy and uses_default:
                model_admin.get_changelist = _bounded_changelist
