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
