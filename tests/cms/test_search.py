"""Search: PostgreSQL full text with Danish stemming, filtered by the visibility rule before paging."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from cms.views.search import search_materials
from tests.factories import cms as pages

pytestmark = pytest.mark.django_db


def test_postgres_backend_uses_danish_configuration():
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "danish"


def test_danish_stemming_matches_inflected_forms(world):
    staff = world.people["staff"]
    pages.article(world.library, title="Om implementeringen", teaser="Erfaringer fra kommunerne.")
    titles = {page.title for page in search_materials(staff, "implementering")}
    assert "Om implementeringen" in titles
    titles = {page.title for page in search_materials(staff, "kommune")}
    assert "Om implementeringen" in titles


def test_pagination_counts_only_readable_results(world, client):
    """A member of another cohort finds nothing here, even though 30 materials match the words."""
    for n in range(30):
        pages.article(world.library, title=f"Samskabelse i praksis {n}", teaser="Samskabelse.")
    client.force_login(world.people["member"])
    response = client.get(reverse("cms:search"), {"q": "samskabelse"})
    assert response.context["page_obj"].paginator.count == 30
    assert response.context["page_obj"].paginator.num_pages == 2

    client.force_login(world.people["expert_other"])
    response = client.get(reverse("cms:search"), {"q": "samskabelse"})
    assert response.context["page_obj"].paginator.count == 0
