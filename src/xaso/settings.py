"""The one settings module, driven by environment variables.

XASO_DATA_DIR   data folder (SQLite database, uploads); default ./var
DATABASE_URL    PostgreSQL in production, e.g. postgres://xaso@127.0.0.1/xaso
XASO_DEBUG      "1" for development (``xaso demo`` sets it); off by default
XASO_SECRET_KEY required when DEBUG is off
XASO_ALLOWED_HOSTS comma-separated host names; XASO_SECURE_SSL "1" behind HTTPS
XASO_MAX_REQUEST_MB the largest request body accepted, in MB; default 60
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("XASO_DATA_DIR", "var")).resolve()

DEBUG = os.environ.get("XASO_DEBUG", "") == "1"
TESTING = os.environ.get("XASO_TESTING", "") == "1"
SECRET_KEY = os.environ.get("XASO_SECRET_KEY") or (
    "dev-insecure-key-only-for-demo-and-tests" if DEBUG or TESTING else ""
)
if not SECRET_KEY:
    raise RuntimeError(
        "XASO_SECRET_KEY must be set when XASO_DEBUG is off (see docs/operations.md)"
    )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("XASO_ALLOWED_HOSTS", "").split(",") if h.strip()
]
if DEBUG or not ALLOWED_HOSTS:
    ALLOWED_HOSTS += ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "xaso.core",
    "xaso.targets",
    "xaso.onestop",
    "xaso.portal",
    "xaso.petitions",
    "xaso.party",
    "xaso.seed",
    # Last, so the widget templates of xaso.core override Django's (core.form_rendering).
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "xaso.core.input_guard.InputGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xaso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "xaso.core.middleware.RequestContextMiddleware",
    "xaso.core.middleware.SecurityHeadersMiddleware",
]

FORM_RENDERER = "xaso.core.form_rendering.FormRenderer"
ROOT_URLCONF = "xaso.urls"
WSGI_APPLICATION = "xaso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xaso.core.context_processors.navigation",
            ],
            "builtins": ["xaso.core.templatetags.vn"],
        },
    }
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if TESTING:
        # The test database is thrown away: its commits need not wait for the disk
        # (synchronous_commit=off loses no consistency, only durability of the last
        # commits after a crash), which the suite's thousands of commits feel.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "xaso.sqlite3",
            # WAL lets readers run while one writer writes; IMMEDIATE takes the write
            # lock at BEGIN so two writers queue instead of failing on upgrade.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
if TESTING and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not SQLite's shared in-memory database: concurrency tests need real WAL
    # locking (shared-cache mode fails at once instead of waiting).
    import tempfile

    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"xaso-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if TESTING:
    # Password hashing is not under test; the fast hasher keeps the suite quick.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["xaso.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = None if TESTING else DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# The largest request accepted (an online dossier with its scans, each at most 10 MB);
# larger ones are refused from their Content-Length, before the body is read.
XASO_MAX_REQUEST_BYTES = int(os.environ.get("XASO_MAX_REQUEST_MB", "60")) * 1024 * 1024
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# Security by default; XASO_SECURE_SSL=1 when served over HTTPS (docs/operations.md).
SECURE_SSL = os.environ.get("XASO_SECURE_SSL", "") == "1"
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_SSL else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 8 * 3600  # one working day

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("XASO_LOG_LEVEL", "WARNING")},
}
