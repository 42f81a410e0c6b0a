"""Context for the library index and material pages (called from the pages' ``get_context``)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.http import urlencode
from taggit.models import Tag

from cms.models import LibraryIndexPage, MaterialPage
from cms.models.library import MATERIAL_TYPES
from cms.selectors import material_readable_by, materials_visible_to, readable_ids, registration_of
from members.models import Session, User
from members.selectors import has_member_access


def login_url(request) -> str:
    """The sign-in URL that brings the visitor back to this page."""
    return f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def library_context(page: LibraryIndexPage, request) -> dict:
    """The filtered, paginated material list of a library.

    Filters: ``kind``, ``session`` (id), ``tag`` (slug), ``expert`` (id) and ``q`` (full-text
    search). Listing shows every live material's title and teaser; a search only returns what
    the searcher may read, filtered before searching so pages and counts stay correct.
    """
    params = request.GET
    materials = MaterialPage.objects.live().child_of(page)
    kind = params.get("kind", "")
    if kind in MATERIAL_TYPES:
        materials = materials.filter(content_type=ContentType.objects.get_for_model(MATERIAL_TYPES[kind]))
    session_id = _int_or_none(params.get("session"))
    if session_id:
        materials = materials.filter(sessions__id=session_id)
    tag = params.get("tag", "")
    if tag:
        materials = materials.filter(tags__slug=tag)
    expert_id = _int_or_none(params.get("expert"))
    if expert_id:
        materials = materials.filter(experts__id=expert_id)
    query = params.get("q", "").replace("\x00", "").strip()[:200]
    if query:
        visible = materials_visible_to(request.user).filter(pk__in=materials.values("pk"))
        ids = list(visible.values_list("pk", flat=True))
        results = MaterialPage.objects.live().filter(id__in=ids).search(query)
    else:
        results = materials.distinct().order_by("title")
    paginator = Paginator(results, page.page_size)
    page_obj = paginator.get_page(params.get("page"))
    items = list(page_obj.object_list)
    _prefetch_listing(items)
    readable = readable_ids(request.user, items)
    for item in items:
        item.is_readable = item.pk in readable
    return {
        "has_access": has_member_access(request.user, page.cohort),
        "registration": registration_of(request.user, page.cohort),
        "materials": items,
        "page_obj": page_obj,
        "query": query,
        "filters": {"kind": kind, "session": session_id, "tag": tag, "expert": expert_id},
        "kinds": [(key, cls._meta.verbose_name) for key, cls in MATERIAL_TYPES.items()],
        "sessions": Session.objects.filter(cohort_id=page.cohort_id).order_by("number"),
        "tags": Tag.objects.filter(
            cms_materialtag_items__content_object__in=MaterialPage.objects.live().child_of(page)
        ).distinct().order_by("name"),
        "cohort_page_url": page.get_parent().get_url(request),
        "login_url": login_url(request),
        "experts": User.objects.filter(recommended_materials__in=MaterialPage.objects.live().child_of(page))
        .distinct().order_by("first_name", "last_name"),
    }


def _prefetch_listing(items: list[MaterialPage]) -> None:
    """Load sessions and tags of a page of results in two queries, whatever its length."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(items, "sessions", "tags")


def material_context(page: MaterialPage, request) -> dict:
    """What a material page shows: everything for readers; title, teaser and a prompt for others."""
    can_read = material_readable_by(page, request.user)
    library = page.library
    cohort = library.cohort if library else None
    file = (getattr(page, "pdf", None) or getattr(page, "audio", None)) if can_read else None
    return {
        "can_read": can_read,
        "library": library,
        "cohort": cohort,
        "registration": registration_of(request.user, cohort) if cohort else None,
        "material_sessions": list(page.sessions.all()),
        "material_tags": list(page.tags.all()),
        "material_experts": list(page.experts.all()),
        "file": file,
        "file_url": reverse("cms:document", args=[file.pk]) if file else "",
        "cohort_page_url": library.get_parent().get_url(request) if library else "",
        "login_url": login_url(request),
    }
