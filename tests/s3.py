"""An S3-compatible server for the test run: moto in server mode, spoken to over real HTTP.

Fixtures (imported by ``tests/conftest.py``, so every area can use them):

- ``s3_server``: the endpoint URL of a moto server on 127.0.0.1 and a free port,
  started once per test run and stopped at its end.
- ``s3_storage``: switches Django's default storage to django-storages' S3Storage
  (the same options production uses, ``config.settings.storage``) against a fresh
  private bucket for one test, and returns that storage. Anything using
  ``default_storage`` (Wagtail documents, images, the readiness probe) goes to S3.

moto implements S3's API but does not check when a presigned URL expires; the
server here adds that one rule as WSGI middleware in front of moto, with S3's own
answer (403 AccessDenied, "Request has expired"), so expiry can be tested over HTTP.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import boto3
import pytest
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from config.settings.storage import s3_storage_options

S3_REGION = "eu-north-1"
S3_ACCESS_KEY = "test-access-key"
S3_SECRET_KEY = "test-secret-key"

EXPIRED_BODY = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    b"<Message>Request has expired</Message></Error>"
)


class PresignedExpiry:
    """WSGI middleware: refuse a SigV4 presigned request after X-Amz-Date + X-Amz-Expires, as S3 does."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if "X-Amz-Date" in query and "X-Amz-Expires" in query:
            signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            expires_at = signed_at + timedelta(seconds=int(query["X-Amz-Expires"][0]))
            if datetime.now(UTC) > expires_at:
                start_response("403 Forbidden", [("Content-Type", "application/xml")])
                return [EXPIRED_BODY]
        return self.app(environ, start_response)


class S3TestServer(ThreadedMotoServer):
    """moto's threaded server with presigned-URL expiry enforced."""

    def _server_entry(self) -> None:
        app = PresignedExpiry(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """Start the S3 server on 127.0.0.1 with a free port (port 0); yield its endpoint URL."""
    server = S3TestServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_client(endpoint_url: str):
    """A boto3 client for the test server, for arranging and inspecting buckets directly."""
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        aws_access_key_id=S3_ACCESS_KEY,
        aws_secret_access_key=S3_SECRET_KEY,
        region_name=S3_REGION,
    )


@pytest.fixture
def s3_storage(s3_server, settings):
    """Default storage on a fresh private bucket of the test S3 server; yields the storage."""
    from django.core.files.storage import storages

    bucket = f"test-media-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_server)
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    options = s3_storage_options(
        bucket=bucket,
        endpoint_url=s3_server,
        access_key=S3_ACCESS_KEY,
        secret_key=S3_SECRET_KEY,
        region=S3_REGION,
        presign_seconds=settings.S3_PRESIGN_SECONDS,
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    settings.S3_BUCKET = bucket
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    yield storages["default"]
    # Empty and drop the bucket so the in-memory server stays small over a long run.
    try:
        listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
        for item in listed:
            client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)
    except client.exceptions.NoSuchBucket:
        pass  # a test may have removed it on purpose
