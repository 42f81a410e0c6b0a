"""Staff and experts must have multi-factor authentication before they reach the admin."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

ADMIN_PREFIX = "/admin/"


def needs_mfa(user) -> bool:
    """Staff and experts need a TOTP authenticator to use the admin."""
    return bool(user.is_authenticated and (user.is_staff or user.is_expert))


class AdminRequiresMFAMiddleware:
    """Send staff and experts without an authenticator to the MFA setup page.

    The admin's own login is allauth's (WAGTAILADMIN_LOGIN_URL), so the second
    factor is asked at login; this middleware covers accounts that have none yet.
    ``MFA_REQUIRED_FOR_ADMIN=false`` relaxes it for the local demo only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_ADMIN
            and request.path.startswith(ADMIN_PREFIX)
            and needs_mfa(request.user)
            and not _has_totp(request.user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
