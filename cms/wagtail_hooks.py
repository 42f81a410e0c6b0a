"""Wagtail hooks: library files never leave through Wagtail's own document URL unchecked."""

from __future__ import annotations

from django.shortcuts import redirect
from wagtail import hooks

from cms.selectors import is_library_document


@hooks.register("before_serve_document", order=-10)
def send_library_files_through_permission_check(document, request):
    """Hand library files to ``cms:document``, which applies ``materials_visible_to``.

    Runs before Wagtail's collection-privacy hook, so links made by the rich-text editor
    still work for members; the library collection's own restriction is the second lock.
    """
    if is_library_document(document):
        return redirect("cms:document", document_id=document.pk)
    return None
