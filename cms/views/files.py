"""Library files (PDFs, audio) behind the permission check; the only way members reach them."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model

from cms.files import serve_document_file
from cms.selectors import document_readable_by


@require_safe
def document(request, document_id: int):
    """Serve a document to someone allowed to read it.

    Anonymous callers are sent to sign in; signed-in callers without access get 403.
    Local files are streamed with Range support, S3 files redirected to a short-lived
    presigned URL (``cms.files``).
    """
    doc = get_object_or_404(get_document_model(), pk=document_id)
    if not document_readable_by(doc, request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return serve_document_file(request, doc)
