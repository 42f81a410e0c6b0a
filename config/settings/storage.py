"""Media storage configuration: local disk by default, S3 (or MinIO) when a bucket is given."""

from __future__ import annotations

from botocore.config import Config


def s3_storage_options(
    *,
    bucket: str,
    endpoint_url: str | None,
    access_key: str | None,
    secret_key: str | None,
    region: str,
    presign_seconds: int,
    addressing_style: str = "path",
) -> dict:
    """django-storages options for private objects served only through short-lived presigned URLs.

    ``file_overwrite=False`` keeps two uploads with the same name from replacing
    each other; path-style addressing is what MinIO and moto expect. Short
    connect timeouts and few retries let a request (and /readyz) fail in seconds
    when the store is down, instead of hanging a worker for minutes.
    """
    client_config = Config(
        s3={"addressing_style": addressing_style},
        signature_version="s3v4",
        connect_timeout=5,
        read_timeout=30,
        retries={"max_attempts": 3, "mode": "standard"},
    )
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": presign_seconds,
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": addressing_style,
        "client_config": client_config,
    }
