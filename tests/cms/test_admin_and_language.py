"""Editors' forms in the Wagtail admin, and the site's language and time zone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.models import LiteraturePage
from tests.factories.members import SessionFactory

pytestmark = pytest.mark.django_db

EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'  # what Draftail posts for an empty field


@pytest.fixture
def editor(world, client, settings):
    settings.MFA_REQUIRED_FOR_ADMIN = False  # MFA is the accounts area's concern, tested there
    client.force_login(world.people["staff"])
    return client


def test_admin_edit_forms_render_for_every_page_type(world, editor):
    for page in (world.literature, world.episode, world.article, world.library, world.library.get_parent()):
        response = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


def test_material_form_offers_and_accepts_only_the_cohorts_sessions(world, editor):
    url = reverse("wagtailadmin_pages:add", args=["cms", "literaturepage", world.library.pk])
    response = editor.get(url)
    assert response.status_code == 200
    choices = set(response.context["form"].fields["sessions"].queryset.values_list("pk", flat=True))
    assert choices == {s.pk for s in world.sessions}

    foreign = SessionFactory()  # a session of another cohort
    data = {
        "title": "Ny tekst", "slug": "ny-tekst", "teaser": "Kort.", "authors": "NN",
        "sessions": [foreign.pk], "tags": "", "summary": EMPTY_RICH_TEXT, "reading_guidance": EMPTY_RICH_TEXT,
        "expert_profiles-TOTAL_FORMS": "0", "expert_profiles-INITIAL_FORMS": "0",
    }
    response = editor.post(url, data)
    assert response.status_code == 200  # the form again, with an error
    assert "sessions" in response.context["form"].errors
    assert not LiteraturePage.objects.filter(slug="ny-tekst").exists()

    data["sessions"] = [world.sessions[0].pk]
    response = editor.post(url, data)
    assert response.status_code == 302
    assert list(LiteraturePage.objects.get(slug="ny-tekst").sessions.all()) == [world.sessions[0]]


def test_danish_by_default_english_on_request(world, client):
    cohort_url = world.library.get_parent().url
    danish = client.get(cohort_url).content.decode()
    assert '<html lang="da">' in danish and "Tilmelding" in danish and "Praktisk information" in danish
    assert "kr. ekskl. moms" in danish
    english = client.get(cohort_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english and "Practical information" in english


def test_dates_are_shown_in_copenhagen_time_with_danish_month_names(world, client):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    session = world.sessions[1]
    session.starts_at = datetime(2027, 1, 15, 8, 30, tzinfo=ZoneInfo("UTC"))  # 09:30 in Copenhagen
    session.ends_at = session.starts_at + timedelta(hours=4)
    session.save()
    html = client.get(world.library.get_parent().url).content.decode()
    assert "Fredag 15. januar 2027, 09:30" in html
