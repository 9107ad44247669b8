"""Login throttling (django-axes) and the append-only audit log (issue 11)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

import audit
from audit.models import AppendOnlyError, AuditEvent
from projects.rules import COORDINATOR_GROUP
from tests.workflow_data import PASSWORD, build_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)


def try_login(client, url: str, username: str, password: str):
    return client.post(url, {"username": username, "password": password})


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_the_sixth_failed_login_in_a_row_is_refused_even_with_the_right_password(
    client, round_, url
):
    username = round_.admin.username  # staff, so the admin login would accept them
    for _ in range(4):
        assert try_login(client, url, username, "wrong").status_code == 200  # form again
    assert try_login(client, url, username, "wrong").status_code == 429  # 5th: locked out
    response = try_login(client, url, username, PASSWORD)
    assert response.status_code == 429
    assert "Inloggen geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    events = AuditEvent.objects.filter(target=username)
    # 5 wrong passwords and the refused right one.
    assert events.filter(action=audit.Action.LOGIN_FAILED).count() == 6
    lockout = events.filter(action=audit.Action.LOCKOUT).earliest("when")
    assert lockout.ip_address == "127.0.0.1"
    assert lockout.actor_name == username
    assert not events.filter(action=audit.Action.LOGIN).exists()


def test_a_good_login_and_logout_are_recorded(client, round_):
    response = try_login(client, reverse("login"), round_.manager.username, PASSWORD)
    assert response.status_code == 302
    client.post(reverse("logout"))
    actions = list(AuditEvent.objects.filter(actor=round_.manager).values_list("action", flat=True))
    assert actions == [audit.Action.LOGOUT, audit.Action.LOGIN]  # newest first


def test_role_permission_and_password_changes_in_the_admin_are_recorded(client, round_):
    client.force_login(round_.admin)
    manager = round_.manager
    group = Group.objects.get(name=COORDINATOR_GROUP)
    manager.groups.add(group)
    user = User.objects.get(pk=manager.pk)
    user.is_staff = True
    user.save()
    response = client.post(
        reverse("admin:auth_user_password_change", args=[manager.pk]),
        {
            "password1": "een-nieuw-wachtwoord-2026",
            "password2": "een-nieuw-wachtwoord-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    events = AuditEvent.objects.filter(target=manager.username)
    assert events.filter(action=audit.Action.PASSWORD_CHANGE, actor=round_.admin).exists()
    staff = events.get(action=audit.Action.ROLE_CHANGE, extra__field="is_staff")
    assert staff.extra["value"] is True
    groups = events.get(action=audit.Action.ROLE_CHANGE, extra__field="groups")
    assert groups.extra == {"field": "groups", "change": "add", "objects": [group.name]}


def test_audit_events_can_be_appended_but_never_changed_or_deleted(round_):
    event = audit.record(audit.Action.IMPORT, actor=round_.coordinator, target="import.xlsx")
    assert event.actor_name == round_.coordinator.username
    event.target = "iets anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(target="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).target == "import.xlsx"


def test_administrators_read_and_filter_the_log_but_cannot_add_change_or_delete(client, round_):
    event = audit.record(audit.Action.EXCLUSION, actor=round_.coordinator, target="Sorga")
    client.force_login(round_.admin)
    changelist = reverse("admin:audit_auditevent_changelist")
    html = client.get(changelist, {"action__exact": "exclusion"}).content.decode()
    assert "Sorga" in html and "Rapportage uitgesloten" in html
    html = client.get(changelist, {"action__exact": "login"}).content.decode()
    assert "Sorga" not in html
    html = client.get(changelist, {"actor_name": round_.coordinator.username}).content.decode()
    assert "Sorga" in html
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = client.get(change)
    assert page.status_code == 200  # a read-only view
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change, {"target": "x"}).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).target == "Sorga"


def test_a_manager_cannot_read_the_log(client, round_):
    client.force_login(round_.manager)
    response = client.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 302  # not staff: sent to the admin login


def test_exclusion_and_readmission_on_the_board_are_recorded(client, round_):
    client.force_login(round_.coordinator)
    report = round_.other_report
    client.post(
        reverse("projects:exclude", args=[report.pk]),
        {"exclusion_reason": "Komt volgende ronde.", "version": report.version},
    )
    report.refresh_from_db()
    assert report.is_excluded
    client.post(reverse("projects:readmit", args=[report.pk]), {"version": report.version})
    actions = AuditEvent.objects.filter(actor=round_.coordinator, target=str(report))
    assert list(actions.values_list("action", flat=True)) == [
        audit.Action.READMISSION,
        audit.Action.EXCLUSION,
    ]
