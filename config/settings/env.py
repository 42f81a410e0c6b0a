"""Reading configuration from the environment, with errors that name the variable.

Every variable the platform reads is listed in the README's configuration table.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}


def database_from_url(name: str, default: str) -> dict:
    """Parse ``name`` (e.g. DATABASE_URL) into a Django DATABASES entry.

    PostgreSQL goes through psycopg 3 with Django's native connection pool; a
    malformed value stops start-up with a message naming the variable.
    """
    raw = os.environ.get(name, default)
    parts = urlsplit(raw)
    if parts.scheme not in DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} is malformed: scheme {parts.scheme!r} is not one of "
            f"{sorted(DATABASE_SCHEMES)} (expected e.g. postgres://user:pass@host:5432/dbname)."
        )
    try:
        config = environ.Env.db_url_config(raw)
        if parts.scheme != "sqlite":
            # Accessing .port validates it (raises ValueError on 'host:abc').
            parts.port  # noqa: B018
            if not config.get("NAME"):
                raise ValueError("no database name in the path")
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"{name} is malformed: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.postgresql":
        # A Unix socket directory may be given percent-encoded as the host.
        config["HOST"] = unquote(config.get("HOST") or "")
        options = config.setdefault("OPTIONS", {})
        if env.bool("DATABASE_POOL", default=True):
            # Django's native psycopg pool; it requires persistent connections off.
            options["pool"] = {
                "min_size": env.int("DATABASE_POOL_MIN", default=2),
                "max_size": env.int("DATABASE_POOL_MAX", default=20),
                "timeout": 10,
            }
            config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = True
    return config


def typed(name: str, cast, default):
    """Read ``name`` with ``cast``; a value that does not parse names the variable."""
    try:
        return cast(name, default=default)
    except (ValueError, environ.ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"{name} is malformed: {exc}") from exc
