"""Which Wagtail pages a question may point to as its material.

Materials are the CMS's literature, podcast-episode and article pages, filed under a
cohort's library (``cms.selectors.materials_in_cohort``). A question may name a live
material of its own cohort only. If the CMS app offers no such selector (a build
without the library), any live page is accepted.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

ERROR = _("Choose a literature, podcast or article page from this cohort's library.")


def _materials_in_cohort():
    try:
        from cms.selectors import materials_in_cohort
    except ImportError:
        return None
    return materials_in_cohort


def material_for_cohort(page_id: int, cohort) -> Page:
    """The live material page ``page_id`` of ``cohort``'s library, as a plain Page.

    Raises a field-level ValidationError (``material``) otherwise, with the same
    message for a missing page, a page of another kind and another cohort's material.
    """
    in_cohort = _materials_in_cohort()
    if in_cohort is None:
        page = Page.objects.live().filter(pk=page_id).first()
    else:
        page = Page.objects.filter(pk__in=in_cohort(cohort.pk).filter(pk=page_id).values("pk")).first()
    if page is None:
        raise ValidationError({"material": [str(ERROR)]})
    return page
