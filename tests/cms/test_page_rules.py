"""Which page types may be created where (the page tree's table of contents)."""

from __future__ import annotations

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import (
    ArticlePage,
    CohortPage,
    HomePage,
    LibraryIndexPage,
    LiteraturePage,
    MaterialPage,
    NewsIndexPage,
    NewsPage,
    PodcastEpisodePage,
)

MATERIALS = {LiteraturePage, PodcastEpisodePage, ArticlePage}


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_and_holds_news_and_cohorts(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {NewsIndexPage, CohortPage})

    def test_news(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_cohort_page_holds_its_library(self):
        self.assertAllowedParentPageTypes(CohortPage, {HomePage})
        self.assertAllowedSubpageTypes(CohortPage, {LibraryIndexPage})
        self.assertAllowedParentPageTypes(LibraryIndexPage, {CohortPage})
        self.assertAllowedSubpageTypes(LibraryIndexPage, MATERIALS)

    def test_materials_live_only_in_a_library_and_are_leaves(self):
        for model in MATERIALS:
            self.assertAllowedParentPageTypes(model, {LibraryIndexPage})
            self.assertAllowedSubpageTypes(model, set())
            self.assertCanCreateAt(LibraryIndexPage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(CohortPage, model)

    def test_the_shared_material_base_is_not_creatable(self):
        self.assertFalse(MaterialPage.is_creatable)
        self.assertCanNotCreateAt(LibraryIndexPage, MaterialPage)

    def test_only_one_home_page_and_one_news_index(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertEqual(NewsIndexPage.max_count, 1)
