"""Signal receivers that record logins, failed logins, lockouts, logouts, password changes,
role/permission changes, accounts created and (de)activated, and who is made a programme's
controller or manager, wherever they happen (login page, admin, shell, SSO, import)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from audit import Action, record

User = get_user_model()


def _current_request():
    """The request being served, as simple_history's HistoryRequestMiddleware keeps it."""
    return getattr(HistoricalRecords.context, "request", None)


def _current_actor():
    request = _current_request()
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else "system"


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs) -> None:
    record(Action.LOGIN, actor=user, target=user.get_username(), request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(Action.LOGOUT, actor=user, target=user.get_username(), request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))
    record(Action.LOGIN_FAILED, actor=username, target=username, request=request)


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    record(
        Action.LOCKOUT,
        actor=username or "",
        target=username or "",
        request=request,
        ip_address=ip_address,
    )


@receiver(pre_save, sender=User, dispatch_uid="audit_user_changes")
def _user_changes(sender, instance, raw=False, **kwargs) -> None:
    """Password and staff/superuser changes, compared with the stored row."""
    if raw or instance.pk is None:
        return
    fields = ("password", "is_staff", "is_superuser", "is_active")
    before = User.objects.filter(pk=instance.pk).values(*fields).first()
    if before is None:
        return
    target = instance.get_username()
    if before["password"] != instance.password:
        record(
            Action.PASSWORD_CHANGE,
            actor=_current_actor(),
            target=target,
            request=_current_request(),
        )
    if before["is_active"] != instance.is_active:
        action = Action.USER_REACTIVATED if instance.is_active else Action.USER_DEACTIVATED
        record(action, actor=_current_actor(), target=target, request=_current_request())
    for flag in ("is_staff", "is_superuser"):
        if before[flag] != getattr(instance, flag):
            record(
                Action.ROLE_CHANGE,
                actor=_current_actor(),
                target=target,
                request=_current_request(),
                field=flag,
                value=getattr(instance, flag),
            )


@receiver(post_save, sender=User, dispatch_uid="audit_user_created")
def _user_created(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        record(
            Action.USER_CREATED,
            actor=_current_actor(),
            target=instance.get_username(),
            request=_current_request(),
            is_staff=instance.is_staff,
            is_superuser=instance.is_superuser,
        )


@receiver(pre_save, sender="projects.Programme", dispatch_uid="audit_programme_roles")
def _programme_roles(sender, instance, raw=False, **kwargs) -> None:
    """Who is made a programme's controller or manager: the roles behind the review."""
    if raw:
        return
    before = {"controller_id": None, "manager_id": None}
    if instance.pk is not None:
        stored = sender.objects.filter(pk=instance.pk).values(*before).first()
        before = stored or before
    for role in ("controller", "manager"):
        if before[f"{role}_id"] == getattr(instance, f"{role}_id"):
            continue
        user = getattr(instance, role)
        record(
            Action.ROLE_CHANGE,
            actor=_current_actor(),
            target=user.get_username() if user else "",
            request=_current_request(),
            field=role,
            programme=str(instance),
            previous=before[f"{role}_id"],
        )


def _m2m_changed(field: str):
    def handler(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        names = sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set or ()))
        record(
            Action.ROLE_CHANGE,
            actor=_current_actor(),
            target=str(instance),
            request=_current_request(),
            field=field,
            change=action.removeprefix("post_"),
            objects=names,
        )

    return handler


_groups = _m2m_changed("groups")
_user_permissions = _m2m_changed("user_permissions")
_group_permissions = _m2m_changed("group_permissions")
m2m_changed.connect(_groups, sender=User.groups.through, dispatch_uid="audit_groups")
m2m_changed.connect(
    _user_permissions, sender=User.user_permissions.through, dispatch_uid="audit_user_perms"
)
m2m_changed.connect(
    _group_permissions,
    sender=User.groups.field.related_model.permissions.through,
    dispatch_uid="audit_group_perms",
)
