"""On S3 (moto in server mode, over HTTP): library files are redirects to presigned URLs of <= 300 s."""

from __future__ import annotations

import re
import urllib.request
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _fetch(url: str, **headers) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def test_document_view_redirects_to_short_lived_presigned_url(s3_storage, world, client, settings):
    doc = world.literature.pdf
    assert doc.file.storage.__class__.__name__ == "S3Storage"
    client.force_login(world.people["member"])
    response = client.get(reverse("cms:document", args=[doc.pk]))
    assert response.status_code == 302
    location = response["Location"]
    query = parse_qs(urlparse(location).query)
    assert int(query["X-Amz-Expires"][0]) <= 300
    assert int(query["X-Amz-Expires"][0]) == min(settings.S3_PRESIGN_SECONDS, 300)
    assert response["Cache-Control"] == "private, no-store"
    status, body = _fetch(location)
    assert status == 200 and body.startswith(b"%PDF")
    # S3 itself answers ranges on the presigned URL, so audio seeks there.
    audio = client.get(reverse("cms:document", args=[world.episode.audio.pk]))["Location"]
    status, body = _fetch(audio, Range="bytes=0-9")
    assert status == 206 and body == bytes(range(10))


def test_presign_lifetime_is_capped_at_five_minutes(s3_storage, world, client, settings):
    settings.S3_PRESIGN_SECONDS = 3600
    client.force_login(world.people["member"])
    location = client.get(reverse("cms:document", args=[world.literature.pdf.pk]))["Location"]
    assert parse_qs(urlparse(location).query)["X-Amz-Expires"] == ["300"]


def test_no_presigned_url_for_those_without_access(s3_storage, world, client):
    url = reverse("cms:document", args=[world.literature.pdf.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("account_login"))
    client.force_login(world.people["outsider"])
    assert client.get(url).status_code == 403


def test_the_object_itself_is_private(s3_storage, world):
    """Without a signature the bucket refuses: the storage URL is not a public one."""
    url = world.literature.pdf.file.storage.url(world.literature.pdf.file.name)
    unsigned = re.sub(r"\?.*$", "", url)
    status, _ = _fetch(unsigned)
    assert status == 403


def test_feed_enclosure_redirects_to_presigned_audio(s3_storage, world, client):
    member = world.people["member"]
    feed = client.get(reverse("cms:podcast_feed", args=[member.feed_token])).content.decode()
    enclosure = re.search(r'<enclosure url="https?://[^/]+([^"]+)"', feed).group(1)
    response = client.get(enclosure)
    assert response.status_code == 302
    assert int(parse_qs(urlparse(response["Location"]).query)["X-Amz-Expires"][0]) <= 300
    status, body = _fetch(response["Location"])
    assert status == 200 and body == bytes(range(256)) * 40
