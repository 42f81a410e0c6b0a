"""StreamField blocks: each a small StructBlock with its own template, documented once here.

Program blocks build a cohort's agenda (one ``ProgramDayBlock`` per day, holding timed
``AgendaItemBlock`` rows in RV Lab's "09:30-10:00 Velkomst & check-in" style). Body blocks
make up an article: headed text, quotes, callouts, links to sources and images.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class AgendaItemBlock(blocks.StructBlock):
    """One timed item of a day's program: start and end time, a title, optional speaker and note."""

    starts = blocks.TimeBlock(label=_("starts"), format="%H:%M")
    ends = blocks.TimeBlock(label=_("ends"), format="%H:%M", required=False)
    title = blocks.CharBlock(label=_("title"), max_length=200)
    speaker = blocks.CharBlock(label=_("speaker"), max_length=200, required=False)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        template = "cms/blocks/agenda_item.html"
        label = _("Agenda item")


class ProgramDayBlock(blocks.StructBlock):
    """One day of a cohort's program: the date, an optional heading and its agenda items in order."""

    date = blocks.DateBlock(label=_("date"))
    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    items = blocks.ListBlock(AgendaItemBlock(), label=_("agenda"))

    class Meta:
        icon = "date"
        template = "cms/blocks/program_day.html"
        label = _("Program day")


class HeadingBlock(blocks.StructBlock):
    """A section heading inside an article (h2 or h3, so the page keeps one h1)."""

    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("level"))

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")


class ParagraphBlock(blocks.StructBlock):
    """Running text with the limited rich-text features an article needs."""

    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("text"))

    class Meta:
        icon = "pilcrow"
        template = "cms/blocks/paragraph.html"
        label = _("Paragraph")


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its source, e.g. a line from a report or an interview."""

    quote = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("source"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")


class CalloutBlock(blocks.StructBlock):
    """A boxed note: a question to reflect on before the session, or a key point."""

    kind = blocks.ChoiceBlock(
        choices=[("reflection", _("Reflection")), ("key_point", _("Key point"))],
        default="key_point",
        label=_("kind"),
    )
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "help"
        template = "cms/blocks/callout.html"
        label = _("Callout")


class SourceLinkBlock(blocks.StructBlock):
    """A reference to an outside source: a title and a URL (a DOI link works too)."""

    title = blocks.CharBlock(label=_("title"), max_length=300)
    url = blocks.URLBlock(label=_("URL"))

    class Meta:
        icon = "link"
        template = "cms/blocks/source_link.html"
        label = _("Source")


class ImageBlock(blocks.StructBlock):
    """An image with a caption; renditions are public files, so no member-only images here."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), max_length=300, required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image")


class ArticleBodyBlock(blocks.StreamBlock):
    """The blocks an article body is made of."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    source = SourceLinkBlock()
    image = ImageBlock()
