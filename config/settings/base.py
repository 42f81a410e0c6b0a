"""Settings for every environment, read from the environment only.

With no variables set this is the embedded default used by ``make run``: a SQLite
file, media on local disk, mail to the console, tasks run inline. Production
(``config.settings.production``) tightens it and refuses to start without its
secrets. Every variable is documented in the README's configuration table.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import database_from_url, env, http_url, throttle_rate, typed, url_config
from .storage import s3_storage_options

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = typed("DEBUG", env.bool, False)
SECRET_KEY = env("SECRET_KEY", default="insecure-local-only-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = http_url("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = "Masterclass-netværket"

INSTALLED_APPS = [
    # Our domains first so their templates and translations win.
    "members",
    "qa",
    "cms",
    "api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.headless",
    "allauth.mfa",
    "allauth.usersessions",
    # API and infrastructure
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "storages",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "members.middleware.AdminRequiresMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {"default": database_from_url("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (allauth's rate limits and throttles need a shared one) -----------
# The default is Django's database cache (created by `createcachetable`), which
# is shared by every process; production points CACHE_URL at Redis.
CACHES = {"default": url_config("CACHE_URL", env.cache_url, "dbcache://django_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, reusing its Redis client instead of building one per call (config/cache.py).
    CACHES["default"]["BACKEND"] = "config.cache.RedisCache"
# With a real cache (Redis), sessions are read from it and written through to the database:
# an API request then needs no session query. With the database cache that would only add one.
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.db.DatabaseCache":
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL

ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Rate limits live in the shared cache above (per IP and per email "key"). Unlisted
# actions keep allauth's defaults; "confirm_email" is a resend cooldown for codes.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# Behind a load balancer every request comes from the proxy; count the proxies we
# run so the client's address in X-Forwarded-For is the one rate-limited.
ALLAUTH_TRUSTED_PROXY_COUNT = typed("TRUSTED_PROXY_COUNT", env.int, 0, min_value=0)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Masterclass] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Masterclass-netværket"
# Staff and experts must have MFA before they reach /admin/. Only the local demo
# may relax it (README); production ignores this variable.
MFA_REQUIRED_FOR_ADMIN = typed("MFA_REQUIRED_FOR_ADMIN", env.bool, True)

HEADLESS_CLIENTS = ("browser", "app")
# One session read per X-Session-Token request instead of allauth's exists() + load().
HEADLESS_TOKEN_STRATEGY = "api.authentication.SingleQuerySessionTokenStrategy"
# Links in mails sent from the headless API. There is no separate single-page
# front end, so they point at allauth's own HTML pages under /accounts/, which
# accept the same keys; app clients may instead post the key to the API.
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{SITE_URL}/accounts/confirm-email/{{key}}/",
    "account_reset_password_from_key": f"{SITE_URL}/accounts/password/reset/key/{{key}}/",
    "account_signup": f"{SITE_URL}/accounts/signup/",
}
# Wagtail's own login and password reset would skip the second factor: the admin
# signs in through allauth (LOGIN_URL) and resets passwords there too.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- REST API -------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.AppSessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "user": throttle_rate("API_THROTTLE_USER", "600/min"),
        "anon": throttle_rate("API_THROTTLE_ANON", "120/min"),
        "registration": throttle_rate("API_THROTTLE_REGISTRATION", "30/min"),
        "qa_write": throttle_rate("API_THROTTLE_QA_WRITE", "30/min"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Throttles key on the client address behind the same proxies as allauth's limits.
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT or None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Masterclass platform API",
    "DESCRIPTION": "Cohorts, seat registration and the member-only Q&A with experts.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.only_our_api"],
    "ENUM_NAME_OVERRIDES": {
        "QuestionStatusEnum": "qa.models.Question.Status",
        "ModerationActionEnum": "qa.services.moderation.ACTIONS",
        "CohortStatusEnum": "members.models.Cohort.Status",
        "RegistrationStatusEnum": "members.models.Registration.Status",
    },
}

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Media is never served from a public URL: documents and audio go through
# permission-checked views (see cms/). MEDIA_URL exists only for image renditions.
MEDIA_URL = "/media/"

S3_BUCKET = env("S3_BUCKET", default="")
# SigV4 presigned URLs live at most a week.
S3_PRESIGN_SECONDS = typed("S3_PRESIGN_SECONDS", env.int, 300, min_value=1, max_value=604800)
if S3_BUCKET:
    _s3_options = s3_storage_options(
        bucket=S3_BUCKET,
        endpoint_url=http_url("S3_ENDPOINT_URL", None),
        access_key=env("S3_ACCESS_KEY_ID", default=None),
        secret_key=env("S3_SECRET_ACCESS_KEY", default=None),
        region=env("S3_REGION", default="eu-north-1"),
        presign_seconds=S3_PRESIGN_SECONDS,
        addressing_style=typed("S3_ADDRESSING_STYLE", env.str, "path", choices={"path", "virtual", "auto"}),
    )
    _media = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
else:
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Static files do not depend on where media lives; production adds the hashed manifest.
STORAGES = {"default": _media, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Wagtail --------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL full-text search with the Danish snowball stemmer.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "danish"
WAGTAILDOCS_SERVE_METHOD = "redirect" if S3_BUCKET else "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp3", "ogg", "m4a", "wav", "docx", "pptx", "xlsx", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILAPI_BASE_URL = SITE_URL

# --- Mail and tasks -------------------------------------------------------------
EMAIL_CONFIG = url_config("EMAIL_URL", env.email_url, "consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Masterclass-netværket <noreply@masterclass.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Mail and other side effects are tasks, enqueued after commit. Inline for the
# local platform; production runs `manage.py db_worker` against the database queue.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}

# --- Platform rules ----------------------------------------------------------------
SEAT_OFFER_HOURS_DEFAULT = typed("SEAT_OFFER_HOURS_DEFAULT", env.int, 48)
# Q&A: how long authors may edit, how long an expert's claim holds, how far ahead the digest goes out.
QA_EDIT_WINDOW_MINUTES = typed("QA_EDIT_WINDOW_MINUTES", env.int, 30)
QA_CLAIM_MINUTES = typed("QA_CLAIM_MINUTES", env.int, 30)
QA_DIGEST_HOURS_BEFORE = typed("QA_DIGEST_HOURS_BEFORE", env.int, 48)
# Where mail links a question; "{id}" is replaced. Defaults to the API until a member-facing page exists.
QA_QUESTION_URL = env("QA_QUESTION_URL", default=f"{SITE_URL}/spoergsmaal/{{id}}/")

# Deferrable unique constraints exist on PostgreSQL; the SQLite demo database skips them knowingly.
SILENCED_SYSTEM_CHECKS = ["models.W038"]

LOG_LEVEL = typed(
    "LOG_LEVEL", lambda name, default: env.str(name, default=default).upper(), "INFO",
    choices={"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"},
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
