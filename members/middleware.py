"""Staff and experts must have multi-factor authentication before they reach the admin."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Wagtail's admin and Django's own admin (which shares the session).
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def needs_mfa(user) -> bool:
    """Staff, experts and anyone else allowed into the Wagtail admin need a TOTP authenticator."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or getattr(user, "is_expert", False):
        return True
    # Admin access can also come from a Wagtail group permission.
    return user.has_perm("wagtailadmin.access_admin")


def has_totp(user) -> bool:
    """Whether ``user`` has activated a TOTP authenticator (recovery codes alone do not count)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminRequiresMFAMiddleware:
    """Send staff and experts without an authenticator to the MFA setup page.

    The admin's own login is allauth's (WAGTAILADMIN_LOGIN_URL and the
    ``/admin/login/`` redirect), so the second factor is asked at login; this
    middleware covers accounts that have none yet. ``MFA_REQUIRED_FOR_ADMIN=false``
    relaxes it for the local demo only (production settings force it on).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_ADMIN
            and request.path.startswith(ADMIN_PREFIXES)
            and needs_mfa(request.user)
            and not has_totp(request.user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
