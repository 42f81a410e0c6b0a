"""Who may read what in the library: one selector, used by pages, files, search, the feed and the API.

A material's full text and files are readable by the people ``members.selectors`` gives
member access to the cohort of the library the material is filed under (confirmed members,
a substitute while their session is current, the cohort's experts, staff). Nothing here
re-states that rule; it only maps materials and documents to cohorts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Left, Length
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.models import LibraryIndexPage, LiteraturePage, MaterialPage, PodcastEpisodePage
from members.models import Cohort, Registration
from members.selectors import cohorts_with_member_access

LIBRARY_COLLECTION_NAME = "Bibliotek (kun medlemmer)"


def materials_visible_to(user, *, now: datetime | None = None, model: type[MaterialPage] = MaterialPage) -> QuerySet:
    """Live materials (of ``model``, default all kinds) whose full text and files ``user`` may read.

    A material belongs to the cohort of its parent library page, found by tree path (the
    parent's path is the material's path minus one step), so no cohort is copied onto pages.
    """
    if not getattr(user, "is_authenticated", False):
        return model.objects.none()
    libraries = LibraryIndexPage.objects.filter(
        live=True,
        cohort__in=cohorts_with_member_access(user, now=now),
        path=Left(OuterRef("path"), Length(OuterRef("path")) - MaterialPage.steplen),
    )
    return model.objects.live().filter(Exists(libraries))


def material_readable_by(material: MaterialPage, user) -> bool:
    """Whether ``user`` may read ``material``'s member-only fields and files."""
    return materials_visible_to(user).filter(pk=material.pk).exists()


def readable_ids(user, pages) -> set[int]:
    """The ids among ``pages`` that ``user`` may read in full (one query for a whole listing)."""
    ids = [page.pk for page in pages]
    if not ids:
        return set()
    return set(materials_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def materials_in_cohort(cohort_id: int, *, model: type[MaterialPage] = MaterialPage) -> QuerySet:
    """Live materials filed under any live library of the cohort (titles and teasers are public)."""
    libraries = LibraryIndexPage.objects.filter(
        live=True, cohort_id=cohort_id,
        path=Left(OuterRef("path"), Length(OuterRef("path")) - MaterialPage.steplen),
    )
    return model.objects.live().filter(Exists(libraries))


def library_collection() -> Collection:
    """The private collection library files are uploaded to (created on first use).

    It carries a Wagtail view restriction to a group nobody is in, so Wagtail's own
    document URL never serves these files (superusers excepted); members get them through
    ``cms.views.files``, which applies ``materials_visible_to``.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import CollectionViewRestriction

    collection = Collection.objects.filter(name=LIBRARY_COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=LIBRARY_COLLECTION_NAME)
    if not collection.view_restrictions.exists():
        group, _ = Group.objects.get_or_create(name="Bibliotek: direkte filadgang")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    return collection


def library_documents() -> QuerySet:
    """Documents that are library files: in the library collection or attached to any material."""
    Document = get_document_model()
    attached = Q(pk__in=LiteraturePage.objects.filter(pdf__isnull=False).values("pdf_id")) | Q(
        pk__in=PodcastEpisodePage.objects.filter(audio__isnull=False).values("audio_id")
    )
    in_library = Q(collection__name=LIBRARY_COLLECTION_NAME)
    return Document.objects.filter(attached | in_library)


def is_library_document(document) -> bool:
    """Whether ``document`` is a library file (and so only served after the permission check)."""
    return library_documents().filter(pk=document.pk).exists()


def documents_visible_to(user) -> QuerySet:
    """Documents ``user`` may download: public documents, plus library files of materials they may read."""
    Document = get_document_model()
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_staff:
        return Document.objects.all()
    readable = materials_visible_to(user)
    readable_files = Q(pk__in=LiteraturePage.objects.filter(pk__in=readable.values("pk")).values("pdf_id")) | Q(
        pk__in=PodcastEpisodePage.objects.filter(pk__in=readable.values("pk")).values("audio_id")
    )
    return Document.objects.filter(~Q(pk__in=library_documents().values("pk")) | readable_files)


def document_readable_by(document, user) -> bool:
    """Whether ``user`` may download ``document``."""
    return documents_visible_to(user).filter(pk=document.pk).exists()


@dataclass(frozen=True)
class SeatSummary:
    """Live seat figures of a cohort as the public page shows them."""

    capacity: int
    taken: int
    opens_at: datetime
    closes_at: datetime
    state: str  # "upcoming", "open" or "closed"

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken, 0)


def cohort_seat_summary(cohort: Cohort, *, now: datetime | None = None) -> SeatSummary:
    """Seats left (capacity minus seat-holding registrations) and the registration window's state."""
    now = now or timezone.now()
    taken = Registration.objects.filter(cohort=cohort, status__in=Registration.SEAT_HOLDING).count()
    if cohort.status != Cohort.Status.PUBLISHED or now >= cohort.registration_closes_at:
        state = "closed"
    elif now < cohort.registration_opens_at:
        state = "upcoming"
    else:
        state = "open"
    return SeatSummary(cohort.capacity, taken, cohort.registration_opens_at, cohort.registration_closes_at, state)


def registration_of(user, cohort: Cohort) -> Registration | None:
    """``user``'s own registration in ``cohort`` (any status), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(cohort=cohort, user=user).first()


def episodes_for_feed(user) -> QuerySet[PodcastEpisodePage]:
    """The podcast episodes with audio that ``user`` may hear, newest first, for their private feed."""
    return (
        materials_visible_to(user, model=PodcastEpisodePage)
        .filter(audio__isnull=False)
        .select_related("audio")
        .order_by("-first_published_at", "-pk")
    )


def readable_cohort_ids(user) -> set[int]:
    """Ids of cohorts whose materials ``user`` may read (for templates that mark locked items)."""
    return set(cohorts_with_member_access(user).values_list("pk", flat=True))


__all__ = [
    "SeatSummary",
    "cohort_seat_summary",
    "document_readable_by",
    "documents_visible_to",
    "episodes_for_feed",
    "is_library_document",
    "library_collection",
    "library_documents",
    "material_readable_by",
    "materials_in_cohort",
    "materials_visible_to",
    "readable_cohort_ids",
    "readable_ids",
    "registration_of",
]

