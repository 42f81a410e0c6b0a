"""The cohort library and its materials: literature, podcast episodes and articles.

A material belongs to the cohort of the ``LibraryIndexPage`` it is filed under (its parent
page); moving a page to another library moves it to that cohort, with no copy of the
cohort to keep in sync. Any material may be attached to one or more of that cohort's
sessions. Who may read the full text is decided by ``cms.selectors.materials_visible_to``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ArticleBodyBlock
from cms.serializers import CohortSummaryField, MaterialFileField, SessionListField, TagListField


class LibraryIndexPage(Page):
    """A cohort's library: lists its materials with filters by kind, session, tag and expert."""

    cohort = models.ForeignKey(
        "members.Cohort", verbose_name=_("cohort"), related_name="libraries", on_delete=models.PROTECT
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("cohort"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.FilterField("cohort")]
    api_fields = [APIField("cohort", serializer=CohortSummaryField()), APIField("intro")]
    parent_page_types = ["cms.CohortPage"]
    subpage_types = ["cms.LiteraturePage", "cms.PodcastEpisodePage", "cms.ArticlePage"]
    page_size = 20

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")

    def get_context(self, request, *args, **kwargs):
        from cms.views.library import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache"  # locks and search results depend on who asks
        return response


class MaterialTag(TaggedItemBase):
    """A tag on a material (taggit through model)."""

    content_object = ParentalKey("cms.MaterialPage", related_name="tagged_items", on_delete=models.CASCADE)


class MaterialPageForm(WagtailAdminPageForm):
    """Offers only the sessions of the library's cohort and refuses others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cohort_id = self._cohort_id()
        if cohort_id and "sessions" in self.fields:
            self.fields["sessions"].queryset = self.fields["sessions"].queryset.filter(cohort_id=cohort_id)

    def _cohort_id(self):
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        parent = parent.specific if parent is not None else None
        return getattr(parent, "cohort_id", None)

    def clean_sessions(self):
        sessions = self.cleaned_data.get("sessions")
        cohort_id = self._cohort_id()
        if sessions and cohort_id and any(s.cohort_id != cohort_id for s in sessions):
            raise ValidationError(_("Only sessions of this library's cohort can be chosen."))
        return sessions


class MaterialPage(Page):
    """What every material has: a public teaser, sessions, recommending experts and tags.

    Concrete (one table) so listings, search, the feed and the API query materials once
    without knowing their kind. Subclasses name their member-only fields in
    ``member_only_fields``; those are shown and served only to readers.
    """

    teaser = models.TextField(_("teaser"), max_length=600, help_text=_("Public: shown to everyone."))
    sessions = ParentalManyToManyField(
        "members.Session", verbose_name=_("sessions"), related_name="materials", blank=True
    )
    experts = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("recommended by"), related_name="recommended_materials",
        blank=True, limit_choices_to={"is_expert": True},
    )
    tags = ClusterTaggableManager(through=MaterialTag, blank=True, verbose_name=_("tags"))

    kind = ""  # set by each subclass: "literature", "podcast", "article"
    member_only_fields: tuple[str, ...] = ()
    is_creatable = False
    base_form_class = MaterialPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("teaser"),
        APIField("kind"),
        APIField("sessions", serializer=SessionListField()),
        APIField("tags", serializer=TagListField()),
    ]
    promote_panels = Page.promote_panels
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    @classmethod
    def material_panels(cls) -> list:
        return [
            FieldPanel("teaser"),
            MultiFieldPanel(
                [FieldPanel("sessions"), FieldPanel("experts"), FieldPanel("tags")],
                heading=_("Sessions and tags"),
            ),
        ]

    @property
    def kind_label(self) -> str:
        return self.specific_class._meta.verbose_name

    @cached_property
    def library(self) -> LibraryIndexPage | None:
        """The library this material is filed under (its parent), with its cohort."""
        return LibraryIndexPage.objects.select_related("cohort").filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        from cms.views.library import material_context

        context = super().get_context(request, *args, **kwargs)
        context.update(material_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The body depends on who asks: never let a shared cache keep a member's copy.
        response["Cache-Control"] = "private, no-cache"
        return response


class LiteraturePage(MaterialPage):
    """A text to read: a report, book chapter, article or slide deck, with an optional PDF."""

    authors = models.CharField(_("authors"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    publisher = models.CharField(_("publisher or source"), max_length=300, blank=True)
    link = models.URLField(_("link"), blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("PDF"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = RichTextField(_("summary"), blank=True)
    reading_guidance = RichTextField(_("reading guidance"), blank=True)

    kind = "literature"
    member_only_fields = ("pdf", "summary", "reading_guidance")
    is_creatable = True

    content_panels = [
        *Page.content_panels,
        *MaterialPage.material_panels(),
        MultiFieldPanel(
            [FieldPanel("authors"), FieldPanel("year"), FieldPanel("publisher"), FieldPanel("link"),
             FieldPanel("doi")],
            heading=_("Reference"),
        ),
        FieldPanel("pdf"),
        FieldPanel("summary"),
        FieldPanel("reading_guidance"),
    ]
    search_fields = [
        *MaterialPage.search_fields,
        index.SearchField("authors"),
        index.SearchField("publisher"),
        index.SearchField("summary"),
        index.SearchField("reading_guidance"),
    ]
    api_fields = [
        *MaterialPage.api_fields,
        APIField("authors"), APIField("year"), APIField("publisher"), APIField("link"), APIField("doi"),
        APIField("pdf", serializer=MaterialFileField()),
        APIField("summary"), APIField("reading_guidance"),
    ]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("literature")
        verbose_name_plural = _("literature")

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""


class PodcastEpisodePage(MaterialPage):
    """A podcast episode: the audio file, its number and length, guests, show notes and transcript."""

    episode_number = models.PositiveIntegerField(_("episode number"))
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"))
    guests = models.CharField(_("guests"), max_length=300, blank=True)
    audio = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("audio file"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    show_notes = RichTextField(_("show notes"), blank=True)
    transcript = models.TextField(_("transcript"), blank=True)

    kind = "podcast"
    member_only_fields = ("audio", "show_notes", "transcript")
    is_creatable = True

    content_panels = [
        *Page.content_panels,
        *MaterialPage.material_panels(),
        MultiFieldPanel(
            [FieldPanel("episode_number"), FieldPanel("duration_seconds"), FieldPanel("guests"), FieldPanel("audio")],
            heading=_("Episode"),
        ),
        FieldPanel("show_notes"),
        FieldPanel("transcript"),
    ]
    search_fields = [
        *MaterialPage.search_fields,
        index.SearchField("guests"),
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
    ]
    api_fields = [
        *MaterialPage.api_fields,
        APIField("episode_number"), APIField("duration_seconds"), APIField("guests"),
        APIField("audio", serializer=MaterialFileField()),
        APIField("show_notes"), APIField("transcript"),
    ]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    @property
    def duration_display(self) -> str:
        minutes, seconds = divmod(self.duration_seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ArticlePage(MaterialPage):
    """An article written for the cohort: a StreamField body of small documented blocks."""

    author = models.CharField(_("author"), max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    kind = "article"
    member_only_fields = ("body",)
    is_creatable = True

    content_panels = [*Page.content_panels, *MaterialPage.material_panels(), FieldPanel("author"), FieldPanel("body")]
    search_fields = [*MaterialPage.search_fields, index.SearchField("author"), index.SearchField("body")]
    api_fields = [*MaterialPage.api_fields, APIField("author"), APIField("body")]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


MATERIAL_TYPES: dict[str, type[MaterialPage]] = {
    cls.kind: cls for cls in (LiteraturePage, PodcastEpisodePage, ArticlePage)
}
