"""Serving a library file once the caller has checked permission.

On S3 the answer is a redirect to a presigned URL that expires after
``settings.S3_PRESIGN_SECONDS`` (at most 300). On local storage Django streams the file
itself with HTTP Range support (206 Partial Content, ``If-Range``), so audio players can seek;
Wagtail's own streaming backend ignores ``Range``, which is why library files do not use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.http import http_date

CHUNK = 64 * 1024
MAX_PRESIGN_SECONDS = 300
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def presign_seconds() -> int:
    """How long a presigned URL lives: the configured value, never more than five minutes."""
    return max(1, min(int(getattr(settings, "S3_PRESIGN_SECONDS", MAX_PRESIGN_SECONDS)), MAX_PRESIGN_SECONDS))


def serve_document_file(request, document) -> HttpResponse:
    """The file of ``document``: a presigned redirect on remote storage, a (ranged) stream on disk."""
    field = document.file
    try:
        path = field.path
    except NotImplementedError:
        path = None
    if path is None:
        url = field.storage.url(
            field.name,
            parameters={
                "ResponseContentDisposition": document.content_disposition,
                "ResponseContentType": document.content_type,
            },
            expire=presign_seconds(),
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    return ranged_file_response(request, path, content_type=document.content_type,
                                disposition=document.content_disposition, etag=_etag(document, path))


def _etag(document, path: str) -> str:
    digest = getattr(document, "file_hash", "") or ""
    if not digest:
        stat = os.stat(path)
        digest = f"{stat.st_size:x}-{int(stat.st_mtime):x}"
    return f'"{digest}"'


def parse_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The one byte range asked for, as (first, last) inclusive; None if none; False if unsatisfiable.

    Only single ranges are honoured (what players send); a multi-range request gets the whole
    file, which RFC 9110 allows.
    """
    match = _RANGE.match(header.strip()) if header else None
    if not match:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # suffix range: the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return False
    return start, end


def _read(path: str, start: int, length: int) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def ranged_file_response(request, path: str, *, content_type: str, disposition: str, etag: str) -> HttpResponse:
    """Stream ``path`` whole (200) or the requested byte range (206); 416 for a range past the end."""
    stat = os.stat(path)
    size = stat.st_size
    wanted = parse_range(request.headers.get("Range", ""), size)
    if_range = request.headers.get("If-Range")
    if wanted and if_range and if_range != etag and if_range != http_date(stat.st_mtime):
        wanted = None  # the client's copy is stale: send the whole current file
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted:
        start, end = wanted
        response = StreamingHttpResponse(_read(path, start, end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = StreamingHttpResponse(_read(path, 0, size), content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
