"""OpenAPI descriptions of the error answers every Q&A operation may give."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from .serializers import QAErrorOutput

_DESCRIPTIONS = {
    400: "Invalid input: field-level messages ({field: [messages]}) or a rule ({detail, code}).",
    401: "Not signed in.",
    403: "Signed in, may read this, but may not do this (e.g. not the author, not an expert, not staff).",
    404: "No such cohort, question or answer, or not visible to you (no hint whether it exists).",
    409: "The question's state refuses it (claimed by another expert, closed, locked, hidden, has answers).",
    429: "Too many writes; retry after the time in Retry-After.",
}


def errors(*codes: int) -> dict:
    """``responses`` entries for the given error statuses (401, 404 and 429 are added to writes by callers)."""
    return {
        code: OpenApiResponse(OpenApiTypes.OBJECT if code == 400 else QAErrorOutput, description=_DESCRIPTIONS[code])
        for code in codes
    }


READ_ERRORS = (401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404, 409, 429)
