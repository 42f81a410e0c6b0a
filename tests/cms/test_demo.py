"""The demo library: idempotent, tied to the demo cohorts' sessions, with small real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms import demo
from cms.demo_content import RVLAB_SLUG, VAEKSTHUSET_SLUG
from cms.models import CohortPage, HomePage, LiteraturePage, MaterialPage, NewsPage, PodcastEpisodePage
from tests.factories.members import CohortFactory, SessionFactory

pytestmark = pytest.mark.django_db

FILES = Path(demo.__file__).resolve().parent / "demo_files"


def _snapshot():
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        list(MaterialPage.objects.order_by("pk").values_list("pk", "title", "sessions__number")),
    )


def test_without_demo_cohorts_only_home_and_news_are_made():
    demo.load()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert NewsPage.objects.count() == 2
    assert not CohortPage.objects.exists()


def test_load_builds_the_library_and_a_second_run_changes_nothing():
    for slug, sessions in ((VAEKSTHUSET_SLUG, 4), (RVLAB_SLUG, 2)):
        cohort = CohortFactory(slug=slug)
        for number in range(1, sessions + 1):
            SessionFactory(cohort=cohort, number=number)
    demo.load()
    first = _snapshot()
    demo.load()
    assert _snapshot() == first

    assert CohortPage.objects.count() == 2
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()  # welcome page replaced
    literature = set(LiteraturePage.objects.values_list("title", flat=True))
    assert "Relationel Velfærd – en status på implementering" in literature
    assert "Relasjonell velferd – slides fra NTNU" in literature
    assert PodcastEpisodePage.objects.filter(audio__isnull=False).count() >= 2
    assert all(page.sessions.exists() for page in MaterialPage.objects.all())
    for page in LiteraturePage.objects.filter(pdf__isnull=False):
        assert page.pdf.collection.name == "Bibliotek (kun medlemmer)"


def test_demo_files_are_small_and_real():
    pdfs = sorted(FILES.glob("*.pdf"))
    audio = sorted(FILES.glob("*.mp3"))
    assert len(pdfs) >= 2 and len(audio) >= 2
    for path in pdfs:
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and len(data) < 50_000
    for path in audio:
        data = path.read_bytes()
        assert len(data) < 100_000
        assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)  # an MPEG frame
