"""Asking, editing (window and history), deleting, me-too and follow, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members.exceptions import Conflict, Forbidden, NotFound
from qa.models import Follow, MeToo, Question, QuestionRevision
from qa.services.questions import (
    question_create,
    question_delete,
    question_follow,
    question_me_too,
    question_me_too_withdraw,
    question_unfollow,
    question_update,
)
from tests.factories.members import SessionFactory
from tests.factories.qa import qa_world

pytestmark = pytest.mark.django_db


def test_ask_renders_markdown_and_the_asker_follows():
    world = qa_world()
    question = question_create(
        user=world.member,
        cohort=world.cohort,
        title="BIP i praksis",
        body="Hvordan bruger I **BIP**?",
        session_number=1,
    )
    assert question.status == Question.Status.OPEN
    assert question.session == world.session
    assert "<strong>BIP</strong>" in question.body_html
    assert Follow.objects.filter(question=question, user=world.member).exists()


def test_session_must_belong_to_the_cohort():
    world = qa_world()
    SessionFactory(cohort=world.other_cohort, number=2)
    with pytest.raises(ValidationError) as error:
        question_create(user=world.member, cohort=world.cohort, title="t", body="b", session_number=2)
    assert "session" in error.value.message_dict
    assert not Question.objects.filter(title="t").exists()


def test_without_access_asking_is_not_found():
    world = qa_world()
    for user in (world.other_member, world.waitlisted, world.other_expert, world.non_member):
        with pytest.raises(NotFound):
            question_create(user=user, cohort=world.cohort, title="t", body="b")


def test_author_edits_within_the_window_and_the_old_text_is_kept():
    world = qa_world()
    question = question_create(user=world.member, cohort=world.cohort, title="Før", body="Gammel tekst")
    question_update(user=world.member, question=question, title="Efter", body="Ny tekst")
    question.refresh_from_db()
    assert (question.title, question.body_markdown) == ("Efter", "Ny tekst")
    assert question.edited_at is not None
    revision = QuestionRevision.objects.get(question=question)
    assert (revision.title, revision.body_markdown, revision.editor) == ("Før", "Gammel tekst", world.member)


def test_author_cannot_edit_after_the_window(settings):
    settings.QA_EDIT_WINDOW_MINUTES = 30
    world = qa_world()
    Question.objects.filter(pk=world.question.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    world.question.refresh_from_db()
    with pytest.raises(Forbidden) as error:
        question_update(user=world.asker, question=world.question, title="Sent")
    assert error.value.code == "edit_window_passed"
    question_update(user=world.staff, question=world.question, title="Rettet af staff")  # staff may
    assert QuestionRevision.objects.filter(question=world.question).count() == 1


def test_others_cannot_edit():
    world = qa_world()
    with pytest.raises(Forbidden):
        question_update(user=world.member, question=world.question, title="Ikke min")
    with pytest.raises(Forbidden):
        question_update(user=world.expert, question=world.question, title="Ikke min")


def test_author_deletes_only_while_unanswered():
    world = qa_world()
    with pytest.raises(Conflict) as error:
        question_delete(user=world.asker, question=world.question)
    assert error.value.code == "has_answers"
    question_delete(user=world.asker, question=world.open_question)
    assert not Question.objects.filter(pk=world.open_question.pk).exists()
    question_delete(user=world.staff, question=world.question)
    assert not Question.objects.filter(pk=world.question.pk).exists()


def test_me_too_is_idempotent_and_not_for_ones_own_question():
    world = qa_world()
    assert question_me_too(user=world.member, question=world.question) == 1
    assert question_me_too(user=world.member, question=world.question) == 1
    assert question_me_too(user=world.substitute, question=world.question) == 2
    with pytest.raises(Conflict):
        question_me_too(user=world.asker, question=world.question)
    assert question_me_too_withdraw(user=world.member, question=world.question) == 1
    assert MeToo.objects.filter(question=world.question).count() == 1


def test_follow_and_unfollow_are_idempotent():
    world = qa_world()
    question_follow(user=world.member, question=world.question)
    question_follow(user=world.member, question=world.question)
    assert Follow.objects.filter(question=world.question, user=world.member).count() == 1
    question_unfollow(user=world.member, question=world.question)
    question_unfollow(user=world.member, question=world.question)
    assert not Follow.objects.filter(question=world.question, user=world.member).exists()


def test_locked_question_takes_no_edits_or_me_toos():
    world = qa_world()
    Question.objects.filter(pk=world.open_question.pk).update(is_locked=True)
    world.open_question.refresh_from_db()
    with pytest.raises(Conflict):
        question_update(user=world.asker, question=world.open_question, title="x")
    with pytest.raises(Conflict):
        question_me_too(user=world.member, question=world.open_question)
