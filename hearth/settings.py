"""Hearth settings: every value comes from the environment, with safe local defaults.

Local (the default): SQLite under var/, DEBUG off unless HEARTH_DEBUG, plain HTTP.
Production (HEARTH_PRODUCTION=true): SECRET_KEY and ALLOWED_HOSTS must be given, HTTPS only,
secure cookies, HSTS.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from hearth.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("HEARTH_VAR_DIR", str(BASE_DIR / "var")))

PRODUCTION = envbool("HEARTH_PRODUCTION", False)
DEBUG = envbool("HEARTH_DEBUG", False)

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
    # Local and test runs only: never used when HEARTH_PRODUCTION is on.
    SECRET_KEY = "local-only-not-secret-hearth-development-key-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = envlist(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("HEARTH_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "govuk_frontend_django",
    # Serves the API docs page (Swagger UI) from our own static files rather than a CDN.
    "ninja",
    "django_ratelimit",
    "hearth.core",
    "hearth.accounts",
    "hearth.estates",
    "hearth.tenancies",
    "hearth.contacts",
    "hearth.repairs",
    "hearth.complaints",
    "hearth.neighbourhood",
    "hearth.rents",
    "hearth.safety",
    "hearth.involvement",
    "hearth.performance",
    "hearth.lettings",
    "hearth.interchange",
    "hearth.staff",
    "hearth.portal",
    "hearth.api",
    "hearth.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A signed-in resident who has not chosen a language on this device reads their own.
    "hearth.involvement.languages.PreferredLanguageMiddleware",
    "hearth.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # A 414 page of ours, with the right header, for an address too long to read.
    "hearth.core.errors.LongAddressMiddleware",
]

ROOT_URLCONF = "hearth.urls"
WSGI_APPLICATION = "hearth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hearth" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # GOV.UK dates and times (govuk_date, govuk_time, ...) in every template.
            "builtins": ["hearth.core.templatetags.govuk_formats"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "hearth.core.context_processors.landlord",
            ],
        },
    },
]


def _database(url: str) -> dict[str, object]:
    config: dict[str, object] = dict(
        dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", 0))
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers carry on while one writer commits; IMMEDIATE takes the write lock
        # at BEGIN so two workers queue on busy_timeout instead of failing mid-transaction.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
            ),
        }
    elif config["ENGINE"] == "django.db.backends.postgresql" and not envbool("HEARTH_PG_JIT"):
        # PostgreSQL compiles a query whose estimated cost is high (a work queue's correlated
        # subqueries over every home) before running it: at 10,000 homes "my work" spent 8.3 s
        # compiling a query that ran in 0.25 s. Hearth's pages and measures are many short
        # queries, so JIT stays off unless HEARTH_PG_JIT=1.
        options = dict(config.get("OPTIONS") or {})  # type: ignore[call-overload]
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        config["OPTIONS"] = options
    return config


DATABASE_URL = (
    envstr("TEST_DATABASE_URL")
    if envbool("HEARTH_TESTING") and envstr("TEST_DATABASE_URL")
    else envstr("DATABASE_URL")
)
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}"
DATABASES = {"default": _database(DATABASE_URL)}
# A read replica for reports and measures (docs/deploy.md): reads inside
# hearth.core.db_router.reading_reports() go to it; everything else stays on the primary.
REPLICA_DATABASE_URL = envstr("REPLICA_DATABASE_URL")
DATABASE_ROUTERS: list[str] = []
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = _database(REPLICA_DATABASE_URL)
    # Test runs give the replica the primary's test database rather than one of its own.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["hearth.core.db_router.ReportsReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:after-sign-in"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

AXES_FAILURE_LIMIT = envint("HEARTH_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("HEARTH_LOCKOUT_MINUTES", 15))
# Each on its own: a username is locked wherever the guesses come from (so guesses spread
# across many addresses are stopped too), and an address is locked whichever usernames it
# tries (password spraying). A successful sign-in or the cool-off clears the failures.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Staff accounts unused (no sign-in, no API token) for this many days are deactivated by the
# daily `accounts.dormant_staff` sweep; 0 turns it off.
HEARTH_DORMANT_STAFF_DAYS = envint("HEARTH_DORMANT_STAFF_DAYS", 90)

# The retention schedule (`hearth retention`, docs/security.md): closed records are anonymised
# this many years after they closed; a kind of record may have its own period here, by its key
# (e.g. {"neighbourhood.asb_case": 3}).
HEARTH_RETENTION_YEARS = envint("HEARTH_RETENTION_YEARS", 6)
HEARTH_RETENTION_YEARS_BY_RECORD: dict[str, int] = {}

OTP_TOTP_ISSUER = envstr("HEARTH_OTP_ISSUER", "Hearth")

LANGUAGE_CODE = "en-gb"
# The resident portal and its messages; translations in hearth/locale, compiled at setup.
LANGUAGES = [("en-gb", "English"), ("tr", "Turkish")]
LOCALE_PATHS = [BASE_DIR / "hearth" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "hearth" / "static"]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = envint("EMAIL_PORT", 1025)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "hearth@localhost")
# Used with EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (what `make run`
# chooses when no mail server is configured): each email is a file to read.
EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

NOTIFY_API_KEY = envstr("NOTIFY_API_KEY")
# `make run` only, with no Notify key: texts and letters are written to files under this folder
# (texts/, letters/) beside the emails. Empty (the default, and production): without Notify
# they are kept as "not sent".
NOTIFY_FILE_PATH = envstr("HEARTH_NOTIFY_FILE_PATH")
NOTIFY_SMS_TEMPLATE_ID = envstr("NOTIFY_SMS_TEMPLATE_ID")
NOTIFY_LETTER_TEMPLATE_ID = envstr("NOTIFY_LETTER_TEMPLATE_ID")
NOTIFY_EMAIL_TEMPLATE_ID = envstr("NOTIFY_EMAIL_TEMPLATE_ID")
# Only changed to point at a stand-in server in tests; production uses Notify's own address.
NOTIFY_BASE_URL = envstr("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")

TASKS = {
    "default": {
        "BACKEND": envstr("HEARTH_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}

# The cache every process shares: Redis when REDIS_URL names a server (install the `redis`
# package), otherwise a table in the database (`hearth migrate` creates it). Rate limits count
# here, so a limit holds across every web process and worker.
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hearth_cache",
        }
    }

# Rate limits (hearth.core.ratelimits, django-ratelimit): "N/h" is N an hour. Every public form
# and every form that sends a message to an address someone typed has a group here.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_ENABLE = envbool("HEARTH_RATE_LIMITING", True)
# Behind a proxy, name the request header holding the client's address (e.g.
# HTTP_X_FORWARDED_FOR is NOT safe unless the proxy overwrites it); REMOTE_ADDR by default.
RATELIMIT_IP_META_KEY = envstr("HEARTH_CLIENT_IP_HEADER") or None
HEARTH_RATE_LIMITS = {
    # Sending a complaint online, per client address.
    "complaint": envstr("HEARTH_RATE_COMPLAINT", "5/h"),
    # Messages to one typed-in email address or phone number, whoever sends them.
    "complaint-address": envstr("HEARTH_RATE_COMPLAINT_ADDRESS", "3/h"),
    # Asking for a password reset, per client address and per address typed.
    "password-reset": envstr("HEARTH_RATE_PASSWORD_RESET", "5/h"),
    "password-reset-address": envstr("HEARTH_RATE_PASSWORD_RESET_ADDRESS", "3/h"),
    # Estate reports from a block poster's QR code (no sign-in), per client address, and the
    # messages they send to one typed-in address.
    "estate-report": envstr("HEARTH_RATE_ESTATE_REPORT", "10/h"),
    "estate-report-address": envstr("HEARTH_RATE_ESTATE_REPORT_ADDRESS", "5/h"),
    # Open311 service requests created, per API token.
    "open311-create": envstr("HEARTH_RATE_OPEN311_CREATE", "60/h"),
}
# django-ratelimit prefers memcached or django-redis. Django's own Redis cache works as well; the
# database cache's increment is a read then a write, so two requests at the very same moment may
# both be counted as one: a limit may let one or two extra through, never refuse too early.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("HEARTH_SESSION_SECONDS", 8 * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("HEARTH_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("HEARTH_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("HEARTH_LOG_LEVEL", "WARNING")},
}

# How many days ahead a deadline counts as "due soon" on work queues.
HEARTH_DUE_SOON_WORKING_DAYS = envint("HEARTH_DUE_SOON_WORKING_DAYS", 2)
