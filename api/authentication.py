"""How API clients authenticate: the allauth browser session (with CSRF) or the app's session token."""

from __future__ import annotations

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication


class AppSessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth headless's ``X-Session-Token`` for app clients.

    It also names the header in ``WWW-Authenticate`` so an anonymous request is
    answered 401 rather than 403.
    """

    def authenticate_header(self, request) -> str:
        return 'X-Session-Token realm="api"'
