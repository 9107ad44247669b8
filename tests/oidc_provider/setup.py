"""Run inside the provider process's settings: one user in a group, one registered client."""

import os
import sys

import django

sys.path.insert(0, os.getcwd())
django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

user = User.objects.create_user(
    "j.jansen", "j.jansen@gemeente.example", "idp-pass-2026", first_name="Jan", last_name="Jansen"
)
user.groups.add(Group.objects.create(name=os.environ["OIDC_PROVIDER_GROUP"]))
Application.objects.create(
    name="MIP",
    client_id="mip",
    client_secret="mip-secret",
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris="http://testserver/oidc/callback/",
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,
)
