"""Who may edit a plan: the coordinator of the monitor, or a user named planner of that plan.

Reading the plan is for every signed-in user: a plan is a draft of spending that the
municipalities have not yet decided on, so it is not public.
"""

from __future__ import annotations

import rules

from projects.rules import is_coordinator

PLANNER_GROUP = "planner"


@rules.predicate
def is_planner_of(user, plan) -> bool:
    if plan is None or not user.is_authenticated:
        return False
    return plan.planners.filter(pk=user.pk).exists()


@rules.predicate
def in_planner_group(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=PLANNER_GROUP).exists()


rules.add_perm("planning.view_plan", rules.is_authenticated)
rules.add_perm("planning.edit_plan", is_coordinator | is_planner_of | in_planner_group)
rules.add_perm("planning.promote_initiative", is_coordinator)
