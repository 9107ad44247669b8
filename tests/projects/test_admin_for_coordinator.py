import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from projects.rules import COORDINATOR_GROUP


@pytest.fixture
def coordinator(db):
    user = User.objects.create_user("carla", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))  # made by migrate
    return user


def test_coordinator_can_open_every_admin_list(client, coordinator, demo):
    client.force_login(coordinator)
    ours = [m for m in admin.site._registry if m._meta.app_label in {"projects", "reports"}]
    assert len(ours) >= 8
    for model in ours:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_coordinator_cannot_administer_groups(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_coordinator_cannot_make_anyone_superuser(client, coordinator):
    client.force_login(coordinator)
    url = reverse("admin:auth_user_change", args=[coordinator.pk])
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page
    client.post(
        url,
        {
            "username": "carla",
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    coordinator.refresh_from_db()
    assert not coordinator.is_superuser


def test_a_period_cannot_be_published_by_setting_its_state(make_period, make_report):
    from django.core.exceptions import ValidationError

    from projects.models import ReportingPeriod

    period = make_period(state=ReportingPeriod.State.IN_REVIEW)
    make_report(period=period, state="draft")
    period.state = ReportingPeriod.State.PUBLISHED
    period.published_at = period.start
    with pytest.raises(ValidationError):
        period.save()
    assert ReportingPeriod.objects.get(pk=period.pk).state == ReportingPeriod.State.IN_REVIEW
    assert "state" in admin.site._registry[ReportingPeriod].readonly_fields


# --- Issue 14: the admin follows the submission rule of the model -------------------------------


def admin_form(report, **changes):
    """The admin's own change form for ``report``, bound to its values with ``changes``."""
    from django.test import RequestFactory

    from projects.models import StatusReport

    model_admin = admin.site._registry[StatusReport]
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="admin-test")
    form_class = model_admin.get_form(request, report, change=True)
    unbound = form_class(instance=report)
    data = {}
    for field in unbound:
        value = field.value()
        if hasattr(field.field.widget, "widgets"):  # split date and time
            for index, part in enumerate(field.field.widget.decompress(value)):
                data[f"{field.html_name}_{index}"] = part or ""
        else:
            data[field.html_name] = "" if value is None else value
    return form_class({**data, **changes}, instance=report)


@pytest.fixture
def adidas_draft(demo):
    from projects.models import StatusReport

    User.objects.create_superuser("admin-test", password="x")
    return StatusReport.objects.get(programme__slug="adidas", period__state="open")


def test_admin_saves_a_draft_with_red_and_no_explanation(adidas_draft):
    form = admin_form(adidas_draft, time_rating="red", time_explanation="")
    assert form.is_valid(), form.errors
    form.save()
    adidas_draft.refresh_from_db()
    assert adidas_draft.time_rating == "red"


def test_admin_refuses_a_submitted_report_that_is_not_complete(adidas_draft):
    # ADIDAS's figures forecast 12 % over budget: green for money needs its reason.
    complete = {
        "state": "submitted",
        "quality_rating": "green",
        "money_rating": "green",
        "time_rating": "red",
        "time_explanation": "Uitloop.",
        "risk_rating": "orange",
        "risk_explanation": "Leverancier.",
    }
    form = admin_form(adidas_draft, **complete, money_greener_reason="")
    assert not form.is_valid()
    assert list(form.errors) == ["money_greener_reason"]
    form = admin_form(adidas_draft, **(complete | {"time_explanation": ""}))
    assert not form.is_valid()
    assert set(form.errors) == {"time_explanation", "money_greener_reason"}
    form = admin_form(adidas_draft, **complete, money_greener_reason="Gedekt.")
    assert form.is_valid(), form.errors
