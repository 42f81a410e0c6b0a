"""Query counts per page type do not grow with the number of materials (5 vs 50)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import cms as pages

pytestmark = pytest.mark.django_db


def add_materials(world, count: int) -> None:
    """Add ``count`` materials of all three kinds, each attached to both sessions and tagged."""
    pdf = world.literature.pdf
    audio = world.episode.audio
    for i in range(count):
        kind = i % 3
        if kind == 0:
            page = pages.literature(world.library, pdf=pdf)
        elif kind == 1:
            page = pages.episode(world.library, audio=audio)
        else:
            page = pages.article(world.library)
        page.sessions.set(world.sessions)
        page.experts.set([world.people["expert"]])
        page.tags.add(f"emne-{i % 4}")
        page.save()


def count_queries(client, url: str, **params) -> int:
    client.get(url, params)  # warm caches (site root paths, content types), as a running site has
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def urls(world, member) -> dict[str, tuple[str, dict]]:
    return {
        "home": ("/", {}),
        "cohort": (world.library.get_parent().url, {}),
        "library": (world.library.url, {}),
        "library-filtered": (world.library.url, {"kind": "literature", "tag": "emne-0"}),
        "library-search": (world.library.url, {"q": "relationel"}),
        "literature": (world.literature.url, {}),
        "podcast": (world.episode.url, {}),
        "article": (world.article.url, {}),
        "search": (reverse("cms:search"), {"q": "relationel"}),
        "feed": (reverse("cms:podcast_feed", args=[member.feed_token]), {}),
        "api-pages": ("/api/v2/pages/", {"type": "cms.LiteraturePage", "fields": "summary,pdf,sessions,tags"}),
        "api-documents": ("/api/v2/documents/", {}),
    }


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_query_counts_do_not_grow_with_materials(world, client, role):
    user = world.people[role]
    client.force_login(user)
    add_materials(world, 2)  # 5 materials
    small = {name: count_queries(client, url, **params) for name, (url, params) in urls(world, user).items()}
    add_materials(world, 45)  # 50 materials
    large = {name: count_queries(client, url, **params) for name, (url, params) in urls(world, user).items()}
    assert large == small
    assert max(small.values()) <= 30, small
