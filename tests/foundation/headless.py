"""A small driver for allauth's headless API, for both of its clients.

``browser`` keeps the session in a cookie and must send the CSRF token (the
Django test client here enforces CSRF like a real browser would be held to);
``app`` carries the session in the ``X-Session-Token`` header it is handed.
"""

from __future__ import annotations

import json
import re

from django.core import mail
from django.test import Client

CLIENT_KINDS = ("browser", "app")


class Headless:
    """Talk to /_allauth/<kind>/v1/ as that kind of client would."""

    def __init__(self, kind: str):
        assert kind in CLIENT_KINDS
        self.kind = kind
        self.client = Client(enforce_csrf_checks=(kind == "browser"))
        self.session_token: str | None = None
        if kind == "browser":
            # Any browser endpoint sets the CSRF cookie, as a front end's first call would.
            self.get("config")

    def url(self, path: str) -> str:
        return f"/_allauth/{self.kind}/v1/{path}"

    def headers(self) -> dict[str, str]:
        if self.kind == "app":
            return {"X-Session-Token": self.session_token} if self.session_token else {}
        token = self.client.cookies.get("csrftoken")
        return {"X-CSRFToken": token.value} if token else {}

    def _remember(self, response):
        if self.kind == "app" and response.get("Content-Type", "").startswith("application/json"):
            token = response.json().get("meta", {}).get("session_token")
            if token:
                self.session_token = token
        return response

    def get(self, path: str, **extra):
        return self._remember(self.client.get(self.url(path), headers={**self.headers(), **extra}))

    def post(self, path: str, data: dict | None = None, **extra):
        response = self.client.post(
            self.url(path),
            data=json.dumps(data or {}),
            content_type="application/json",
            headers={**self.headers(), **extra},
        )
        return self._remember(response)

    def api(self, method: str, path: str, data: dict | None = None):
        """Call our own REST API with this client's credentials (cookie + CSRF, or session token)."""
        call = getattr(self.client, method)
        kwargs = {"headers": self.headers()}
        if data is not None:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        return call(path, **kwargs)


def pending_flow(response) -> str | None:
    """The id of the flow allauth is waiting on (verify_email, login_by_code, mfa_authenticate...)."""
    flows = response.json().get("data", {}).get("flows", [])
    pending = [flow["id"] for flow in flows if flow.get("is_pending")]
    return pending[0] if pending else None


def is_authenticated(response) -> bool:
    return bool(response.json().get("meta", {}).get("is_authenticated"))


def last_mail_to(address: str):
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no mail to {address}; outbox: {[m.subject for m in mail.outbox]}"
    return sent[-1]


def code_in(message) -> str:
    """The one-time code allauth puts in verification and login mails (e.g. 'ABC123' or '8W3-KQ2')."""
    body = message.body
    match = re.search(r"^\s*([A-Z0-9]{3,4}(?:-[A-Z0-9]{3,4})?)\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


def reset_key_in(message) -> str:
    """The password-reset key from the link in the mail (…/password/reset/key/<key>/)."""
    match = re.search(r"/password/reset/key/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)
