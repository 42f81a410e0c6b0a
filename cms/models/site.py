"""The home page and the news section (as Resonans publishes its "seneste nyt")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The site root: an introduction, the current cohorts and the latest news."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.NewsIndexPage", "cms.CohortPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .cohort import CohortPage

        context = super().get_context(request, *args, **kwargs)
        context["cohort_pages"] = (
            CohortPage.objects.live().child_of(self).select_related("cohort").order_by("cohort__registration_opens_at")
        )
        context["news"] = NewsPage.objects.live().descendant_of(self).order_by("-date")[:3]
        return context


class NewsIndexPage(Page):
    """The list of news items, newest first."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = NewsPage.objects.live().child_of(self).order_by("-date")
        return context


class NewsPage(Page):
    """A news item: date, a lead and the text."""

    date = models.DateField(_("date"))
    lead = models.TextField(_("lead"), max_length=500)
    body = RichTextField(_("text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("lead"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [APIField("date"), APIField("lead"), APIField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
