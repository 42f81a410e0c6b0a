"""Wagtail API v2 (pages, documents, images) at /api/v2/, with the library's visibility rule.

Pages: every live public page is listed (titles and teasers are public, as on the site), but
a material's member-only fields are withheld from those who may not read it, and a
``search`` only matches readable materials. Documents: public ones plus the library files
the caller may read; ``download_url`` points at the permission-checked ``cms:document`` view.
Images are public (expert photos, article images).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from rest_framework.fields import Field
from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError, get_full_url
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.models import MaterialPage
from cms.models.library import MATERIAL_TYPES
from cms.selectors import documents_visible_to, materials_visible_to

MEMBER_ONLY_FIELDS = {name for model in MATERIAL_TYPES.values() for name in model.member_only_fields}


class RequestCachedHtmlUrlField(PageHtmlUrlField):
    """``html_url`` via ``get_full_url(request)``, so the site's root paths are read once per request.

    Wagtail's own field uses ``page.full_url``, which looks them up in the cache once per page.
    """

    def to_representation(self, page):
        try:
            return page.get_full_url(self.context.get("request"))
        except NoReverseMatch:
            return None


class RejectNulBytesMixin:
    """PostgreSQL cannot hold NUL in text: a parameter carrying one is a 400, not a database error."""

    def check_query_parameters(self, queryset):
        if any("\x00" in value for value in self.request.GET.values()):
            raise BadRequestError("query parameters may not contain NUL characters")
        return super().check_query_parameters(queryset)


class MemberAwarePageSerializer(PageSerializer):
    """Drops a material's ``member_only_fields`` unless the caller may read it, and says so in ``meta``."""

    html_url = RequestCachedHtmlUrlField(read_only=True)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        hidden = getattr(instance, "member_only_fields", ())
        if hidden:
            readable = instance.pk in self.context["view"].readable_material_ids
            for name in hidden if not readable else ():
                data.pop(name, None)
            data.setdefault("meta", {})["member_only_content"] = "readable" if readable else "withheld"
        return data


class CmsPagesAPIViewSet(RejectNulBytesMixin, PagesAPIViewSet):
    """Pages with the library rule applied (see module docstring)."""

    base_serializer_class = MemberAwarePageSerializer
    permission_classes = [AllowAny]

    def check_query_parameters(self, queryset):
        # Filtering or ordering by a member-only field would reveal its content one guess at a time.
        ordering = self.request.GET.get("order", "").lstrip("-")
        if ordering in MEMBER_ONLY_FIELDS or MEMBER_ONLY_FIELDS & set(self.request.GET):
            raise BadRequestError("member-only fields cannot be used to filter or order")
        return super().check_query_parameters(queryset)

    @cached_property
    def readable_material_ids(self) -> set[int]:
        return set(materials_visible_to(self.request.user).values_list("pk", flat=True))

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, MaterialPage):
            # Listing fields read sessions, tags and the file: load them per page of results, not per item.
            files = [name for name in ("pdf", "audio") if hasattr(queryset.model, f"{name}_id")]
            queryset = queryset.prefetch_related("sessions", "tags").select_related(*files)
        if self.request.GET.get("search"):
            # Searching must never reveal member-only text: exclude unreadable materials by id
            # (a filter the search backend can apply before ranking and paging).
            unreadable = MaterialPage.objects.exclude(pk__in=self.readable_material_ids).values_list("pk", flat=True)
            queryset = queryset.exclude(id__in=list(unreadable))
        return queryset


class CheckedDownloadUrlField(Field):
    """``download_url`` through ``cms:document`` (which checks permission), never the storage URL."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, document):
        return get_full_url(self.context["request"], reverse("cms:document", args=[document.pk]))


class CheckedDocumentSerializer(DocumentSerializer):
    download_url = CheckedDownloadUrlField(read_only=True)


class CmsDocumentsAPIViewSet(RejectNulBytesMixin, DocumentsAPIViewSet):
    """Documents the caller may download: public ones and the library files of readable materials."""

    base_serializer_class = CheckedDocumentSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        visible_ids = list(documents_visible_to(self.request.user).values_list("pk", flat=True))
        # A plain id filter, so the search backend can apply it too.
        return self.model.objects.filter(id__in=visible_ids).order_by("id")


class CmsImagesAPIViewSet(RejectNulBytesMixin, ImagesAPIViewSet):
    """Images are public (expert photos, article images)."""

    permission_classes = [AllowAny]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CmsPagesAPIViewSet)
api_router.register_endpoint("documents", CmsDocumentsAPIViewSet)
api_router.register_endpoint("images", CmsImagesAPIViewSet)
