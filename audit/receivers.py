"""Signal receivers that record logins, failed logins, lockouts, logouts, password changes and
role/permission changes, wherever they happen (login page, admin, shell, a future SSO backend)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
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
    before = User.objects.filter(pk=instance.pk).values("password", "is_staff", "is_superuser")
    before = before.first()
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
