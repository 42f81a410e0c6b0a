"""Production settings: no defaults for secrets, so a missing variable fails at boot."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env, typed

for _required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"{_required} must be set in production.")

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DEBUG = False
MFA_REQUIRED_FOR_ADMIN = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = typed("SECURE_SSL_REDIRECT", env.bool, True)
SECURE_HSTS_SECONDS = typed("SECURE_HSTS_SECONDS", env.int, 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Hashed static file names (cache-busting); the manifest is written by collectstatic in the image build.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.backend.DatabaseBackend")}}
