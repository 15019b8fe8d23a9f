"""Settings shared by every environment; per-host values come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "cms",
    "consultation",
    "council",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.ratelimit.WriteLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's routing, once per state of the pages (cms/middleware.py): last, next to the view.
    "cms.middleware.SharedRoutesMiddleware",
]

# The public site runs no inline script or style and loads nothing from other hosts (fonts are
# self-hosted). Wagtail's admin still has inline scripts, so it is excluded; it is staff-only.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,  # a kept connection that died (failover, restart) is replaced, not used
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite under a threaded server: a transaction takes the write lock when it begins (a read
    # lock upgraded later fails at once with "database is locked"), waits up to 20 s for it, and
    # WAL lets readers go on while one writer writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# allauth's rate limits count in the cache: it must be a real one (never the dummy cache).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",  # Django's, a client per pool (cms/cache.py)
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "otvoren-grad",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous visitors share cached pages for this long (cms/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Looks up a person's permissions once per state of them (accounts/backends.py); signs no one in.
    "accounts.backends.SharedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Only an email address and a display name are asked: participants may fear being identified.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# A signed-in person without admin access who opens /admin/ must see the login page, not loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Wrong passwords of private pages and collections (accounts/views.py): per address, per restriction.
ACCOUNT_RATE_LIMITS = {"privacy_password": "10/h/ip,30/h/key"}
# Reverse proxies in front of the app: the client address is taken from X-Forwarded-For for
# allauth's rate limits and ours. 0 here (development has no proxy); production.py defaults to 1.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a hung mail server must not hold a worker
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Otvoren Grad <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Errors and warnings go to stderr, where gunicorn and systemd's journal collect them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Languages: Bulgarian is the default; every public URL carries its language prefix.
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Otvoren Grad"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
# The admin login goes through allauth, so its rate limits apply there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
# allauth is the only door: pages restricted to signed-in people send them to its login too, and
# the admin's own password reset and change are off (allauth's, with its rate limits, are the only
# ones: the admin's change form would check old-password guesses without a limit).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "png", "jpg", "jpeg"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.DocumentForm"
# Documents are always served through Wagtail's view, so collection privacy holds on object storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files only members may read (council documents) and Wagtail's documents: outside MEDIA_ROOT,
# never served by URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    # "public", except Wagtail's documents, which it keeps in "private" (cms/uploads.py).
    "default": {"BACKEND": "cms.uploads.MediaStorage"},
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, "file_permissions_mode": 0o600},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# A PDF of a long document (the report's table) is laid out in parts of this many rows, on this
# many processes side by side (default: one per core), and joined: see cms/pdf_parts.py.
PDF_ROWS_PER_PART = int(os.environ.get("PDF_ROWS_PER_PART", "250"))
PDF_LAYOUT_PROCESSES = int(os.environ.get("PDF_LAYOUT_PROCESSES", str(len(os.sched_getaffinity(0)))))

# A consultation's page promises its report this many days after it closes; staff see the late ones.
CONSULTATION_REPORT_DAYS = int(os.environ.get("CONSULTATION_REPORT_DAYS", "30"))

# The licence of the open data of consultations (/<lang>/open-data/, docs/open-data.md).
OPEN_DATA_LICENCE = {
    "name": os.environ.get("OPEN_DATA_LICENCE_NAME", "CC BY 4.0"),
    "url": os.environ.get("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
}

# The council has a quorum when more than this share of its voting members is present.
COUNCIL_QUORUM = os.environ.get("COUNCIL_QUORUM", "1/2")
# The key of every secret vote's ballots is derived from this (council/ballots.py); it is never
# stored in the database. Required in production; dev.py has a development value.
BALLOT_SECRET = os.environ.get("BALLOT_SECRET", "")
# The council's rules may show only the outcome of a secret vote with fewer votes cast than this,
# so that a unanimous result does not tell everyone's choice (0: the figures are always shown).
COUNCIL_SECRET_OUTCOME_ONLY_BELOW = int(os.environ.get("COUNCIL_SECRET_OUTCOME_ONLY_BELOW", "0"))
# The council's open data (OParl 1.1 at /oparl/v1/system, council/oparl.py, under
# OPEN_DATA_LICENCE): how many objects a page of a list holds.
OPARL_PAGE_SIZE = int(os.environ.get("OPARL_PAGE_SIZE", "50"))

# seed_demo creates accounts with a published password: only development settings allow it.
DEMO_DATA_ALLOWED = False
