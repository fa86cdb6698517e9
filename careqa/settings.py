"""CareQA's base settings, driven by environment variables (see README).

Not used on its own: careqa.production (the default of manage.py, wsgi.py and `careqa`)
adds HTTPS and refuses to start without its required settings; careqa.development (make
run and the tests) adds a development key. See docs/adr/0008-safe-settings-and-background-jobs.md.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
# No fallback: production names what is missing, development brings its own key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "careqa.accounts",
    "careqa.notify",
    "careqa.audit",
    "careqa.areas",
    "careqa.providers",
    "careqa.regulators",
    "careqa.insights",
    "careqa.visits",
    "careqa.plans",
    "careqa.escalation",
    "careqa.meetings",
    "careqa.risk",
    "careqa.portal",
    "careqa.returns",
    "careqa.work",
    "careqa.demo",
    "careqa.govuk",
    "careqa.server",
    "careqa.jobs",
    "careqa.operations",
]

MIDDLEWARE = [
    # First: every response, even a redirect or an error, is logged with its request id.
    "careqa.server.middleware.RequestLogMiddleware",
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
    # Before the sign-in check, so that an idle session ends and the sign-in page says why.
    "careqa.accounts.middleware.IdleSignOutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "careqa.accounts.middleware.SecondFactorPolicyMiddleware",
    "careqa.accounts.middleware.DownloadsLogMiddleware",
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
else:
    # A kept connection is checked before each request reuses it, so after the database
    # restarts the next request reconnects instead of failing on a dead connection.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

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
# How many reverse proxies of the council's stand in front of CareQA: the client's address
# is read that many hops from the right of X-Forwarded-For (careqa.accounts.addresses).
CAREQA_TRUSTED_PROXIES = int(os.environ.get("CAREQA_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "careqa.accounts.addresses.client_address"
# Failed sign-ins from one address, whatever the usernames, before it is paused for the
# same cool-off (one shared address for a whole office sits behind a proxy: keep it high).
CAREQA_ADDRESS_FAILURE_LIMIT = int(os.environ.get("CAREQA_ADDRESS_FAILURE_LIMIT", "30"))
# Wrong current passwords on the change-password form before it is paused.
CAREQA_PASSWORD_CHECK_LIMIT = 5

# Second factor (careqa.accounts.second_factor): always for administrators, managers and
# provider users; for every member of staff too if the council chooses. Turning it off is
# for the local demo only (`make run`); the production settings refuse it.
CAREQA_SECOND_FACTOR_REQUIRED = env_bool("CAREQA_SECOND_FACTOR_REQUIRED", True)
CAREQA_SECOND_FACTOR_FOR_ALL_STAFF = env_bool("CAREQA_SECOND_FACTOR_FOR_ALL_STAFF", False)
OTP_TOTP_ISSUER = "CareQA"

# Signed out after this many minutes without a request.
CAREQA_IDLE_MINUTES = int(os.environ.get("CAREQA_IDLE_MINUTES", "30"))
# Password reset links (Django's tokens) work once and for this long.
PASSWORD_RESET_TIMEOUT = 60 * 60 * int(os.environ.get("CAREQA_PASSWORD_RESET_HOURS", "2"))
# Invitations by e-mail work once and for this many days (`expire_invitations` closes them).
CAREQA_INVITATION_DAYS = int(os.environ.get("CAREQA_INVITATION_DAYS", "7"))

# E-mail: every message goes through careqa.notify (recorded, then sent by the job queue).
EMAIL_BACKEND = os.environ.get(
    "CAREQA_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "careqa@localhost")
# The address people reach CareQA at, for links in e-mails sent by background jobs.
CAREQA_SITE_URL = os.environ.get("CAREQA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Attempts to hand a notice to the mail server before it is marked failed.
CAREQA_NOTICE_ATTEMPTS = int(os.environ.get("CAREQA_NOTICE_ATTEMPTS", "5"))

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
# Nothing serves this address: stored files reach people only through views that check
# permission. Set so that no handler (Django's test server serves MEDIA_URL) takes every path.
MEDIA_URL = "/media/"
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
    "filters": {
        # A request refused while the database is away logs one line, not a traceback.
        "database_unavailable": {"()": "careqa.operations.views.DatabaseUnavailableLogFilter"}
    },
    "formatters": {"json": {"()": "careqa.server.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["database_unavailable"]},
        # One JSON object a line on stdout, for the council's log collector.
        "requests": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("CAREQA_LOG_LEVEL", "WARNING")},
    "loggers": {
        "careqa.requests": {
            "handlers": ["requests"],
            "level": os.environ.get("CAREQA_REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}

# Serving (careqa serve): gunicorn's worker processes and threads, and where it listens.
CAREQA_BIND = os.environ.get("CAREQA_BIND", "127.0.0.1:8000")
CAREQA_WORKERS = int(os.environ.get("CAREQA_WORKERS", "2"))
CAREQA_THREADS = int(os.environ.get("CAREQA_THREADS", "4"))
# The proxies whose X-Forwarded-Proto gunicorn believes (comma-separated addresses).
CAREQA_FORWARDED_ALLOW_IPS = os.environ.get("CAREQA_FORWARDED_ALLOW_IPS", "127.0.0.1")
# /healthz answers 503 once the job worker's last heartbeat is older than this (seconds).
CAREQA_HEARTBEAT_MAX_AGE = int(os.environ.get("CAREQA_HEARTBEAT_MAX_AGE", "60"))
# How often the worker writes its heartbeat (seconds).
CAREQA_HEARTBEAT_EVERY = float(os.environ.get("CAREQA_HEARTBEAT_EVERY", "5"))
# Attempts of a job (a failure or the worker killed while running it) before it stops
# and the administrators are told.
CAREQA_JOB_ATTEMPTS = int(os.environ.get("CAREQA_JOB_ATTEMPTS", "3"))

# Where the regulators' real open data lives (tests and benchmarks only; never required).
CAREQA_SHARED_DATA = Path(os.environ.get("CAREQA_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))

# Days from a monitoring visit to the provider's report (DOMAIN.md: "within two weeks").
CAREQA_REPORT_DUE_DAYS = int(os.environ.get("CAREQA_REPORT_DUE_DAYS", "14"))
# Days a scrutiny report PDF built by the job worker is kept for its requester to download.
CAREQA_REPORT_BUILD_DAYS = int(os.environ.get("CAREQA_REPORT_BUILD_DAYS", "7"))
# Days from an issued visit report to the provider's action plan response (DOMAIN.md).
CAREQA_RESPONSE_DUE_DAYS = int(os.environ.get("CAREQA_RESPONSE_DUE_DAYS", "14"))
# Working days from an issued report in which the provider may send factual-accuracy
# comments (England's bank holidays skipped).
CAREQA_FACTUAL_ACCURACY_WORKING_DAYS = int(
    os.environ.get("CAREQA_FACTUAL_ACCURACY_WORKING_DAYS", "10")
)
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
# A provider concern's strategy meeting is due this many working days (England's bank
# holidays excluded) after the concern is opened; published procedures say 5 to 7.
CAREQA_STRATEGY_MEETING_WORKING_DAYS = int(
    os.environ.get("CAREQA_STRATEGY_MEETING_WORKING_DAYS", "5")
)

# The CQC API sync (careqa.regulators.cqc_api, `careqa sync-cqc`). The key is the
# "Syndication" product's subscription key from api-portal.service.cqc.org.uk; without it
# the sync refuses to run. CQC does not publish its rate limit: 600 a minute is polite.
CAREQA_CQC_API_KEY = os.environ.get("CQC_API_KEY", "")
CAREQA_CQC_API_URL = os.environ.get(
    "CAREQA_CQC_API_URL", "https://api.service.cqc.org.uk/public/v1"
)
CAREQA_CQC_API_RATE_PER_MINUTE = float(os.environ.get("CAREQA_CQC_API_RATE_PER_MINUTE", "600"))
CAREQA_CQC_API_TIMEOUT_SECONDS = float(os.environ.get("CAREQA_CQC_API_TIMEOUT_SECONDS", "30"))
# Tries of one request before the sync gives up (429, 5xx, timeouts and dropped
# connections are retried, waiting BACKOFF, 2 x BACKOFF, 4 x BACKOFF … or the Retry-After).
CAREQA_CQC_API_TRIES = int(os.environ.get("CAREQA_CQC_API_TRIES", "5"))
CAREQA_CQC_API_BACKOFF_SECONDS = float(os.environ.get("CAREQA_CQC_API_BACKOFF_SECONDS", "2"))
# Changed locations written per transaction (and per checkpoint).
CAREQA_CQC_SYNC_BATCH = int(os.environ.get("CAREQA_CQC_SYNC_BATCH", "100"))

# The retention policy (careqa.operations.retention): days that personal details are kept
# after their case or visit closes, by kind; then `careqa apply-retention` redacts them.
# People's views: what someone said, kept two years after the visit's report is issued.
# Safeguarding records (registered by the app that keeps them): six years after closing.
CAREQA_RETENTION_DAYS = {
    "people_views": int(os.environ.get("CAREQA_RETENTION_VIEWS_DAYS", str(2 * 365))),
    "safeguarding": int(os.environ.get("CAREQA_RETENTION_SAFEGUARDING_DAYS", str(6 * 365))),
}
