"""Settings for the Baku PMU portal, read from the environment (django-environ).

Every setting that differs between a laptop and production comes from an environment variable; `.env.example`
lists them. With nothing set, the portal runs on a SQLite file with Celery tasks executed in-process, so
`make run` needs nothing but Python.
"""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# ENV_FILE lets the test suite (and anyone) ignore a developer's .env.
environ.Env.read_env(env("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

# The demo key is public (it is in this file): refuse it outside DEBUG. Commands that only read the code and write
# source files (migrations, message catalogues) sign nothing, so a bare checkout may run them without a key.
DEMO_SECRET_KEY = "django-insecure-demo-key-for-local-development-only-0b4ku"
CODE_ONLY_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=DEMO_SECRET_KEY)
_code_only = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] and sys.argv[1] in CODE_ONLY_COMMANDS
if not DEBUG and SECRET_KEY == DEMO_SECRET_KEY and not _code_only and not env.bool("ALLOW_DEMO_SECRET_KEY", False):
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (the demo key is public).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "osce_baku.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "accounts",
    "programmes",
    "reports",
    "policing",
    "training",
    "counterterrorism",
    "trafficking",
    "audit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "interop",
]

MIDDLEWARE = [
    # First: every log line of the request, whatever layer writes it, carries the request id.
    "osce_baku.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "osce_baku.middleware.DatabaseUnavailableMiddleware",
    "osce_baku.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.MFARequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the authentication backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "osce_baku.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "programmes.context_processors.navigation",
            ],
            "builtins": ["osce_baku.text_filters"],  # upper_text, lower_text, capfirst_text: letter case per language
        },
    },
]

WSGI_APPLICATION = "osce_baku.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Every request is one transaction: a failure half-way leaves nothing written.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL: the hottest reads are prepared on the server once per connection (osce_baku/prepared.py). Off behind a
# connection pooler in transaction mode, where a connection's next transaction may run in another server session.
PREPARED_STATEMENTS = env.bool("PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves an office at once. WAL lets readers carry on while one request writes; IMMEDIATE
    # takes the write lock when a request's transaction starts, so two requests never both read and then fail to
    # upgrade to writing (SQLite answers that deadlock with "database is locked" at once, whatever the timeout);
    # the busy timeout makes a request wait its turn for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out address+username before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.RoleBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English, Azerbaijani (Latin script), Russian.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("az", _("Azerbaijani")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style per language (British English; dd.mm.yyyy in az and ru), for display and for form input alike.
FORMAT_MODULE_PATH = ["osce_baku.formats"]
TIME_ZONE = "Asia/Baku"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: downloads go through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "osce_baku.storage.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Redis: broker, result store and cache. Without it, tasks run in-process and the cache is per-process memory.
# Certificates (training app): who signs them unless a course names its own signatory, and an optional emblem
# (a PNG, JPEG or SVG file on the server) printed at the top.
CERTIFICATE_SIGNATORY_NAME = env("CERTIFICATE_SIGNATORY_NAME", default="")
CERTIFICATE_SIGNATORY_TITLE = env("CERTIFICATE_SIGNATORY_TITLE", default="")
CERTIFICATE_EMBLEM = env("CERTIFICATE_EMBLEM", default="")

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "osce_baku.cache.SharedClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# A killed worker must not lose a task: acknowledge late and requeue when the worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=15 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=20 * 60)
# The visibility timeout must exceed the hard limit, or Redis hands a running task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 10 * 60}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="pmu-portal@localhost")

# --- Security (docs/security.md says how each OWASP ASVS L2 area is met) ---------------------------------------------
# Production defaults are the safe ones; DEBUG (make run) relaxes only what plain http on a laptop needs.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe /health/ over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp 4): no inline scripts or styles anywhere; data: images for the QR code & icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sessions: a new id at sign-in (Django), idle and absolute timeouts (accounts.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# With Redis, sessions are read from the cache (one database query less on every request) and still written
# through to the database. Not with the per-process memory cache: a session ended by one worker would live on in
# another's memory.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
# The same reasoning for each user's roles and authenticator enrolment, asked on every request (accounts.user_facts).
USER_FACTS_CACHED = bool(REDIS_URL)

# Two-factor sign-in: none | managers (managers and administrators) | all. Production default: managers.
REQUIRE_MFA = env("REQUIRE_MFA", default="none" if DEBUG else "managers")
if REQUIRE_MFA not in ("none", "managers", "all"):
    raise ImproperlyConfigured("REQUIRE_MFA must be one of: none, managers, all.")
OTP_TOTP_ISSUER = "OSCE Baku PMU portal"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Lockout after repeated failed sign-ins, per address and username together (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Axes logs usernames (which are often names); the portal logs sign-in events itself, without them.
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Axes' admin screens refuse 'add'; unblock with `manage.py axes_reset_username NAME` (docs/security.md).
AXES_ENABLE_ADMIN = False
# The client address for lockouts (django-ipware). Directly exposed: REMOTE_ADDR, the only value a client cannot set.
# Behind a reverse proxy REMOTE_ADDR is the proxy for everyone, so one attacker would lock a username out for the
# whole office: have the proxy overwrite a header with the client address (nginx: `proxy_set_header X-Real-IP
# $remote_addr`) and name it first, e.g. AXES_IPWARE_META_PRECEDENCE_ORDER=HTTP_X_REAL_IP,REMOTE_ADDR. Never name a
# header the proxy passes on from clients unchanged: a client could then pick its own address for every attempt.
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list("AXES_IPWARE_META_PRECEDENCE_ORDER", default=["REMOTE_ADDR"])
AXES_IPWARE_PROXY_ORDER = env("AXES_IPWARE_PROXY_ORDER", default="left-most")
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=None)
AXES_IPWARE_PROXY_TRUSTED_IPS = env.list("AXES_IPWARE_PROXY_TRUSTED_IPS", default=[]) or None

# NRM statistics: counts from 1 to this minus one leave the database only as "<N".
NRM_SUPPRESSION_THRESHOLD = env.int("NRM_SUPPRESSION_THRESHOLD", default=5)

# The demo seed (fixed passwords) is refused unless this is on; DEBUG turns it on.
ALLOW_DEMO_DATA = env.bool("ALLOW_DEMO_DATA", default=DEBUG)

# Logs: JSON lines in production, with the request id and user id on every record and never a person's name.
LOG_FORMAT = env("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "osce_baku.logs.RequestContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] %(message)s"},
        "json": {"()": "osce_baku.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}


# --- Reports (reports/): report files, attempts, the periodic clean-up and the quarterly digest -----------------
from celery.schedules import crontab  # noqa: E402

# Generated report files are deleted this many hours after they are ready.
REPORT_FILE_TTL_HOURS = env.int("REPORT_FILE_TTL_HOURS", default=72)
# A report whose worker dies this many times is marked failed instead of being run again.
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
# Tests only: seconds to wait at each progress step, so a test can kill a worker while a report is running.
REPORT_TEST_DELAY_SECONDS = env.float("REPORT_TEST_DELAY_SECONDS", default=0.0)
# Tests only: a short visibility timeout lets a new worker pick up a killed worker's task within seconds. Production
# keeps the timeout above the hard time limit (see CELERY_BROKER_TRANSPORT_OPTIONS above). The restore sweep's lock
# expires as fast: a worker killed while it held the lock (it sweeps every second) would otherwise block every other
# worker's sweep for kombu's default of 5 minutes.
if env("CELERY_VISIBILITY_TIMEOUT", default=""):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT"),
        "unacked_mutex_expire": env.int("CELERY_VISIBILITY_TIMEOUT"),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
# Crontab fields "minute hour day-of-month month day-of-week" of the managers' quarterly PDF digest.
REPORT_DIGEST_CRONTAB = env("REPORT_DIGEST_CRONTAB", default="0 7 1 1,4,7,10 *")
_digest = REPORT_DIGEST_CRONTAB.split()
CELERY_BEAT_SCHEDULE = {
    "reports-cleanup": {"task": "reports.tasks.cleanup_reports", "schedule": crontab(minute="*/30")},
    # Puts right summaries that a script's bulk write left stale (programmes/tasks.py), while nobody is working.
    "programmes-repair-summaries": {
        "task": "programmes.tasks.repair_summaries",
        "schedule": crontab(minute=30, hour=2),
    },
    "reports-quarterly-digest": {
        "task": "reports.tasks.send_quarterly_digests",
        "schedule": crontab(*_digest[:2], day_of_month=_digest[2], month_of_year=_digest[3], day_of_week=_digest[4]),
    },
}


# --- API (api/) and data exchange (interop/) -------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an unauthenticated request then gets 401 with `WWW-Authenticate: Token` rather than a bare 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        # Both refuse an empty or unknown value with 400 (api/filters.py), as documented in the schema.
        "api.filters.FilterBackend",
        "api.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.SmallTablePagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env("API_THROTTLE_RATE", default="3000/hour")},
}
# Personal API tokens stop working this many days after they are made (api.models.ApiToken.expires_at).
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=90)
if API_TOKEN_LIFETIME_DAYS < 1:
    raise ImproperlyConfigured("API_TOKEN_LIFETIME_DAYS must be at least 1.")
SPECTACULAR_SETTINGS = {
    "TITLE": "Baku PMU portal API",
    "DESCRIPTION": "Programmes, projects, activities, participants, indicators, reports and unit data of the portal, "
    "with the same rights as its pages. Authenticate with a personal token: `Authorization: Token pmu_...`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Error answers of every operation and the empty-value rule of query parameters (api/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.document_errors"],
    # Swagger UI and its assets come from the drf-spectacular-sidecar package: nothing is loaded from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "LocationKindEnum": "programmes.models.Location.Kind",
        "PartnerKindEnum": "programmes.models.Partner.Kind",
        "ActivityKindEnum": "programmes.models.ActivityKind",
        "PartnerRoleEnum": "programmes.models.PartnerRole",
        "ParticipationRoleEnum": "programmes.models.ParticipationRole",
    },
}
# The IATI organisation identifier the exports report as (reporting-org/@ref, prefix of every iati-identifier).
# "XI-IATI-OSCE" is a placeholder until the OSCE's registered identifier is confirmed: set IATI_REPORTING_ORG_REF.
IATI_REPORTING_ORG_REF = env("IATI_REPORTING_ORG_REF", default="XI-IATI-OSCE")
