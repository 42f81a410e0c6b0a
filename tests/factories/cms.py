"""Builders for the page tree and library files (pages are added under a parent, as Wagtail requires)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.models import (
    ArticlePage,
    CohortPage,
    HomePage,
    LibraryIndexPage,
    LiteraturePage,
    NewsIndexPage,
    PodcastEpisodePage,
)
from cms.selectors import library_collection

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
AUDIO_BYTES = bytes(range(256)) * 40  # 10 240 bytes: enough to ask for ranges


def ensure_wagtail_roots() -> None:
    """The rows Wagtail's migrations create (locale, root page, root collection).

    A transactional test elsewhere in the run flushes them; pages and documents need them.
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


def home_page() -> HomePage:
    """The HomePage as the default Site's root (created once per test database)."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Masterclass-netværket", slug="forside"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Masterclass")
    else:
        site.root_page = home
        site.save()
    return home


def news_index() -> NewsIndexPage:
    existing = NewsIndexPage.objects.first()
    return existing or home_page().add_child(instance=NewsIndexPage(title="Nyheder", slug="nyheder"))


def cohort_page(cohort, **fields) -> CohortPage:
    fields.setdefault("title", cohort.title)
    fields.setdefault("slug", cohort.slug)
    return home_page().add_child(instance=CohortPage(cohort=cohort, **fields))


def library(cohort, parent: CohortPage | None = None, **fields) -> LibraryIndexPage:
    parent = parent or CohortPage.objects.filter(cohort=cohort).first() or cohort_page(cohort)
    fields.setdefault("title", "Bibliotek")
    fields.setdefault("slug", "bibliotek")
    return parent.add_child(instance=LibraryIndexPage(cohort=cohort, **fields))


def document(title: str, filename: str, content: bytes, *, in_library: bool = True):
    Document = get_document_model()
    doc = Document(title=title, collection=library_collection() if in_library else Document().collection)
    if not in_library:
        from wagtail.models import Collection

        doc.collection = Collection.get_first_root_node()
    doc.file.save(filename, ContentFile(content), save=False)
    doc.file_size = len(content)
    doc.save()
    return doc


_counter = iter(range(1, 10**6))


def literature(lib: LibraryIndexPage, *, sessions=(), with_pdf: bool = True, **fields) -> LiteraturePage:
    n = next(_counter)
    fields.setdefault("title", f"Rapport om relationel velfærd {n}")
    fields.setdefault("slug", f"rapport-{n}")
    fields.setdefault("teaser", "En kort, offentlig beskrivelse.")
    fields.setdefault("authors", "Aarhus Kommune")
    fields.setdefault("year", 2025)
    fields.setdefault("summary", "<p>Hemmeligt resumé om samskabelse for medlemmer.</p>")
    fields.setdefault("reading_guidance", "<p>Læs kapitel 3 før sessionen.</p>")
    if with_pdf:
        fields.setdefault("pdf", document(f"PDF {n}", f"rapport-{n}.pdf", PDF_BYTES))
    page = lib.add_child(instance=LiteraturePage(**fields))
    if sessions:
        page.sessions.set(sessions)
        page.save_revision().publish()
    return page


def episode(lib: LibraryIndexPage, *, sessions=(), **fields) -> PodcastEpisodePage:
    n = next(_counter)
    fields.setdefault("title", f"Episode {n}: Mattering i praksis")
    fields.setdefault("slug", f"episode-{n}")
    fields.setdefault("teaser", "Offentlig teaser for episoden.")
    fields.setdefault("episode_number", n)
    fields.setdefault("duration_seconds", 185)
    fields.setdefault("guests", "Ottar Ness, Jacob Storch")
    fields.setdefault("show_notes", "<p>Hemmelige shownotes.</p>")
    fields.setdefault("transcript", "Hemmelig transskription af samtalen.")
    fields.setdefault("audio", document(f"Lyd {n}", f"episode-{n}.mp3", AUDIO_BYTES))
    page = lib.add_child(instance=PodcastEpisodePage(**fields))
    if sessions:
        page.sessions.set(sessions)
        page.save_revision().publish()
    return page


def article(lib: LibraryIndexPage, **fields) -> ArticlePage:
    n = next(_counter)
    fields.setdefault("title", f"Artikel {n}")
    fields.setdefault("slug", f"artikel-{n}")
    fields.setdefault("teaser", "Offentlig teaser for artiklen.")
    fields.setdefault("body", [("paragraph", {"text": "<p>Hemmelig artikeltekst.</p>"})])
    return lib.add_child(instance=ArticlePage(**fields))
