"""Fixtures shared by every test module: API clients per role, and the domain factories."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories.members import CohortFactory, ExpertFactory, StaffFactory, UserFactory


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def client_for():
    """Build an API client signed in as ``user`` (session authentication)."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def expert(db):
    return ExpertFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def cohort(db):
    return CohortFactory()
