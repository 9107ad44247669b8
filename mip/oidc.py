"""Optional single sign-on with the municipality's OpenID Connect provider (off by default).

mozilla-django-oidc does the protocol (authorization code flow, ID token signature via the
provider's JWKS, nonce and state). This backend only decides who the person is in MIP and
which role they get: the claim ``OIDC_ROLE_CLAIM`` (a list such as ``groups`` or ``roles``)
is mapped on every login, so a role taken away at the provider is gone in MIP at the next login.
Managers and controllers are assigned per programme in MIP itself, not by the provider.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from projects.rules import COORDINATOR_GROUP, with_coordinator_role


class RoleMappingOIDCBackend(OIDCAuthenticationBackend):
    def get_user(self, user_id):
        """The signed-in user with their coordinator role, as ``RoleAwareModelBackend`` reads it."""
        try:
            return with_coordinator_role(self.UserModel.objects.all()).get(pk=user_id)
        except self.UserModel.DoesNotExist:
            return None

    def filter_users_by_claims(self, claims):
        """An existing local account with the same username is the same person."""
        username = self.get_username(claims)
        return self.UserModel.objects.filter(username=username)

    def get_username(self, claims) -> str:
        return str(claims.get("preferred_username") or claims.get("email", ""))[:150]

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(self.get_username(claims), claims.get("email"))
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        roles = set(claims.get(settings.OIDC_ROLE_CLAIM) or ())
        user.email = claims.get("email", user.email)
        user.first_name = claims.get("given_name", user.first_name)
        user.last_name = claims.get("family_name", user.last_name)
        admin = bool(roles & set(settings.OIDC_ADMIN_ROLES))
        user.is_staff = user.is_superuser = admin
        user.save()
        coordinator, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
        if roles & set(settings.OIDC_COORDINATOR_ROLES):
            user.groups.add(coordinator)
        else:
            user.groups.remove(coordinator)
        return user
