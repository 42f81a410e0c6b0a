"""Wagtail page types: the public site and the member-only library.

The page tree reads like the site's table of contents::

    HomePage
    ├── NewsIndexPage ── NewsPage
    └── CohortPage (one per members.Cohort)
        └── LibraryIndexPage (the cohort's library; its ``cohort`` decides who may read)
            ├── LiteraturePage
            ├── PodcastEpisodePage
            └── ArticlePage

Materials share one concrete base, ``MaterialPage``, so the library, search, the feed and
the API query one table; ``cms.selectors`` holds the visibility rule.
"""

from .cohort import CohortPage, CohortPageExpert
from .library import (
    ArticlePage,
    LibraryIndexPage,
    LiteraturePage,
    MaterialPage,
    MaterialTag,
    PodcastEpisodePage,
)
from .site import HomePage, NewsIndexPage, NewsPage

__all__ = [
    "ArticlePage",
    "CohortPage",
    "CohortPageExpert",
    "HomePage",
    "LibraryIndexPage",
    "LiteraturePage",
    "MaterialPage",
    "MaterialTag",
    "NewsIndexPage",
    "NewsPage",
    "PodcastEpisodePage",
]
