"""Media on S3 through django-storages, over real HTTP against the test S3 server (moto)."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.base import ContentFile

from tests.s3 import S3_REGION, s3_client


def test_upload_and_read_back(s3_storage):
    name = s3_storage.save("library/notes.txt", ContentFile("Relationel velfærd".encode()))
    assert s3_storage.exists(name)
    with s3_storage.open(name) as handle:
        assert handle.read().decode() == "Relationel velfærd"
    assert s3_storage.size(name) == len("Relationel velfærd".encode())


def test_same_name_does_not_overwrite(s3_storage):
    first = s3_storage.save("library/a.txt", ContentFile(b"one"))
    second = s3_storage.save("library/a.txt", ContentFile(b"two"))
    assert first != second
    with s3_storage.open(first) as handle:
        assert handle.read() == b"one"


def test_objects_are_private(s3_storage, s3_server, settings):
    assert s3_storage.default_acl == "private"
    name = s3_storage.save("library/private.txt", ContentFile(b"members only"))
    acl = s3_client(s3_server).get_object_acl(Bucket=settings.S3_BUCKET, Key=name)
    grantees = [grant["Grantee"] for grant in acl["Grants"]]
    assert all(grantee.get("Type") == "CanonicalUser" for grantee in grantees), grantees
    # The plain, unsigned URL is refused to an anonymous client.
    plain = f"{s3_server}/{settings.S3_BUCKET}/{name}"
    response = requests.get(plain, timeout=10)
    assert response.status_code == 403
    assert b"members only" not in response.content


def test_presigned_url_works_over_http(s3_storage, settings):
    name = s3_storage.save("library/podcast.txt", ContentFile(b"episode 1"))
    url = s3_storage.url(name)
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == [str(settings.S3_PRESIGN_SECONDS)]
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert S3_REGION in query["X-Amz-Credential"][0]
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    assert response.content == b"episode 1"


def test_presign_lifetime_defaults_to_five_minutes(settings):
    assert settings.S3_PRESIGN_SECONDS == 300


@pytest.fixture
def short_lived_storage(s3_storage):
    """The same storage, presigning URLs that live one second."""
    s3_storage.querystring_expire = 1
    return s3_storage


def test_presigned_url_expires(short_lived_storage):
    name = short_lived_storage.save("library/short.txt", ContentFile(b"soon gone"))
    url = short_lived_storage.url(name)
    assert requests.get(url, timeout=10).status_code == 200
    time.sleep(2.1)
    expired = requests.get(url, timeout=10)
    assert expired.status_code == 403
    assert b"Request has expired" in expired.content


def test_delete(s3_storage):
    name = s3_storage.save("library/gone.txt", ContentFile(b"x"))
    s3_storage.delete(name)
    assert not s3_storage.exists(name)
