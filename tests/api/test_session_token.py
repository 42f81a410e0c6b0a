"""The X-Session-Token lookup: one session read per request, same answers as allauth's stock strategy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db


def _token(user) -> str:
    client = Client()
    client.force_login(user)
    return client.session.session_key


def test_valid_token_reads_the_session_once(api_client):
    user = UserFactory()
    token = _token(user)
    with CaptureQueriesContext(connection) as ctx:
        response = api_client.get("/api/v1/me", headers={"X-Session-Token": token})
    assert response.status_code == 200
    assert response.json()["email"] == user.email
    # One read of the session row; no separate exists() query before it.
    assert len([q for q in ctx.captured_queries if '"django_session"' in q["sql"]]) == 1


def test_expired_session_token_is_401(api_client):
    token = _token(UserFactory())
    Session.objects.filter(session_key=token).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = api_client.get("/api/v1/me", headers={"X-Session-Token": token})
    assert response.status_code == 401


def test_token_of_a_deactivated_member_is_401(api_client):
    user = UserFactory()
    token = _token(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = api_client.get("/api/v1/me", headers={"X-Session-Token": token})
    assert response.status_code == 401
