"""A question's material: a live literature, podcast or article page of the question's cohort."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from qa.services.questions import question_create, question_update
from tests.factories import cms as pages
from tests.factories.qa import qa_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    pages.ensure_wagtail_roots()  # a transactional test earlier in the run may have flushed them
    return qa_world()


def test_a_material_of_the_cohorts_library_is_accepted_and_filterable(world):
    article = pages.article(pages.library(world.cohort))
    question = question_create(
        user=world.member, cohort=world.cohort, title="Om artiklen", body="Hvad mener I?", material_id=article.pk
    )
    assert question.material_id == article.pk
    client = APIClient()
    client.force_authenticate(user=world.member)
    rows = client.get(f"/api/v1/cohorts/{world.cohort.slug}/questions/?material={article.pk}").json()["results"]
    assert [(r["id"], r["material"]) for r in rows] == [(question.pk, {"id": article.pk, "title": article.title})]


@pytest.mark.parametrize("kind", ["other cohort", "not a material", "draft", "missing"])
def test_other_pages_are_refused(world, kind):
    own_library = pages.library(world.cohort)
    if kind == "other cohort":
        page_id = pages.article(pages.library(world.other_cohort, slug="andet-bibliotek")).pk
    elif kind == "not a material":
        page_id = own_library.pk
    elif kind == "draft":
        draft = pages.article(own_library)
        draft.unpublish()
        page_id = draft.pk
    else:
        page_id = 10**9
    with pytest.raises(ValidationError) as error:
        question_create(user=world.member, cohort=world.cohort, title="t", body="b", material_id=page_id)
    assert list(error.value.message_dict) == ["material"]
    with pytest.raises(ValidationError):
        question_update(user=world.asker, question=world.open_question, material_id=page_id)
