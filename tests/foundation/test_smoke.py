"""The smallest proof the stack stands: PostgreSQL, /healthz and /api/v1/me."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_me_anonymous_is_401(api_client):
    assert api_client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_me_returns_profile(client_for, member):
    body = client_for(member).get("/api/v1/me").json()
    assert body["email"] == member.email
    assert body["organization"]["name"] == member.organization.name
    assert body["roles"] == ["member"]
