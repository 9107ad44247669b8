"""Who may do what, in one place: object-level rules checked with ``user.has_perm(name, obj)``.

Roles: the coordinator (group ``coordinator``) runs the round for all programmes; a controller
reviews the programmes assigned to them; a programme manager enters the reports of their own
programmes; superusers are administrators (Django grants them every permission). Anonymous
visitors read published periods only.

A concept preview of an unpublished period (``/<period>/mip.pdf``,
``/<period>/<programme>/mip.pdf``) is for those who prepare the publication
(``preview_period``), and holds only the reports the user may view (``view_report``): a
controller previews their own programmes' drafts, never another's
(``reports.pdf.reports_for(viewer=…)``); another programme's concept PDF is a 404, as every
concept URL is for those who may not see it.

Accounts: nobody acts on an account with more rights than their own (``administer_account``):
a coordinator cannot change, set the password of, deactivate or delete a superuser, or a user
with a group, a permission or staff status they lack themselves.

Rules decide *who*; whether the report's state allows the action (an approved report cannot be
edited, say) is the model's business (``StatusReport.is_editable`` and its transitions).
"""

from __future__ import annotations

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, QuerySet

COORDINATOR_GROUP = "coordinator"


@rules.predicate
def is_coordinator(user) -> bool:
    """Asked many times per request (every rule and row check, the menu): read with the
    signed-in user (``RoleAwareModelBackend``), else one query per user object, remembered on
    it as Django remembers permissions (``_perm_cache``)."""
    if user.is_superuser:
        return True
    if not hasattr(user, "_mip_is_coordinator"):
        user._mip_is_coordinator = user.groups.filter(name=COORDINATOR_GROUP).exists()
    return user._mip_is_coordinator


def with_coordinator_role(users: QuerySet) -> QuerySet:
    """Users with their coordinator role in the same query, as ``is_coordinator`` remembers it."""
    coordinator = Group.objects.filter(user=OuterRef("pk"), name=COORDINATOR_GROUP)
    return users.annotate(_mip_is_coordinator=Exists(coordinator))


class RoleAwareModelBackend(ModelBackend):
    """Django's ModelBackend, but the signed-in user is read with their coordinator role: every
    signed-in page asks for it (the menu, the views it guards), one query fewer each (issue 24).
    The role is read afresh on every request, so taking it away takes effect at once."""

    def get_user(self, user_id):
        users = with_coordinator_role(get_user_model()._default_manager.all())
        try:
            user = users.get(pk=user_id)  # not first(): ordering hashes the subquery (0.6 ms)
        except ObjectDoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


@rules.predicate
def is_controller(user) -> bool:
    return user.is_authenticated and user.controlled_programmes.exists()


@rules.predicate
def is_manager(user) -> bool:
    return user.is_authenticated and user.managed_programmes.exists()


@rules.predicate
def manages_programme_of(user, report) -> bool:
    return report is not None and report.programme.manager_id == user.pk


@rules.predicate
def controls_programme_of(user, report) -> bool:
    return report is not None and report.programme.controller_id == user.pk


@rules.predicate
def has_no_fewer_rights_than(user, account) -> bool:
    """True if ``account`` holds nothing ``user`` lacks: superuser and staff status, groups
    (the coordinator role is a group) and permissions (its own and through groups)."""
    if account is None or user.is_superuser:
        return True
    if account.is_superuser or (account.is_staff and not user.is_staff):
        return False
    groups = set(user.groups.values_list("pk", flat=True))
    if not set(account.groups.values_list("pk", flat=True)) <= groups:
        return False
    return account.get_all_permissions() <= user.get_all_permissions()


signed_in = rules.is_authenticated

# A concept preview of an unpublished period: for those who prepare the publication.
rules.add_perm("projects.preview_period", signed_in & (is_coordinator | is_controller))

# "Mijn rapportages": every signed-in user has the page; it lists what they may act on.
rules.add_perm("projects.list_own_reports", signed_in)
# One report's workflow page with its history.
rules.add_perm(
    "projects.view_report",
    signed_in & (manages_programme_of | controls_programme_of | is_coordinator),
)
# Entering the status: the programme's own manager.
rules.add_perm("projects.enter_report", signed_in & manages_programme_of)
# The review queue and reviewing one report: its controller, or the coordinator standing in.
# The coordinator test first: it is remembered on the user, so the menu asks it once a page.
rules.add_perm("projects.review_queue", signed_in & (is_coordinator | is_controller))
rules.add_perm("projects.review_report", signed_in & (controls_programme_of | is_coordinator))
# Running the round: open periods, the completeness board, exclusion, publication, errata.
rules.add_perm("projects.run_round", signed_in & is_coordinator)
# Changing, setting the password of, deactivating or deleting an account (the Django admin):
# never one with more rights than one's own, or a coordinator could log in as the superuser.
rules.add_perm("projects.administer_account", signed_in & has_no_fewer_rights_than)


# Model permissions the coordinator needs to keep the monitor's data in the Django admin:
# everything of MIP's own apps, and the users who manage and control programmes.
COORDINATOR_APPS = ("projects", "reports")
COORDINATOR_USER_PERMISSIONS = ("view_user", "add_user", "change_user")


def ensure_coordinator_group(**kwargs) -> None:
    """Create the coordinator group with its admin permissions; runs after every migrate."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _created = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            Q(content_type__app_label__in=COORDINATOR_APPS)
            | Q(content_type__app_label="auth", codename__in=COORDINATOR_USER_PERMISSIONS)
        )
    )
