"""Demo site: home page, news, a page and a library per demo cohort, with real files.

Idempotent: pages are found by slug under their parent and documents by title, and only
created when missing; a second run changes nothing. Runs after ``members.demo.cohorts``;
cohorts are looked up by slug, and a cohort that does not exist gets no pages.
Texts are our own words; facts come from the seed documents (shared/seeds).
"""

from __future__ import annotations

import hashlib
from datetime import date, time
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.demo_content import COHORT_CONTENT, NEWS
from cms.models import (
    ArticlePage,
    CohortPage,
    CohortPageExpert,
    HomePage,
    LibraryIndexPage,
    LiteraturePage,
    NewsIndexPage,
    NewsPage,
    PodcastEpisodePage,
)
from cms.selectors import library_collection
from members.models import Cohort, User

FILES = Path(__file__).resolve().parent / "demo_files"
MATERIAL_CLASSES = {"literature": LiteraturePage, "podcast": PodcastEpisodePage, "article": ArticlePage}


def load() -> None:
    """Create the demo page tree and library (see module docstring)."""
    home = _home_page()
    _news(home)
    for slug, content in COHORT_CONTENT.items():
        cohort = Cohort.objects.filter(slug=slug).first()
        if cohort is None:
            continue  # the seat domain's demo did not create it: nothing to hang pages on
        cohort_page = _cohort_page(home, cohort, content)
        library = _child(cohort_page, LibraryIndexPage, "bibliotek", lambda c=cohort, t=content: LibraryIndexPage(
            title="Bibliotek", slug="bibliotek", cohort=c, intro=t["library_intro"],
        ))
        for material in content["materials"]:
            _material(library, cohort, material)


def _child(parent: Page, model, slug: str, build):
    """The child of ``parent`` with ``slug`` (of ``model``), created with ``build()`` if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=build())


def _home_page() -> HomePage:
    """The HomePage, made the default Site's root in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(
            title="Masterclass-netværket",
            slug="forside",
            intro=(
                "<p>Masterclasses for ledere i de nordiske velfærds- og beskæftigelsesorganisationer: "
                "små hold, eksperter fra forskningen og et bibliotek med litteratur, podcasts og artikler "
                "mellem sessionerne.</p>"
            ),
        ))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Masterclass-netværket")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Masterclass-netværket"
        site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page, if still there and unused.
    for welcome in Page.objects.child_of(root).exclude(pk=home.pk).filter(content_type__model="page"):
        if not welcome.get_children().exists() and not Site.objects.filter(root_page=welcome).exists():
            welcome.delete()
    return home


def _news(home: HomePage) -> None:
    index = _child(home, NewsIndexPage, "nyheder", lambda: NewsIndexPage(
        title="Nyheder", slug="nyheder", intro="<p>Seneste nyt fra netværket.</p>",
    ))
    for item in NEWS:
        _child(index, NewsPage, item["slug"], lambda item=item: NewsPage(**item))


def _cohort_page(home: HomePage, cohort: Cohort, content: dict) -> CohortPage:
    def build() -> CohortPage:
        page = CohortPage(
            title=cohort.title,
            slug=cohort.slug,
            cohort=cohort,
            intro=content["intro"],
            for_whom=content["for_whom"],
            program=[("day", _day(day)) for day in content["program"]],
            venue_details=content["venue_details"],
            catering=content["catering"],
        )
        for order, email in enumerate(content["experts"]):
            expert = User.objects.filter(email=email).first()
            if expert is not None:
                page.expert_profiles.add(CohortPageExpert(expert=expert, sort_order=order))
        return page

    return _child(home, CohortPage, cohort.slug, build)


def _day(day: dict) -> dict:
    return {
        "date": date.fromisoformat(day["date"]),
        "heading": day["heading"],
        "items": [
            {
                "starts": time.fromisoformat(starts),
                "ends": time.fromisoformat(ends) if ends else None,
                "title": title,
                "speaker": "",
                "description": description,
            }
            for starts, ends, title, description in day["items"]
        ],
    }


def _document(title: str, filename: str):
    """A library document from cms/demo_files, in the private library collection (once)."""
    Document = get_document_model()
    collection = library_collection()
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing
    content = (FILES / filename).read_bytes()
    doc = Document(title=title, collection=collection, file_size=len(content),
                   file_hash=hashlib.sha1(content, usedforsecurity=False).hexdigest())
    doc.file.save(filename, ContentFile(content), save=False)
    doc.save()
    return doc


def _material(library: LibraryIndexPage, cohort: Cohort, spec: dict) -> None:
    spec = dict(spec)
    kind = spec.pop("kind")
    session_numbers = spec.pop("sessions", [])
    tags = spec.pop("tags", [])
    expert_emails = spec.pop("experts", [])
    if "pdf" in spec:
        spec["pdf"] = _document(*spec["pdf"])
    if "audio" in spec:
        spec["audio"] = _document(*spec["audio"])
    model = MATERIAL_CLASSES[kind]
    if model.objects.child_of(library).filter(slug=spec["slug"]).exists():
        return
    page = model(**spec)
    page.sessions.set(list(cohort.sessions.filter(number__in=session_numbers)))
    page.experts.set(list(User.objects.filter(email__in=expert_emails)))
    page.tags.set(tags)
    library.add_child(instance=page)
    page.save_revision().publish()
