"""Reading configuration from the environment, with errors that name the variable.

Every variable the platform reads is listed in the README's configuration table.
"""

from __future__ import annotations

import os
import re
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
        if typed("DATABASE_POOL", env.bool, True):
            # Django's native psycopg pool; it requires persistent connections off.
            options["pool"] = {
                "min_size": typed("DATABASE_POOL_MIN", env.int, 2, min_value=0),
                "max_size": typed("DATABASE_POOL_MAX", env.int, 20, min_value=1),
                "timeout": typed("DATABASE_POOL_TIMEOUT", env.int, 10, min_value=1),
            }
            config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = True
    return config


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def strict_bool(name: str, default: bool) -> bool:
    """A boolean that refuses typos: django-environ would read ``flase`` as False."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"expected one of {sorted(TRUE_WORDS | FALSE_WORDS)}, got {raw!r}")


def typed(name: str, cast, default, *, min_value=None, max_value=None, choices=None):
    """Read ``name`` with ``cast``; a value that does not parse names the variable.

    ``env.bool`` is read strictly (see ``strict_bool``). Optional bounds and
    choices reject values that parse but make no sense (a negative pool size).
    """
    if cast == env.bool:  # bound methods are equal, never identical
        cast = strict_bool
    try:
        value = cast(name, default=default)
        if min_value is not None and value < min_value:
            raise ValueError(f"must be at least {min_value}, got {value!r}")
        if max_value is not None and value > max_value:
            raise ValueError(f"must be at most {max_value}, got {value!r}")
        if choices is not None and value not in choices:
            raise ValueError(f"must be one of {sorted(choices)}, got {value!r}")
    except (ValueError, TypeError, environ.ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"{name} is malformed: {exc}") from exc
    return value


def url_config(name: str, parser, default: str) -> dict:
    """Parse a service URL (CACHE_URL, EMAIL_URL) with django-environ, naming ``name`` on error.

    django-environ accepts a non-numeric port silently; it is checked here so a
    typo fails at start-up rather than at the first cache or mail call.
    """
    try:
        urlsplit(os.environ.get(name, default)).port  # noqa: B018 - raises ValueError on 'host:abc'
        return parser(name, default=default)
    except (ValueError, environ.ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"{name} is malformed: {exc}") from exc


def http_url(name: str, default: str | None) -> str | None:
    """An http(s) URL such as SITE_URL or S3_ENDPOINT_URL; anything else names the variable."""
    raw = os.environ.get(name) or default
    if raw is None:
        return None
    parts = urlsplit(raw)
    try:
        parts.port  # noqa: B018
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"expected an http(s) URL with a host, got {raw!r}")
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is malformed: {exc}") from exc
    return raw


THROTTLE_RATE = re.compile(r"^\d+/[smhd][a-z]*$")


def throttle_rate(name: str, default: str) -> str:
    """A DRF throttle rate such as ``30/min``; DRF itself would only fail at the first request."""
    raw = os.environ.get(name) or default
    if not THROTTLE_RATE.match(raw.strip()):
        raise ImproperlyConfigured(f"{name} is malformed: expected <count>/<s|min|hour|day>, got {raw!r}")
    return raw.strip()
