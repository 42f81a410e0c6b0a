"""Second factors for test users, built with allauth's own TOTP and recovery-code helpers."""

from __future__ import annotations

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)


def activate_totp(user) -> str:
    """Give ``user`` a TOTP authenticator (and recovery codes, as allauth does); return the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app would show right now."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def recovery_codes(user) -> list[str]:
    """The user's unused recovery codes."""
    from allauth.mfa.models import Authenticator

    instance = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(instance).get_unused_codes()


def admin_client(user):
    """A test client signed in as ``user`` with a TOTP authenticator, as the admin requires of staff and experts.

    (``members.middleware.AdminRequiresMFAMiddleware`` sends staff without one to the TOTP setup.)
    """
    from allauth.mfa.models import Authenticator
    from django.test import Client

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client()
    client.force_login(user)
    return client
