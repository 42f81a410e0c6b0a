"""The public page of a cohort: what, for whom, when and where, the program, experts and registration."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import ProgramDayBlock
from cms.serializers import CohortSummaryField


class CohortPage(Page):
    """A cohort's public page. Seats, dates and prices are read live from ``members.Cohort``.

    The page adds what the seat domain does not hold: the pitch, the timed program per day,
    experts' photos and the practical details (catering, directions).
    """

    cohort = models.ForeignKey(
        "members.Cohort", verbose_name=_("cohort"), related_name="pages", on_delete=models.PROTECT
    )
    intro = RichTextField(_("what it is"), blank=True)
    for_whom = RichTextField(_("for whom"), blank=True, help_text=_("Empty: the cohort's target group."))
    program = StreamField([("day", ProgramDayBlock())], verbose_name=_("program"), blank=True)
    venue_details = models.TextField(
        _("venue and directions"), blank=True, help_text=_("Empty: the cohort's venue.")
    )
    catering = models.TextField(_("catering"), blank=True)
    practical_notes = RichTextField(_("other practical information"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("cohort"),
        FieldPanel("intro"),
        FieldPanel("for_whom"),
        FieldPanel("program"),
        InlinePanel("expert_profiles", label=_("Experts")),
        MultiFieldPanel(
            [FieldPanel("venue_details"), FieldPanel("catering"), FieldPanel("practical_notes")],
            heading=_("Practical information"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("for_whom"),
        index.FilterField("cohort"),
    ]
    api_fields = [
        APIField("cohort", serializer=CohortSummaryField()),
        APIField("intro"),
        APIField("for_whom"),
        APIField("program"),
        APIField("venue_details"),
        APIField("catering"),
        APIField("practical_notes"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.LibraryIndexPage"]

    class Meta:
        verbose_name = _("cohort page")
        verbose_name_plural = _("cohort pages")

    def get_context(self, request, *args, **kwargs):
        from cms.views.cohort import cohort_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(cohort_page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache"  # seats and the member's own status are live
        return response


class CohortPageExpert(Orderable):
    """An expert shown on a cohort page, with an optional photo and a bio that overrides the profile's."""

    page = ParentalKey(CohortPage, related_name="expert_profiles", on_delete=models.CASCADE)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), related_name="+", on_delete=models.CASCADE,
        limit_choices_to={"is_expert": True},
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("bio"), blank=True, help_text=_("Empty: the expert's own profile bio."))

    panels = [FieldPanel("expert"), FieldPanel("photo"), FieldPanel("bio")]

    class Meta(Orderable.Meta):
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
