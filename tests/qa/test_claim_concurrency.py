"""Two experts claiming at the same moment: exactly one wins; the claim expires."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from members.exceptions import Conflict
from qa.models import Question
from qa.services.claims import question_claim
from tests.factories.qa import qa_world


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_one_wins():
    world = qa_world()
    experts = [world.expert, world.expert2, world.staff]
    barrier = threading.Barrier(len(experts))
    outcomes: dict[int, str] = {}

    def claim(user):
        try:
            question = Question.objects.select_related("cohort").get(pk=world.open_question.pk)
            barrier.wait()
            question_claim(user=user, question=question)
            outcomes[user.pk] = "won"
        except Conflict:
            outcomes[user.pk] = "conflict"
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(user,)) for user in experts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "conflict", "won"]
    winner = next(pk for pk, outcome in outcomes.items() if outcome == "won")
    assert Question.objects.get(pk=world.open_question.pk).claimed_by_id == winner


@pytest.mark.django_db
def test_claim_expires_and_can_be_renewed(settings):
    settings.QA_CLAIM_MINUTES = 30
    world = qa_world()
    question_claim(user=world.expert, question=world.open_question)
    question_claim(user=world.expert, question=world.open_question)  # renewing one's own claim
    with pytest.raises(Conflict):
        question_claim(user=world.expert2, question=world.open_question)
    Question.objects.filter(pk=world.open_question.pk).update(claimed_at=timezone.now() - timedelta(minutes=31))
    question_claim(user=world.expert2, question=world.open_question)
    assert Question.objects.get(pk=world.open_question.pk).claimed_by == world.expert2


@pytest.mark.django_db
def test_answered_questions_cannot_be_claimed():
    world = qa_world()
    with pytest.raises(Conflict) as error:
        question_claim(user=world.expert, question=world.question)
    assert error.value.code == "already_answered"


@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_leave_exactly_one_accepted():
    """The asker and staff accept different answers at once: no error, one accepted answer."""
    from qa.models import Answer
    from qa.services.answers import answer_accept
    from tests.factories.qa import AnswerFactory

    world = qa_world()
    second = AnswerFactory(question=world.question, author=world.expert)
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def accept(user, answer_id):
        try:
            answer = Answer.objects.select_related("question", "question__cohort").get(pk=answer_id)
            barrier.wait()
            answer_accept(user=user, answer=answer)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(world.asker, world.answer.pk)),
        threading.Thread(target=accept, args=(world.staff, second.pk)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Answer.objects.filter(question=world.question, is_accepted=True).count() == 1
