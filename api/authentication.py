"""How API clients authenticate: the allauth browser session (with CSRF) or the app's session token."""

from __future__ import annotations

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication
from allauth.headless.internal import sessionkit
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.contrib.sessions.backends.base import SessionBase


class AppSessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth headless's ``X-Session-Token`` for app clients.

    It also names the header in ``WWW-Authenticate`` so an anonymous request is
    answered 401 rather than 403.
    """

    def authenticate_header(self, request) -> str:
        return 'X-Session-Token realm="api"'


class SingleQuerySessionTokenStrategy(SessionTokenStrategy):
    """allauth's session-token strategy, looking a token up with one session read instead of two.

    The stock strategy asks ``exists()`` and then loads the session (two queries on every API
    request). allauth's own ``sessionkit.lookup_session`` loads it once: a missing or expired
    session clears its key, so the answer (a session or None) is the same.
    """

    def lookup_session(self, session_token: str) -> SessionBase | None:
        return sessionkit.lookup_session(session_token)
