"""Account-enumeration prevention and rate limits counted in the real (database) cache."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from members.models import User
from tests.factories.members import UserFactory
from tests.foundation.headless import CLIENT_KINDS, Headless, last_mail_to, pending_flow

pytestmark = [pytest.mark.django_db, pytest.mark.parametrize("kind", CLIENT_KINDS)]


def _shape(response) -> tuple:
    body = response.json()
    flows = [(flow["id"], flow.get("is_pending", False)) for flow in body.get("data", {}).get("flows", [])]
    meta = {key: value for key, value in body.get("meta", {}).items() if key != "session_token"}
    return response.status_code, flows, meta, body.get("errors")


def test_signup_with_existing_email_looks_like_a_new_signup(kind):
    existing = UserFactory()
    taken = Headless(kind).post("auth/signup", {"email": existing.email, "password": "en-lang-frase-2026"})
    fresh = Headless(kind).post("auth/signup", {"email": "helt.ny@example.dk", "password": "en-lang-frase-2026"})
    assert _shape(taken) == _shape(fresh)
    assert pending_flow(taken) == "verify_email"
    assert User.objects.filter(email=existing.email).count() == 1
    # The owner of the address is told instead, by mail.
    assert last_mail_to(existing.email)


def test_password_reset_does_not_reveal_accounts(kind):
    known = UserFactory()
    known_answer = Headless(kind).post("auth/password/request", {"email": known.email})
    unknown_answer = Headless(kind).post("auth/password/request", {"email": "ingen@example.dk"})
    assert _shape(known_answer) == _shape(unknown_answer)


def test_login_code_request_does_not_reveal_accounts(kind):
    known = UserFactory()
    known_answer = Headless(kind).post("auth/code/request", {"email": known.email})
    unknown_answer = Headless(kind).post("auth/code/request", {"email": "ingen@example.dk"})
    assert _shape(known_answer) == _shape(unknown_answer)
    assert pending_flow(unknown_answer) == "login_by_code"


def test_wrong_password_and_unknown_email_get_the_same_answer(kind):
    known = UserFactory()
    wrong_password = Headless(kind).post("auth/login", {"email": known.email, "password": "forkert-kodeord"})
    unknown = Headless(kind).post("auth/login", {"email": "ingen@example.dk", "password": "forkert-kodeord"})
    assert _shape(wrong_password) == _shape(unknown)


def test_repeated_failed_logins_get_429(kind):
    user = UserFactory()
    client = Headless(kind)
    for _ in range(5):
        assert client.post("auth/login", {"email": user.email, "password": "gæt"}).status_code == 400
    blocked = client.post("auth/login", {"email": user.email, "password": "gæt"})
    assert blocked.status_code == 429
    # Locked for that account even with the right password, and even from a fresh client.
    again = Headless(kind).post("auth/login", {"email": user.email, "password": "correct-horse-battery"})
    assert again.status_code == 429
    # Another account is unaffected.
    other = UserFactory()
    answer = Headless(kind).post("auth/login", {"email": other.email, "password": "correct-horse-battery"})
    assert answer.status_code == 200


def test_rate_limits_live_in_the_database_cache(kind):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    table = settings.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        assert cursor.fetchone()[0] == 0  # emptied before each test
    user = UserFactory()
    Headless(kind).post("auth/login", {"email": user.email, "password": "gæt"})
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        assert cursor.fetchone()[0] > 0


def test_login_code_requests_are_limited_per_address(kind):
    user = UserFactory()
    mail.outbox.clear()
    answers = [Headless(kind).post("auth/code/request", {"email": user.email}).status_code for _ in range(4)]
    assert answers[:3] == [401, 401, 401]
    assert answers[3] == 429
