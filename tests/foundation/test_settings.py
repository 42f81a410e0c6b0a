"""Settings come only from the environment; bad or missing values stop start-up naming the variable.

Each case runs in a fresh Python process with a controlled environment, because
settings are read once, at import.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# Every variable the settings read, removed so each case starts from the embedded defaults.
CONTROLLED = {
    "DATABASE_URL", "DATABASE_POOL", "DATABASE_POOL_MIN", "DATABASE_POOL_MAX", "DATABASE_POOL_TIMEOUT",
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SITE_URL", "CACHE_URL", "EMAIL_URL",
    "TASKS_BACKEND", "MFA_REQUIRED_FOR_ADMIN", "S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY", "S3_REGION", "S3_PRESIGN_SECONDS", "S3_ADDRESSING_STYLE", "MEDIA_ROOT",
    "LOG_LEVEL", "TRUSTED_PROXY_COUNT", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DJANGO_SETTINGS_MODULE",
}

SHOW = (
    "import json; from django.conf import settings as s;"
    "db = s.DATABASES['default'];"
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'options': db.get('OPTIONS', {}),"
    " 'conn_max_age': db.get('CONN_MAX_AGE'), 'storages': s.STORAGES, 'cache': s.CACHES['default'],"
    " 'email': s.EMAIL_BACKEND, 'tasks': s.TASKS['default']['BACKEND'], 'mfa': s.MFA_REQUIRED_FOR_ADMIN,"
    " 'debug': s.DEBUG}, default=str))"
)

# Reading settings needs no app loading, which keeps each case well under a second.
IMPORT_SETTINGS = ["-c", "from django.conf import settings; settings.DEBUG"]


def run(args: list[str], settings_module: str = "config.settings.base", **variables: str):
    env = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    env.update(DJANGO_SETTINGS_MODULE=settings_module, **variables)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def show(settings_module: str = "config.settings.base", **variables: str) -> dict:
    result = run(["-c", SHOW], settings_module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env(**extra: str) -> dict[str, str]:
    return {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "masterclass.example", **extra}


# --- The embedded default and DATABASE_URL -------------------------------------------


def test_no_variables_means_sqlite_local_disk_console_mail():
    shown = show()
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"] == str(ROOT / "db.sqlite3")
    assert shown["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert shown["email"] == "django.core.mail.backends.console.EmailBackend"
    assert shown["cache"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert shown["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert shown["mfa"] is True
    assert shown["debug"] is False


def test_database_url_selects_postgresql_with_the_native_pool():
    shown = show(DATABASE_URL="postgres://app:s%40cret@db.internal:6543/masterclass", DATABASE_POOL_MAX="7")
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["name"] == "masterclass"
    assert shown["options"]["pool"] == {"min_size": 2, "max_size": 7, "timeout": 10}
    # Django's pool requires persistent connections off.
    assert shown["conn_max_age"] == 0


def test_pool_can_be_switched_off():
    shown = show(DATABASE_URL="postgres://app@db.internal/masterclass", DATABASE_POOL="false")
    assert "pool" not in shown["options"]


@pytest.mark.django_db
def test_this_test_run_uses_postgresql_through_the_pool():
    assert connection.vendor == "postgresql"
    assert connection.pool is not None


def test_services_from_urls():
    shown = show(
        CACHE_URL="redis://cache.internal:6379/1",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example:587",
        TASKS_BACKEND="django_tasks_db.backend.DatabaseBackend",
    )
    # Django's Redis backend, reusing one client per pool (config/cache.py).
    assert shown["cache"]["BACKEND"] == "config.cache.RedisCache"
    assert shown["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert shown["tasks"] == "django_tasks_db.backend.DatabaseBackend"


def test_s3_variables_switch_media_to_private_presigned_s3():
    shown = show(
        S3_BUCKET="masterclass-media", S3_ENDPOINT_URL="http://minio:9000", S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret", S3_REGION="eu-north-1", S3_PRESIGN_SECONDS="120",
    )
    default = shown["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "masterclass-media"
    assert options["endpoint_url"] == "http://minio:9000"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 120


# --- Malformed values name themselves ---------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["mysql://user@host/db", "postgres://user@host:port/db", "postgres://user@host:5432/", "not a url"],
)
def test_malformed_database_url_stops_manage_py_check(value):
    result = run(["manage.py", "check"], DATABASE_URL=value)
    assert result.returncode != 0
    assert "DATABASE_URL is malformed" in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("MFA_REQUIRED_FOR_ADMIN", "flase"),
        ("DATABASE_POOL", "sometimes"),
        ("DATABASE_POOL_MAX", "twenty"),
        ("DATABASE_POOL_MIN", "-1"),
        ("CACHE_URL", "memcache-ish://nowhere"),
        ("CACHE_URL", "redis://cache:port/0"),
        ("EMAIL_URL", "pigeon://loft"),
        ("EMAIL_URL", "smtp://user:pw@smtp.example:abc"),
        ("SITE_URL", "masterclass.example"),
        ("S3_PRESIGN_SECONDS", "five minutes"),
        ("S3_PRESIGN_SECONDS", "0"),
        ("S3_ADDRESSING_STYLE", "sideways"),
        ("TRUSTED_PROXY_COUNT", "-2"),
        ("LOG_LEVEL", "LOUD"),
        ("API_THROTTLE_USER", "lots"),
        ("SEAT_OFFER_HOURS_DEFAULT", "two days"),
    ],
)
def test_malformed_variable_names_itself(name, value):
    extra = {"S3_BUCKET": "media"} if name.startswith("S3_") else {}
    if name == "DATABASE_POOL" or name.startswith("DATABASE_POOL_"):
        extra["DATABASE_URL"] = "postgres://app@db.internal/masterclass"
    result = run(IMPORT_SETTINGS, **{name: value, **extra})
    assert result.returncode != 0, f"{name}={value!r} was accepted"
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line
    assert f"{name} is malformed" in last_line


def test_malformed_s3_endpoint_names_itself():
    result = run(IMPORT_SETTINGS, S3_BUCKET="media", S3_ENDPOINT_URL="minio:9000")
    assert result.returncode != 0
    assert "S3_ENDPOINT_URL is malformed" in result.stderr


# --- Production ---------------------------------------------------------------


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = production_env()
    del env[missing]
    result = run(["manage.py", "check"], "config.settings.production", **env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], "config.settings.production", **production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_ignores_the_mfa_relaxation_and_queues_tasks_in_the_database():
    shown = show("config.settings.production", **production_env(MFA_REQUIRED_FOR_ADMIN="false"))
    assert shown["mfa"] is True
    assert shown["debug"] is False
    assert shown["tasks"] == "django_tasks_db.backend.DatabaseBackend"


def test_test_settings_refuse_sqlite():
    result = run(IMPORT_SETTINGS, "config.settings.test")
    assert result.returncode != 0
    assert "The test suite runs on PostgreSQL" in result.stderr
