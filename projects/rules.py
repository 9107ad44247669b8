"""Who may do what, in one place: object-level rules checked with ``user.has_perm(name, obj)``.

Roles: the coordinator (group ``coordinator``) runs the round for all programmes; a controller
reviews the programmes assigned to them; a programme manager enters the reports of their own
programmes; superusers are administrators. Anonymous visitors read published periods only.
"""

from __future__ import annotations

import rules

COORDINATOR_GROUP = "coordinator"


@rules.predicate
def is_coordinator(user) -> bool:
    return user.is_superuser or user.groups.filter(name=COORDINATOR_GROUP).exists()


@rules.predicate
def is_controller(user) -> bool:
    return user.is_authenticated and user.controlled_programmes.exists()


# A concept preview of an unpublished period: for those who prepare the publication.
rules.add_perm("projects.preview_period", rules.is_authenticated & (is_coordinator | is_controller))
