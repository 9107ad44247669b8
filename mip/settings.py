"""Settings for MIP, read from environment variables with safe defaults.

Production runs with DEBUG off and PostgreSQL (``DATABASE_URL``); the one-command demo uses the
embedded SQLite default. ``manage.py check --deploy`` is clean when DEBUG is off.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Without SECRET_KEY a random key is used: safe, but sessions do not survive a restart.
SECRET_KEY = os.environ.get("SECRET_KEY") or get_random_secret_key()
# Signs backup manifests (reports/backup.py); never stored in a backup. Defaults to SECRET_KEY.
BACKUP_SIGNING_KEY = os.environ.get("BACKUP_SIGNING_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # django.contrib.admin, its date filters bounded (mip/admin_lists.py, issue 19)
    "mip.admin_lists.BoundedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    # Background tasks (django.tasks) stored in PostgreSQL: no extra service to run.
    "django_tasks_db",
    "projects",
    "reports",
    # Open data of published periods: imports projects and reports, neither imports it.
    "opendata",
    # The portfolio page and the council information letter: reads projects and reports.
    "portfolio",
    # The i-uitvoeringsplan before the monitor: imports projects, never imported by it.
    "planning",
    # Hardening (issue 11b): login throttling and the append-only audit log.
    "axes",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses HTML, CSV and JSON (the 500-programme overview: 1 MB to ~30 KB). BREACH: the
    # only secret in a body is the CSRF token, which Django masks anew for every response, and
    # Django pads the gzip header with random bytes ("Heal the Breach").
    # Never a PDF, a zip or a spreadsheet (already compressed; a 163 MB PDF took 2.7 s): issue 24.
    "mip.middleware.GZipTextMiddleware",
    # Hardening (issue 11b): Content-Security-Policy (SECURE_CSP) and Permissions-Policy.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "mip.middleware.PermissionsPolicyMiddleware",
    "mip.middleware.SiteUrlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mip.middleware.RenewSessionMiddleware",
    "mip.middleware.DutchFirstLocaleMiddleware",
    # A NUL in a query string is a 400 for the whole site, never a database error (issue 19).
    "mip.middleware.RefuseNulInQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change in a report's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Hardening (issue 11b): a form posted after the session expired is kept, not lost.
    "mip.session_expiry.KeepExpiredPostMiddleware",
    # django-axes wants to be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Published pages are prepared files (reports/prepared.py), not a cache. The "snapshots" table
# cache keeps only the open data's built files (opendata.archive.build_files), shared by every
# app server; the table is created by the migration reports 0003_scale_snapshot_cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "snapshots": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mip_snapshots",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}

ROOT_URLCONF = "mip.urls"
WSGI_APPLICATION = "mip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reports.context_processors.monitor",
                # csp_nonce for the few inline tags that cannot be static files (admin).
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- serve (issue 11): persistent connections that survive a database restart -------------
# CONN_MAX_AGE seconds (default 60), or "none" for one connection for the process's life (the
# task worker, so /readyz can see it in pg_stat_activity); health checks reconnect after a
# PostgreSQL restart instead of failing the next request.
_conn_max_age = os.environ.get("CONN_MAX_AGE", "60").strip().lower()
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=None if _conn_max_age == "none" else int(_conn_max_age),
        conn_health_checks=True,
    )
}

# Django's tasks framework with django-tasks-db: tasks wait in PostgreSQL until `manage.py
# db_worker` (started by `make serve`) runs them. Tests run them at once, in the test's thread.
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if env_bool("TESTING")
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# /readyz reports the task worker missing when no process with this PostgreSQL application_name
# is connected (make serve starts the worker with PGAPPNAME set to it).
MIP_TASK_WORKER_APPNAME = "mip-task-worker"
# Archived documents are handed to nginx (X-Accel-Redirect to MIP_X_ACCEL_PREFIX + the file's
# name under MEDIA_ROOT) once the view has checked they may be seen; on under `make serve`,
# off under plain gunicorn and in tests, where the view sends the file itself (issue 24).
MIP_X_ACCEL_REDIRECT = env_bool("MIP_X_ACCEL_REDIRECT")
MIP_X_ACCEL_PREFIX = "/_archive/"
# --- end serve ---------------------------------------------------------------------------------
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Object-level permissions (a manager may edit only their own programme's report) are
# declared once, as rules in projects/rules.py; views and templates ask user.has_perm().
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, the signed-in user read with their coordinator role (one query).
    "projects.rules.RoleAwareModelBackend",
]
if env_bool("TESTING"):
    # Deliberately weak hashing keeps the test suite fast; never set TESTING in production.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:start"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Archived documents (PDFs, open-data files) on a shared disk (MEDIA_ROOT, the default) or on
# S3-compatible object storage (MIP_ARCHIVE_STORAGE=s3), so several app servers need no shared
# mount: the bucket from AWS_STORAGE_BUCKET_NAME, the server from AWS_S3_ENDPOINT_URL (empty:
# Amazon), keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as boto3 reads them (issue 24).
MIP_ARCHIVE_STORAGE = os.environ.get("MIP_ARCHIVE_STORAGE", "filesystem")
if MIP_ARCHIVE_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,  # downloads go through presigned URLs only
            "signature_version": "s3v4",
            "file_overwrite": False,  # an archived version is never replaced
        },
    }
# How long a presigned download URL of the object store is valid (reports/files.py).
MIP_PRESIGNED_SECONDS = int(os.environ.get("MIP_PRESIGNED_SECONDS", "60"))
WHITENOISE_USE_FINDERS = DEBUG or env_bool("TESTING")
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS

# Django 6.1 mailers. Development prints mail to the console; production uses SMTP.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "MAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("SMTP_HOST", "localhost"),
        "port": int(os.environ.get("SMTP_PORT", "25")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mip@localhost")

# The municipality whose monitor this is; shown in the header, the PDF and its metadata.
MIP_MUNICIPALITY = os.environ.get("MIP_MUNICIPALITY", "Gemeente Rotterdam")
# Where the site is reached; links in e-mails start with it. Unset: the address the request
# came in on (mip.middleware.site_url), so `make run PORT=8080` mails links to port 8080.
MIP_SITE_URL = os.environ.get("MIP_SITE_URL", "")

# --- open data (issue 21) ----------------------------------------------------------------------
# Files archived with the PDFs at publication and at every erratum: dotted paths the
# publication task (reports/tasks.py) calls as builder(period, written=[...]). Named here so
# reports never imports the apps that extend the publication (docs/architecture.md).
PUBLICATION_ARTEFACTS = ["opendata.archive.archive_at_publication"]
# The open data's licence, an SPDX identifier (CC0-1.0 is what data.overheid.nl recommends).
OPEN_DATA_LICENSE = os.environ.get("OPEN_DATA_LICENSE", "CC0-1.0")
# The publisher in the DCAT catalogue: the municipality, by the URI of the national list of
# organisations (TOOI) where it has one.
OPEN_DATA_PUBLISHER_URI = os.environ.get(
    "OPEN_DATA_PUBLISHER_URI", "https://identifier.overheid.nl/tooi/id/gemeente/gm0599"
)
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "")
# Whether the controller's own light, where it differs from the manager's, is published beside
# it (page, PDF, open data). Recorded per report at publication, so switching it later changes
# no published period. A municipality that does not want it sets it off (issue 22).
PUBLISH_CONTROLLER_ASSESSMENT = env_bool("PUBLISH_CONTROLLER_ASSESSMENT", True)
# Sections other apps add to the period PDF after the overview, as dotted paths to callables
# (period, *, preview) -> reports.pdf.PdfSection | None: reports never imports those apps.
MIP_PDF_SECTIONS = ["portfolio.pdf.period_section"]

# --- prepared pages (issue 24) -----------------------------------------------------------------
# Every public page and export of a published period is rendered at publication and written here
# as <language>/<URL path>[index.html] with .gz and .br siblings (reports/prepared.py); nginx or
# the views send them to anonymous readers without rendering. Shared by every app server.
MIP_PREPARED_ROOT = Path(os.environ.get("MIP_PREPARED_ROOT", MEDIA_ROOT / "prepared"))
# Pages other apps add to a period's prepared pages: dotted paths to callables
# (period) -> list of URL paths (reports never imports those apps, like MIP_PDF_SECTIONS).
MIP_PREPARED_PAGES = ["portfolio.views.prepared_paths", "opendata.views.prepared_paths"]
# How long a browser or proxy may keep a prepared page before revalidating it (its ETag).
MIP_PREPARED_MAX_AGE = int(os.environ.get("MIP_PREPARED_MAX_AGE", "300"))

# Security: strict unless DEBUG is on (the local demo). Behind TLS in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP (serve, issue 11).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # SECURE_COOKIES=0 only for `make serve` on plain-HTTP loopback (serve, issue 11).
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Hardening (issue 11b): CSP, headers, session expiry, login throttling ---------------------
# Content Security Policy with Django's built-in middleware. No 'unsafe-inline' anywhere: our
# templates have no inline script/style (htmx's indicator style is in mip.css, see base.html's
# htmx-config); the admin's few inline tags carry the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Features MIP never uses are switched off for every page (mip.middleware.PermissionsPolicy…).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Signed out after SESSION_COOKIE_AGE seconds without a request (default 30 minutes); requests
# renew it, at most once a minute (mip.middleware.RenewSessionMiddleware: not a database write
# per page). A form posted after expiry is kept (mip/session_expiry.py).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
# django-axes (issue 19, finding 5; docs/security.md): three counters, each with its own limit
# and cool-off (mip/lockout.py): username+address after AXES_FAILURE_LIMIT failures for
# AXES_COOLOFF_HOURS; the username alone after 4x as many for a third of that; the address alone
# after 10x. A good login resets only its own username+address count.
AXES_HANDLER = "mip.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Behind a proxy the client address is in X-Forwarded-For. AXES_IPWARE_PROXY_COUNT is the
# number of trusted proxies in front of MIP (0 = MIP is reached directly: the header is
# ignored, so nobody can dodge the lockout by sending a made-up header).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
# Behind `make serve`'s nginx, which overwrites X-Real-IP with the address it was reached from.
if env_bool("MIP_BEHIND_NGINX"):
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]
# Optional single sign-on (OpenID Connect, mozilla-django-oidc): on when OIDC_RP_CLIENT_ID is
# set. Local accounts keep working beside it. Roles come from the claim OIDC_ROLE_CLAIM (see
# mip/oidc.py and docs/security.md).
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
OIDC_ROLE_CLAIM = os.environ.get("OIDC_ROLE_CLAIM", "groups")
OIDC_COORDINATOR_ROLES = env_list("OIDC_COORDINATOR_ROLES", "mip-coordinator")
OIDC_ADMIN_ROLES = env_list("OIDC_ADMIN_ROLES", "mip-admin")
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("mip.oidc.RoleMappingOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["OIDC_OP_JWKS_ENDPOINT"]
    OIDC_TIMEOUT = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print every record a second time.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}
