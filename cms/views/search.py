"""Full-text search across the materials the searcher may read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from cms.models import MaterialPage
from cms.selectors import materials_visible_to

PAGE_SIZE = 20


def search_materials(user, query: str):
    """Search results (relevance order) among the materials ``user`` may read.

    The visibility filter is applied before the search, as a list of ids the search backend
    can filter on, so counts and pagination only ever see readable materials.
    """
    ids = list(materials_visible_to(user).values_list("pk", flat=True))
    return MaterialPage.objects.live().filter(id__in=ids).search(query)


@require_safe
def search(request):
    """``/soeg/?q=``: materials matching ``q`` that the signed-in member may read."""
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    page_obj = None
    if query:
        page_obj = Paginator(search_materials(request.user, query), PAGE_SIZE).get_page(request.GET.get("page"))
        page_obj.object_list = list(page_obj.object_list)
        for material in page_obj.object_list:
            material.is_readable = True  # only readable materials are searched
    response = TemplateResponse(request, "cms/search.html", {"query": query, "page_obj": page_obj})
    response["Cache-Control"] = "private, no-cache"
    return response
