"""Answering, accepting (one per question, switched atomically), endorsing, comments, moderation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.exceptions import Conflict, Forbidden
from qa.models import Answer, AnswerRevision, Comment, Question
from qa.services.answers import answer_accept, answer_create, answer_endorse, answer_update
from qa.services.claims import question_claim
from qa.services.comments import comment_create
from qa.services.moderation import question_moderate
from tests.factories.qa import AnswerFactory, qa_world

pytestmark = pytest.mark.django_db


def test_first_answer_moves_the_question_to_answered():
    world = qa_world()
    answer = answer_create(user=world.expert, question=world.open_question, body="Prøv *dilemmaspil*.")
    world.open_question.refresh_from_db()
    assert world.open_question.status == Question.Status.ANSWERED
    assert world.open_question.answered_at == answer.created_at
    assert "<em>dilemmaspil</em>" in answer.body_html


def test_members_and_substitutes_cannot_answer():
    world = qa_world()
    for user in (world.member, world.substitute, world.asker):
        with pytest.raises(Forbidden):
            answer_create(user=user, question=world.open_question, body="Mit bud")
    assert not Answer.objects.filter(question=world.open_question).exists()


def test_answer_while_another_expert_holds_the_claim_is_a_conflict():
    world = qa_world()
    question_claim(user=world.expert, question=world.open_question)
    with pytest.raises(Conflict) as error:
        answer_create(user=world.expert2, question=world.open_question, body="Også mig")
    assert error.value.code == "claimed"
    answer_create(user=world.expert, question=world.open_question, body="Mit svar")
    world.open_question.refresh_from_db()
    assert world.open_question.claimed_by is None  # answering clears the claim


def test_closed_question_takes_no_answers_or_comments():
    world = qa_world()
    question_moderate(moderator=world.staff, question=world.question, action="close", reason="Besvaret på mødet")
    world.question.refresh_from_db()
    with pytest.raises(Conflict):
        answer_create(user=world.expert, question=world.question, body="x")
    with pytest.raises(Conflict):
        comment_create(user=world.member, question=world.question, body="x")


def test_accepting_switches_atomically():
    world = qa_world()
    second = AnswerFactory(question=world.question, author=world.expert)
    answer_accept(user=world.asker, answer=world.answer)
    answer_accept(user=world.asker, answer=second)
    accepted = list(Answer.objects.filter(question=world.question, is_accepted=True))
    assert accepted == [second]
    assert accepted[0].accepted_by == world.asker
    answer_accept(user=world.staff, answer=world.answer)
    assert list(Answer.objects.filter(question=world.question, is_accepted=True)) == [world.answer]


def test_only_asker_or_staff_accept():
    world = qa_world()
    for user in (world.member, world.expert, world.expert2):
        with pytest.raises(Forbidden):
            answer_accept(user=user, answer=world.answer)


def test_the_database_refuses_two_accepted_answers():
    world = qa_world()
    Answer.objects.filter(pk=world.answer.pk).update(is_accepted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(question=world.question, is_accepted=True)


def test_endorsing_is_for_other_experts_once():
    world = qa_world()
    assert answer_endorse(user=world.expert, answer=world.answer) == 1
    assert answer_endorse(user=world.expert, answer=world.answer) == 1
    with pytest.raises(Conflict):
        answer_endorse(user=world.expert2, answer=world.answer)  # their own
    with pytest.raises(Forbidden):
        answer_endorse(user=world.member, answer=world.answer)


def test_answer_edit_keeps_history():
    world = qa_world()
    answer = answer_create(user=world.expert, question=world.open_question, body="Første udgave")
    answer_update(user=world.expert, answer=answer, body="Anden udgave")
    answer.refresh_from_db()
    assert answer.body_markdown == "Anden udgave"
    assert AnswerRevision.objects.get(answer=answer).body_markdown == "Første udgave"
    with pytest.raises(Forbidden):
        answer_update(user=world.expert2, answer=answer, body="Ikke min")


def test_comment_on_an_answer_must_be_of_the_same_question():
    world = qa_world()
    comment = comment_create(user=world.member, question=world.question, body="Tak", answer_id=world.answer.pk)
    assert comment.answer == world.answer
    with pytest.raises(ValidationError):
        comment_create(user=world.member, question=world.open_question, body="Forkert", answer_id=world.answer.pk)
    assert Comment.objects.count() == 1


def test_moderation_needs_staff_and_a_reason():
    world = qa_world()
    with pytest.raises(Forbidden):
        question_moderate(moderator=world.expert, question=world.question, action="hide", reason="x")
    with pytest.raises(ValidationError) as error:
        question_moderate(moderator=world.staff, question=world.question, action="hide", reason="  ")
    assert "reason" in error.value.message_dict
    hidden = question_moderate(moderator=world.staff, question=world.question, action="hide", reason="Fortroligt")
    assert (hidden.is_hidden, hidden.moderation_reason, hidden.moderated_by) == (True, "Fortroligt", world.staff)
    closed = question_moderate(moderator=world.staff, question=world.open_question, action="close", reason="Dublet")
    assert closed.status == Question.Status.CLOSED
    reopened = question_moderate(moderator=world.staff, question=world.open_question, action="reopen")
    assert reopened.status == Question.Status.OPEN


def test_a_question_deleted_meanwhile_is_not_found_not_an_error():
    """The view looked the question up; it is deleted before the service locks it."""
    from members.exceptions import NotFound

    world = qa_world()
    stale = Question.objects.select_related("cohort").get(pk=world.open_question.pk)
    Question.objects.filter(pk=stale.pk).delete()
    with pytest.raises(NotFound):
        answer_create(user=world.expert, question=stale, body="Svar")
    with pytest.raises(NotFound):
        comment_create(user=world.member, question=stale, body="Kommentar")
    with pytest.raises(NotFound):
        question_moderate(moderator=world.staff, question=stale, action="lock", reason="x")
