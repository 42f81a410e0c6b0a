"""The visibility matrix: who may read a cohort's materials, over pages, files, audio, feed, search and API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.cms.conftest import READERS, ROLES, SECRET

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("role", ROLES)
def test_material_pages_answer_200_and_show_full_text_only_to_readers(world, client_as, role):
    client = client_as(world.people[role])
    for material in (world.literature, world.episode, world.article):
        response = client.get(material.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert material.title in html and material.teaser in html
        assert (SECRET in html) is (role in READERS), (role, material.title)
        assert ('data-testid="member-prompt"' in html) is (role not in READERS)
        assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("role", ROLES)
def test_pdf_is_served_only_to_readers(world, client_as, role):
    client = client_as(world.people[role])
    response = client.get(reverse("cms:document", args=[world.literature.pdf.pk]))
    if role in READERS:
        assert response.status_code == 200
        assert _body(response).startswith(b"%PDF")
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_wagtail_document_url_hands_library_files_to_the_checked_view(world, client_as, role):
    client = client_as(world.people[role])
    doc = world.literature.pdf
    response = client.get(doc.url)
    assert response.status_code == 302
    assert response["Location"] == reverse("cms:document", args=[doc.pk])
    followed = client.get(response["Location"])
    assert followed.status_code == (200 if role in READERS else 302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_audio_ranges_only_for_readers(world, client_as, role):
    client = client_as(world.people[role])
    response = client.get(reverse("cms:document", args=[world.episode.audio.pk]), HTTP_RANGE="bytes=100-199")
    if role in READERS:
        assert response.status_code == 206
        assert response["Content-Range"] == "bytes 100-199/10240"
        assert response["Accept-Ranges"] == "bytes"
        assert _body(response) == bytes(range(100, 200))
    else:
        assert response.status_code in (302, 403)
        assert not response.streaming


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_feed_lists_episodes_only_for_readers(world, client, role):
    user = world.people[role]
    response = client.get(reverse("cms:podcast_feed", args=[user.feed_token]))
    assert response.status_code == 200
    feed = response.content.decode()
    assert user.get_full_name() in feed
    assert (world.episode.title in feed) is (role in READERS)


def test_feed_with_unknown_token_is_404(world, client):
    assert client.get(reverse("cms:podcast_feed", args=["not-a-token"])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_search_returns_only_readable_materials(world, client_as, role):
    client = client_as(world.people[role])
    html = client.get(reverse("cms:search"), {"q": SECRET}).content.decode()
    assert (world.literature.title in html) is (role in READERS)
    library_html = client.get(world.library.url, {"q": SECRET}).content.decode()
    assert (world.literature.title in library_html) is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_api_withholds_member_only_fields_and_files(world, client_as, role):
    client = client_as(world.people[role])
    detail = client.get(f"/api/v2/pages/{world.literature.pk}/").json()
    assert detail["title"] == world.literature.title and detail["teaser"]
    assert ("summary" in detail) is (role in READERS)
    assert ("pdf" in detail) is (role in READERS)
    assert detail["meta"]["member_only_content"] == ("readable" if role in READERS else "withheld")
    if role in READERS:
        assert detail["pdf"]["download_url"].endswith(reverse("cms:document", args=[world.literature.pdf.pk]))

    listing = client.get("/api/v2/pages/", {"type": "cms.PodcastEpisodePage", "fields": "transcript,audio"}).json()
    item = next(i for i in listing["items"] if i["id"] == world.episode.pk)
    assert ("transcript" in item) is (role in READERS)

    documents = client.get("/api/v2/documents/").json()
    ids = {d["id"] for d in documents["items"]}
    assert (world.literature.pdf.pk in ids) is (role in READERS)
    assert all("/bibliotek/filer/" in d["meta"]["download_url"] for d in documents["items"])

    found = client.get("/api/v2/pages/", {"search": SECRET}).json()
    assert (world.literature.pk in {i["id"] for i in found["items"]}) is (role in READERS)


def test_library_listing_shows_teasers_to_everyone_and_locks_unreadable(world, client_as):
    html = client_as(world.people["outsider"]).get(world.library.url).content.decode()
    for material in (world.literature, world.episode, world.article):
        assert material.title in html and material.teaser in html
    assert SECRET not in html


def test_substitute_loses_access_when_session_is_past(world, client_as):
    """Access ends with the session window: the rule is members.selectors', checked at request time."""
    from datetime import timedelta

    from django.utils import timezone

    session = world.sessions[0]
    session.starts_at = timezone.now() - timedelta(days=30)
    session.ends_at = timezone.now() - timedelta(days=20)
    session.save()
    client = client_as(world.people["substitute_current"])
    assert SECRET not in client.get(world.literature.url).content.decode()
    assert client.get(reverse("cms:document", args=[world.literature.pdf.pk])).status_code == 403


def test_api_is_open_to_anonymous_callers_for_public_data(world, client):
    assert client.get("/api/v2/images/").status_code == 200
    pages = client.get("/api/v2/pages/", {"type": "cms.CohortPage", "fields": "cohort"}).json()
    assert [item["cohort"]["slug"] for item in pages["items"]] == [world.cohort.slug]
    library_files = {world.literature.pdf.pk, world.episode.audio.pk}
    assert not library_files & {d["id"] for d in client.get("/api/v2/documents/").json()["items"]}


def test_sign_in_link_keeps_the_full_return_path(world, client):
    html = client.get(world.library.url, {"kind": "literature", "tag": "x"}).content.decode()
    assert "next=%2Fmasterclass" in html and "%26tag%3Dx" in html
