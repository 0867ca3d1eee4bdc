"""Batayon settings: everything that differs between machines comes from the environment.

The embedded default (no environment at all) is SQLite in ``./var`` and tasks run
immediately in-process, which is what ``make demo`` and a first run want. Production sets
DATABASE_URL (PostgreSQL), REDIS_URL (cache and queue), EMAIL_URL and BATAYON_SECRET_KEY.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("BATAYON_DATA_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """The key comes from the environment; a first run keeps a random one in DATA_DIR.

    Never a constant in the source: a leaked default key would let anyone forge sessions.
    """
    key = os.environ.get("BATAYON_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key


DEBUG = env_bool("BATAYON_DEBUG", False)
TESTING = env_bool("BATAYON_TESTING") or "pytest" in sys.modules
SECRET_KEY = _secret_key()

# Office portals are served on their own domains (kushtia.gov.bd, doict.jhenaidah.gov.bd…);
# the platform's own hosts (the national root, the workspace) are listed separately.
PLATFORM_HOSTS = env_list("BATAYON_PLATFORM_HOSTS", "localhost,127.0.0.1,testserver,batayon.gov.bd")
ALLOWED_HOSTS = env_list("BATAYON_ALLOWED_HOSTS", ".gov.bd") + PLATFORM_HOSTS
CSRF_TRUSTED_ORIGINS = env_list("BATAYON_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "batayon.core.admin_site.BatayonAdminConfig",  # django.contrib.admin, titled বাতায়ন
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "batayon.core",
    "batayon.letters",
    "batayon.offices",
    "batayon.accounts",
    "batayon.content",
    "batayon.compliance",
    "batayon.audit",
    "batayon.oversight",
    "batayon.committees",
    "batayon.workspace",
    "batayon.history",
    "batayon.portal",
    "batayon.api",
    "batayon.devtools",
    "batayon.ops",
]

MIDDLEWARE = [
    "batayon.ops.metrics.RequestMetricsMiddleware",  # first: times the whole request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "batayon.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "batayon.offices.middleware.OfficeHostMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "batayon.urls"
WSGI_APPLICATION = "batayon.wsgi.application"

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
            ],
            "builtins": ["batayon.core.templatetags.bn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'batayon.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a task writes; the timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions live in the database (shared by every app server) with Redis in front.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: immediate in the embedded default; the database queue (`batayon db_worker`)
# or RQ on Redis (`batayon rqworker default periodic`) to scale out.
_TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}
TASKS_MODE = os.environ.get("BATAYON_TASKS", "immediate")
TASKS = {
    "default": {
        "BACKEND": _TASKS_BACKENDS[TASKS_MODE],
        "QUEUES": ["default"],
    }
}
# RQ (django-rq): the queue of the content tasks and the queue the periodic jobs are put on by
# the scheduler (`batayon scheduler`). Nothing connects unless BATAYON_TASKS=rq or the
# scheduler runs.
RQ_URL = os.environ.get("BATAYON_RQ_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
RQ_QUEUES = {
    "default": {"URL": RQ_URL, "DEFAULT_TIMEOUT": 600},
    "periodic": {"URL": RQ_URL, "DEFAULT_TIMEOUT": 6 * 3600},
}
# One job class for both kinds of work a worker picks up (django-tasks tasks, periodic jobs).
RQ = {"JOB_CLASS": "batayon.ops.rq.Job"}
# No English "Django_Rq" entry in the Bangla admin: operators read the queues in /healthz and /metrics.
RQ_SHOW_ADMIN_LINK = False

# Periodic jobs (batayon.ops.jobs): the hour (Dhaka time) of the daily reminders.
BATAYON_REMIND_HOUR = int(os.environ.get("BATAYON_REMIND_HOUR", "10"))
# /metrics: readable with this bearer token, or without one from loopback only (not proxied).
METRICS_TOKEN = os.environ.get("BATAYON_METRICS_TOKEN", "")


def _email_settings(url: str) -> dict[str, object]:
    """EMAIL_URL: smtp://user:pass@host:port?tls=1, console:// or locmem://."""
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    if parsed.scheme in {"console", "locmem", "dummy"}:
        return {"EMAIL_BACKEND": f"django.core.mail.backends.{parsed.scheme}.EmailBackend"}
    query = parse_qs(parsed.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or 25,
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_TLS": query.get("tls", ["0"])[0] == "1",
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
    }


globals().update(_email_settings(os.environ.get("EMAIL_URL", "")))
DEFAULT_FROM_EMAIL = os.environ.get("BATAYON_FROM_EMAIL", "বাতায়ন <no-reply@batayon.gov.bd>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "batayon.accounts.permissions.AdminRoleBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "/"

# Language: Bangla first. Portal pages take the language from the URL (/bn/, /en/);
# elsewhere a cookie chosen by the user, never the browser's Accept-Language.
LANGUAGE_CODE = "bn"
LANGUAGES = [("bn", "বাংলা"), ("en", "English")]
# Our catalogue, then the supplement to Django's own Bangla (strings Django ships untranslated).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-django"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "bn"
MODELTRANSLATION_LANGUAGES = ("bn", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("bn",), "bn": ("en",)}
TIME_ZONE = "Asia/Dhaka"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("BATAYON_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Where links in e-mails sent outside a request point (scheduled notices).
BATAYON_PUBLIC_URL = os.environ.get("BATAYON_PUBLIC_URL", "http://127.0.0.1:8000")
BATAYON_MAX_UPLOAD_BYTES = int(os.environ.get("BATAYON_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))

# Security headers on by default; the demo on plain http turns the https-only ones off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("BATAYON_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
HTTPS = env_bool("BATAYON_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("BATAYON_SSL_REDIRECT", False)  # usually the load balancer's job
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BATAYON_BEHIND_PROXY") else None
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# django-axes: lock an account+address pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("BATAYON_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("BATAYON_AXES", True)
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"  # Bangla lockout page (workspace app)

# How long a host → office lookup stays cached (seconds). Changes to an office's
# domain clear its entry at once; the timeout only bounds memory for unknown hosts.
OFFICE_HOST_CACHE_SECONDS = 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BATAYON_LOG_LEVEL", "WARNING")},
}

# API
# Requests per window (seconds) from one client address, and from one API key; 0 turns a
# limit off. Counted in the cache (Redis in production, so all app servers share the count).
API_RATE_LIMIT = int(os.environ.get("BATAYON_API_RATE_LIMIT", "300"))
API_KEY_RATE_LIMIT = int(os.environ.get("BATAYON_API_KEY_RATE_LIMIT", "1200"))
API_RATE_WINDOW_SECONDS = int(os.environ.get("BATAYON_API_RATE_WINDOW", "60"))
# Behind our own load balancer, the header that carries the client's address
# (e.g. HTTP_X_FORWARDED_FOR); empty: REMOTE_ADDR.
BEHIND_PROXY = env_bool("BATAYON_BEHIND_PROXY")
API_CLIENT_IP_HEADER = os.environ.get("BATAYON_API_CLIENT_IP_HEADER", "HTTP_X_REAL_IP" if BEHIND_PROXY else "")
if BEHIND_PROXY:
    # Sign-in lockouts count per client, not per proxy.
    AXES_CLIENT_IP_CALLABLE = "batayon.ops.proxy.client_ip"

# Auditing portals hosted elsewhere (batayon audit) and the shared link checker.
# Every fetch refuses private, loopback, link-local and reserved addresses (after DNS
# resolution, each redirect hop too) unless allowed here.
AUDIT_ALLOW_PRIVATE = env_bool("BATAYON_AUDIT_ALLOW_PRIVATE", False)
AUDIT_ALLOW_NETWORKS = env_list("BATAYON_AUDIT_ALLOW_NETWORKS", "")
# Where an office's portal is audited; {domain} is the office's domain.
AUDIT_BASE_URL = os.environ.get("BATAYON_AUDIT_BASE_URL", "https://{domain}/")
# Host → address answers before DNS (the test farm, a benchmark); "host=addr,host=addr".
AUDIT_HOSTS = dict(item.split("=", 1) for item in env_list("BATAYON_AUDIT_HOSTS", "") if "=" in item)
AUDIT_CA_BUNDLE = os.environ.get("BATAYON_AUDIT_CA_BUNDLE", "")  # extra CA certificates (PEM) to trust
AUDIT_PER_HOST = int(os.environ.get("BATAYON_AUDIT_PER_HOST", "2"))  # requests in flight per host
AUDIT_DELAY = float(os.environ.get("BATAYON_AUDIT_DELAY", "0.5"))  # seconds between two starts per host
AUDIT_TIMEOUT = float(os.environ.get("BATAYON_AUDIT_TIMEOUT", "15"))
AUDIT_RETRIES = int(os.environ.get("BATAYON_AUDIT_RETRIES", "2"))
AUDIT_BACKOFF = float(os.environ.get("BATAYON_AUDIT_BACKOFF", "1.0"))  # first back-off, doubled each retry
AUDIT_MAX_BYTES = int(os.environ.get("BATAYON_AUDIT_MAX_BYTES", str(2 * 1024 * 1024)))  # per response
AUDIT_MAX_PAGES = int(os.environ.get("BATAYON_AUDIT_MAX_PAGES", "40"))  # per site
AUDIT_MAX_SITE_BYTES = int(os.environ.get("BATAYON_AUDIT_MAX_SITE_BYTES", str(20 * 1024 * 1024)))
AUDIT_SLOW_SECONDS = float(os.environ.get("BATAYON_AUDIT_SLOW_SECONDS", "3"))
# Processes one "batayon audit" crawls in (sites split by host; 1: the calling process only).
AUDIT_PROCESSES = int(os.environ.get("BATAYON_AUDIT_PROCESSES", "1"))
# Offices per queued job of "batayon audit --all" (all offices of one host stay in one job).
AUDIT_JOB_SIZE = int(os.environ.get("BATAYON_AUDIT_JOB_SIZE", "50"))

# Reminders and escalation (batayon remind, oversight app). Hours are Dhaka time; "days" are
# working days (Friday, Saturday and the holiday calendar excluded).
BATAYON_REMIND_DUE_SOON_DAYS = int(os.environ.get("BATAYON_REMIND_DUE_SOON_DAYS", "3"))
BATAYON_ESCALATE_HEAD_DAYS = int(os.environ.get("BATAYON_ESCALATE_HEAD_DAYS", "3"))
BATAYON_ESCALATE_SUPERVISOR_DAYS = int(os.environ.get("BATAYON_ESCALATE_SUPERVISOR_DAYS", "7"))
BATAYON_ESCALATE_STEP_DAYS = int(os.environ.get("BATAYON_ESCALATE_STEP_DAYS", "5"))
