"""Fixtures shared by every test module: API clients per role, and the domain factories."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories.members import CohortFactory, ExpertFactory, StaffFactory, UserFactory
from tests.s3 import s3_server, s3_storage  # noqa: F401  (S3 over HTTP for any test that asks)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Empty the shared cache (the database cache, as in production) before each database test.

    allauth's rate limits and DRF's throttles count in it; transactional tests
    commit, so without this one test's failed logins would throttle the next.
    """
    if "_django_db_helper" in request.fixturenames or request.node.get_closest_marker("django_db"):
        from django.core.cache import cache

        request.getfixturevalue("_django_db_helper")
        cache.clear()


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
