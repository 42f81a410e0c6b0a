"""Fixtures shared by every test module: API clients per role, and the domain factories."""

from __future__ import annotations

import pytest
from django.db import connections
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


@pytest.fixture(scope="session", autouse=True)
def _close_pools_before_teardown(django_db_setup, django_db_blocker):
    """Leave no session on the test database, so pytest-django can drop it.

    Pooled connections that threads or the live server still hold (an audio stream
    the browser abandoned, say) are never handed back; end them, then close the pool.
    """
    yield
    with django_db_blocker.unblock():
        connection = connections["default"]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connections.close_all()
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()


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


def pytest_collection_modifyitems(items):
    """Make every transactional test restore the rows migrations made (content types,
    Wagtail's root page, site and collections) instead of leaving a flushed database.

    A transactional test ends with a flush; only one that uses serialized_rollback skips
    re-creating content types afterwards. Mixing the two kinds makes the next serialized
    restore collide with those re-created rows, so all of them use it.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in getattr(item, "fixturenames", ()) or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if transactional and not (marker is not None and marker.kwargs.get("serialized_rollback")):
            args = marker.args if marker is not None else ()
            kwargs = {**(marker.kwargs if marker is not None else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*args, **kwargs), append=False)
