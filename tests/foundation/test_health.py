"""/healthz answers without dependencies; /readyz checks database and media storage, naming failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.s3 import s3_client

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_needs_no_database(client):
    # No django_db mark: any database access here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_ok_on_local_disk(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}, "failing": []}
    # The probe cleans up after itself.
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


@pytest.mark.django_db
def test_readyz_fails_when_local_disk_is_unwritable(client, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["failing"] == ["storage"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["storage"].startswith("error:")


@pytest.mark.django_db
def test_readyz_ok_on_s3(client, s3_storage, s3_server, settings):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "storage": "ok"}
    # The probe's object was written to and removed from the bucket.
    assert s3_client(s3_server).list_objects_v2(Bucket=settings.S3_BUCKET).get("KeyCount", 0) == 0


@pytest.mark.django_db
def test_readyz_fails_when_bucket_is_missing(client, s3_storage, s3_server, settings):
    s3_client(s3_server).delete_bucket(Bucket=settings.S3_BUCKET)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]


def test_readyz_fails_when_database_is_down(tmp_path):
    """A real unreachable PostgreSQL (a closed port), in a separate process with its own settings."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
        "DATABASE_POOL_TIMEOUT": "1",
        "MEDIA_ROOT": str(tmp_path),
    }
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/readyz');"
        "print(r.status_code, json.dumps(r.json()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    status, _, body = result.stdout.strip().splitlines()[-1].partition(" ")
    assert status == "503"
    assert '"failing": ["database"]' in body
    assert '"storage": "ok"' in body


@pytest.mark.django_db
def test_readyz_fails_fast_when_s3_is_unreachable(client, s3_storage, settings):
    import time

    # The production options (timeouts included), pointed at a closed port.
    options = {**settings.STORAGES["default"]["OPTIONS"], "endpoint_url": "http://127.0.0.1:9"}
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"], "OPTIONS": options}}
    started = time.monotonic()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]
    assert time.monotonic() - started < 15
