"""Login forms with a bounded username (issue 19, finding 6).

Django's AuthenticationForm only sets ``maxlength`` on the widget: a 256-character username went
on to ``authenticate()``, and django-axes failed to store it (``username varchar(255)``) with a
500, so the attempt was never counted and one address could make unlimited password-hash work.
Here a username longer than the User model allows (150) is refused with a message before any
password is checked, and still counted as a failed login (axes and the audit log both listen
to ``user_login_failed``).
"""

from __future__ import annotations

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_USERNAME = get_user_model()._meta.get_field("username").max_length  # 150


class BoundedUsernameMixin:
    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if len(username) > MAX_USERNAME:
            # Counted like a wrong password, under the first 150 characters (axes stores 255).
            user_login_failed.send(
                sender=__name__,
                credentials={"username": username[:MAX_USERNAME]},
                request=self.request,
            )
            raise ValidationError(
                _("A username has at most %(max)s characters."),
                code="username_too_long",
                params={"max": MAX_USERNAME},
            )
        return username


class LoginForm(BoundedUsernameMixin, AuthenticationForm):
    """The site's login page (/accounts/login/)."""


class AdminLoginForm(BoundedUsernameMixin, AdminAuthenticationForm):
    """The admin's login page (/admin/login/)."""
