"""Send every admin sign-in through allauth, so the second factor is always asked."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def admin_login(request: HttpRequest) -> HttpResponseRedirect:
    """Replace Wagtail's password-only login form with a redirect to allauth's login.

    Wagtail's own form authenticates with a password alone; allauth's login asks
    for the TOTP code of accounts that have one. ``next`` is kept when it is safe.
    """
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    return HttpResponseRedirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
