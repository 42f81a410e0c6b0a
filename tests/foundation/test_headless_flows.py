"""allauth's headless API for both clients: signup, verification, login, login by code, password reset."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client

from members.models import User
from tests.factories.members import UserFactory
from tests.foundation.headless import (
    CLIENT_KINDS,
    Headless,
    code_in,
    is_authenticated,
    last_mail_to,
    pending_flow,
    reset_key_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.parametrize("kind", CLIENT_KINDS)]

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "et-helt-nyt-kodeord-2026"


def test_signup_requires_email_verification_by_code(kind):
    client = Headless(kind)
    response = client.post("auth/signup", {"email": "Ny.Leder@Example.dk", "password": NEW_PASSWORD})
    assert response.status_code == 401
    assert pending_flow(response) == "verify_email"
    user = User.objects.get(email="ny.leder@example.dk")  # stored lower-cased
    assert not EmailAddress.objects.get(user=user).verified

    # Until the address is verified the account cannot be used.
    assert client.api("get", "/api/v1/me").status_code in (401, 403)

    code = code_in(last_mail_to("ny.leder@example.dk"))
    assert client.post("auth/email/verify", {"key": "WRONG-CODE"}).status_code == 400
    response = client.post("auth/email/verify", {"key": code})
    assert response.status_code == 200, response.json()
    assert is_authenticated(response)
    assert EmailAddress.objects.get(user=user).verified

    me = client.api("get", "/api/v1/me")
    assert me.status_code == 200
    assert me.json()["email"] == "ny.leder@example.dk"
    if kind == "app":
        assert client.session_token


def test_unverified_account_cannot_log_in(kind):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client = Headless(kind)
    response = client.post("auth/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 401
    assert pending_flow(response) == "verify_email"
    assert not is_authenticated(response)


def test_login_and_logout(kind):
    user = UserFactory()
    client = Headless(kind)
    response = client.post("auth/login", {"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 200, response.json()
    assert is_authenticated(response)
    assert response.json()["data"]["user"]["email"] == user.email
    assert client.get("auth/session").status_code == 200

    logout = client.client.delete(client.url("auth/session"), headers=client.headers())
    assert logout.status_code == 401
    assert client.api("get", "/api/v1/me").status_code in (401, 403)


def test_wrong_password_is_refused(kind):
    user = UserFactory()
    response = Headless(kind).post("auth/login", {"email": user.email, "password": "not-the-password"})
    assert response.status_code == 400
    assert not is_authenticated(response)


def test_login_by_code(kind):
    user = UserFactory()
    client = Headless(kind)
    response = client.post("auth/code/request", {"email": user.email})
    assert response.status_code == 401
    assert pending_flow(response) == "login_by_code"
    code = code_in(last_mail_to(user.email))
    response = client.post("auth/code/confirm", {"code": code})
    assert response.status_code == 200, response.json()
    assert is_authenticated(response)
    assert client.api("get", "/api/v1/me").json()["email"] == user.email


def test_login_code_is_single_use(kind):
    user = UserFactory()
    client = Headless(kind)
    client.post("auth/code/request", {"email": user.email})
    code = code_in(last_mail_to(user.email))
    assert client.post("auth/code/confirm", {"code": code}).status_code == 200
    other = Headless(kind)
    response = other.post("auth/code/confirm", {"code": code})
    assert response.status_code in (400, 409)
    assert not is_authenticated(response)


def test_password_reset(kind):
    user = UserFactory()
    client = Headless(kind)
    assert client.post("auth/password/request", {"email": user.email}).status_code == 200
    message = last_mail_to(user.email)
    key = reset_key_in(message)
    # The mail links to allauth's own page on the platform, which accepts the same key.
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", message.body).group(0)
    assert link.startswith(settings.SITE_URL)
    page = Client().get(link.removeprefix(settings.SITE_URL), follow=True)
    assert page.status_code == 200
    assert "password1" in page.content.decode()  # the new-password form, not an "invalid link" page

    assert client.get("auth/password/reset", **{"X-Password-Reset-Key": key}).status_code == 200
    assert client.post("auth/password/reset", {"key": "1-bogus-key", "password": NEW_PASSWORD}).status_code == 400
    response = client.post("auth/password/reset", {"key": key, "password": NEW_PASSWORD})
    assert response.status_code in (200, 401), response.json()
    # The key is spent.
    assert client.post("auth/password/reset", {"key": key, "password": NEW_PASSWORD}).status_code == 400

    assert Headless(kind).post("auth/login", {"email": user.email, "password": PASSWORD}).status_code == 400
    fresh = Headless(kind)
    assert fresh.post("auth/login", {"email": user.email, "password": NEW_PASSWORD}).status_code == 200


def test_account_mail_is_danish_and_names_the_platform(kind):
    user = UserFactory()
    mail.outbox.clear()
    Headless(kind).post("auth/code/request", {"email": user.email})
    message = last_mail_to(user.email)
    assert message.subject.startswith("[Masterclass] ")
    assert "Masterclass-netværket" in message.body
    assert "testserver" not in message.body
    assert "kode" in message.body.lower()
