"""config.cache.RedisCache against a real Redis: Django's backend, one client per pool."""

from __future__ import annotations

import os

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from config.cache import RedisCache
from scripts.redis_server import throwaway_redis


@pytest.fixture(scope="module")
def redis_url():
    """REDIS_URL if given, else a throwaway redis-server (scripts/redis_server.py)."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    with throwaway_redis() as url:
        if url is None:
            pytest.skip("no redis-server on this machine and no REDIS_URL")
        yield url


@pytest.fixture
def cache(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": "test-cache"})
    yield cache
    cache.clear()


def test_one_client_per_pool_is_reused(cache):
    client = cache._cache.get_client(write=True)
    cache.set("k", 1)
    cache.get("k")
    assert cache._cache.get_client() is client
    assert cache._cache.get_client("any-key", write=True) is client
    # The stock backend builds a new client on every call; that is what this one avoids.
    stock = DjangoRedisCache(cache._cache._servers[0], {})
    assert stock._cache.get_client() is not stock._cache.get_client()


def test_behaves_like_djangos_backend(cache):
    assert cache.get("missing", "default") == "default"
    cache.set("history", [1.5, 2.5], timeout=30)
    assert cache.get("history") == [1.5, 2.5]
    assert cache.add("history", "other") is False
    assert cache.add("fresh", "value") is True
    cache.set("n", 1)
    assert cache.incr("n", 2) == 3
    assert cache.get_many(["history", "n", "missing"]) == {"history": [1.5, 2.5], "n": 3}
    cache.set_many({"a": 1, "b": 2}, timeout=30)
    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}
    assert cache.delete("a") is True
    assert cache.get("a") is None
    assert cache.touch("b", 60) is True
    cache.set("gone", 1, timeout=0)  # a timeout of 0 deletes, as with Django's backend
    assert cache.get("gone") is None
    with pytest.raises(ValueError):
        cache.incr("missing")
