"""Local file serving: HTTP Range (206, 416, suffix ranges, If-Range) on the permission-checked view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.files import parse_range

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-10", (990, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=1000-", False),
        ("bytes=50-10", False),
        ("bytes=-0", False),
        ("bytes=0-1,5-6", None),  # multi-range: the whole file
        ("items=0-1", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, 1000) == expected


def _get(client, world, **headers):
    client.force_login(world.people["member"])
    return client.get(reverse("cms:document", args=[world.episode.audio.pk]), **headers)


def test_whole_file_advertises_ranges(world, client):
    response = _get(client, world)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "10240"
    assert response["Content-Type"] == "audio/mpeg"
    assert b"".join(response.streaming_content) == bytes(range(256)) * 40


def test_open_and_suffix_ranges(world, client):
    response = _get(client, world, HTTP_RANGE="bytes=10000-")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10000-10239/10240"
    assert len(b"".join(response.streaming_content)) == 240
    response = _get(client, world, HTTP_RANGE="bytes=-16")
    assert response["Content-Range"] == "bytes 10224-10239/10240"


def test_unsatisfiable_range_is_416(world, client):
    response = _get(client, world, HTTP_RANGE="bytes=20000-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"


def test_if_range_with_a_stale_validator_sends_the_whole_file(world, client):
    etag = _get(client, world)["ETag"]
    assert _get(client, world, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag).status_code == 206
    assert _get(client, world, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"stale"').status_code == 200


def test_unknown_document_is_404_and_post_is_refused(world, client):
    client.force_login(world.people["member"])
    assert client.get(reverse("cms:document", args=[999999])).status_code == 404
    assert client.post(reverse("cms:document", args=[world.literature.pdf.pk])).status_code == 405


def test_public_documents_outside_the_library_stay_public(world, client):
    from tests.factories.cms import PDF_BYTES, document

    public = document("Program", "program.pdf", PDF_BYTES, in_library=False)
    response = client.get(reverse("cms:document", args=[public.pk]))
    assert response.status_code == 200
    assert client.get(public.url).status_code == 200  # Wagtail's own view serves it


def test_no_media_url_serves_library_files(world, client):
    client.force_login(world.people["staff"])
    assert client.get(f"/media/{world.literature.pdf.file.name}").status_code == 404


def test_image_renditions_are_public_but_nothing_else_under_media(world, client, settings):
    from pathlib import Path

    images = Path(settings.MEDIA_ROOT) / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "expert.fill-160x160.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/images/expert.fill-160x160.png").status_code == 200
    assert client.get("/media/images/../documents/x.pdf").status_code == 404
    assert client.get(f"/media/{world.episode.audio.file.name}").status_code == 404
