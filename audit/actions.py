"""The security-relevant actions MIP records. Stored as these short codes; shown translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKOUT = "lockout", _("Locked out after failed logins")
    LOGOUT = "logout", _("Logged out")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    ROLE_CHANGE = "role_change", _("Role or permission changed")
    PUBLICATION = "publication", _("Period published")
    ERRATUM = "erratum", _("Erratum added")
    EXCLUSION = "exclusion", _("Report excluded")
    READMISSION = "readmission", _("Report readmitted")
    IMPORT = "import", _("Import")
    USER_CREATED = "user_created", _("User created")
    USER_DEACTIVATED = "user_deactivated", _("User deactivated")
    USER_REACTIVATED = "user_reactivated", _("User reactivated")
    ERRATUM_RETRY = "erratum_retry", _("Erratum archiving retried")
