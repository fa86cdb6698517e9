"""CareQA settings: one file, driven by environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
# A development key only; the production settings refuse to start without a real one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "careqa-development-key-not-for-production")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "careqa.accounts",
    "careqa.audit",
    "careqa.areas",
    "careqa.providers",
    "careqa.regulators",
    "careqa.insights",
    "careqa.visits",
    "careqa.plans",
    "careqa.escalation",
    "careqa.risk",
    "careqa.work",
    "careqa.demo",
    "careqa.govuk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After sessions and authentication (it asks who is signed in) and before any
    # process_view (CsrfViewMiddleware's reads the body): refuses a body before it is read.
    "careqa.accounts.middleware.RequestBodyLimitMiddleware",
    "careqa.accounts.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Last, so that a locked-out login attempt is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careqa.urls"
WSGI_APPLICATION = "careqa.wsgi.application"

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
                "csp.context_processors.nonce",
                "careqa.areas.context_processors.council",
            ],
            # The domain's own tags, on every page: ratings and the role check.
            "builtins": [
                "careqa.providers.templatetags.ratings",
                "careqa.accounts.templatetags.permissions",
            ],
        },
    }
]

# SQLite by default; DATABASE_URL=postgres://… switches to PostgreSQL (psycopg 3).
SQLITE_PATH = os.environ.get("CAREQA_SQLITE_PATH", str(BASE_DIR / "var" / "careqa.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Readers never block the writer and the writer never blocks readers.
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA cache_size=-64000;"
        ),
        # Seconds a connection waits for the write lock before 'database is locked'.
        "timeout": 20,
        # Take the write lock at BEGIN, so two writers queue instead of deadlocking.
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A fresh clone has no var/ yet; SQLite creates the file but not its folder.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("CAREQA_TEST_SQLITE_PATH")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

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
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "work:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: five failures lock that user name from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("CAREQA_AXES_ENABLED", True)

# Background jobs: one queue in the database (SQLite or PostgreSQL), run by `careqa worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# govuk-frontend's ready-built dist/, installed by npm from the committed package-lock.
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("axe", BASE_DIR / "node_modules" / "axe-core"),
    BASE_DIR / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = BASE_DIR / "var" / "uploads"
# Regulator files are large: the national HSCA ODS is about 25 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The biggest request body anyone may send (413 beyond it), judged before it is read.
CAREQA_MAX_UPLOAD_BYTES = int(os.environ.get("CAREQA_MAX_UPLOAD_BYTES", 100 * 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CAREQA_LOG_LEVEL", "WARNING")},
}

# Where the regulators' real open data lives (tests and benchmarks only; never required).
CAREQA_SHARED_DATA = Path(os.environ.get("CAREQA_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))

# Days from a monitoring visit to the provider's report (DOMAIN.md: "within two weeks").
CAREQA_REPORT_DUE_DAYS = int(os.environ.get("CAREQA_REPORT_DUE_DAYS", "14"))
# Days from an issued visit report to the provider's action plan response (DOMAIN.md).
CAREQA_RESPONSE_DUE_DAYS = int(os.environ.get("CAREQA_RESPONSE_DUE_DAYS", "14"))
# Documents attached to action plan items: the largest allowed, and the kinds accepted.
CAREQA_ATTACHMENT_MAX_BYTES = int(os.environ.get("CAREQA_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
CAREQA_ATTACHMENT_TYPES = ("pdf", "docx", "xlsx", "png", "jpg", "jpeg")

# The policy rule (careqa.escalation.rules.policy_falls): a service whose regulator rating
# has fallen from one of the first ratings to one of the second this many times is flagged
# for suspension. The period in years counts back from today; None means the whole history.
CAREQA_POLICY_FALLS = int(os.environ.get("CAREQA_POLICY_FALLS", "3"))
CAREQA_POLICY_FROM_RATINGS = ("good", "outstanding")
CAREQA_POLICY_TO_RATINGS = ("requires_improvement", "inadequate")
CAREQA_POLICY_PERIOD_YEARS = None
