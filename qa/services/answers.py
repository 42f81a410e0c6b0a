"""Answering, editing, accepting and endorsing answers."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.exceptions import Conflict, Forbidden

from .. import notifications
from ..models import Answer, AnswerEndorsement, AnswerRevision, Question
from ..rendering import render_markdown
from .claims import claim_expiry
from .rules import (
    is_expert_in,
    lock_answer,
    lock_question,
    may_accept,
    require_author_edit,
    require_open_for_contributions,
    require_visible,
)


def answer_create(*, user, question: Question, body: str) -> Answer:
    """Answer a question as one of its cohort's experts or staff; followers are mailed.

    The question row is locked, then re-checked: a closed or locked question, or
    a live claim by another expert (Conflict ``claimed``), refuses the answer.
    The first answer moves the question to ANSWERED; answering clears the claim.
    """
    require_visible(user, question)
    if not is_expert_in(user, question.cohort):
        raise Forbidden(_("Only the cohort's experts and staff can answer."), code="not_expert")
    now = timezone.now()
    with transaction.atomic():
        locked = lock_question(question.pk)
        require_open_for_contributions(user, locked)
        if (
            locked.claimed_by_id is not None
            and locked.claimed_by_id != user.pk
            and locked.claimed_at > claim_expiry(now)
        ):
            raise Conflict(_("Another expert is answering this question."), code="claimed")
        answer = Answer.objects.create(
            question=locked, author=user, body_markdown=body, body_html=render_markdown(body), created_at=now
        )
        if locked.status == Question.Status.OPEN:
            locked.status = Question.Status.ANSWERED
            locked.answered_at = now
        locked.claimed_by = None
        locked.claimed_at = None
        locked.save(update_fields=["status", "answered_at", "claimed_by", "claimed_at", "updated_at"])
        notifications.answer_posted(answer.pk)
    return answer


def answer_update(*, user, answer: Answer, body: str) -> Answer:
    """Edit an answer: its author within the edit window, or staff; the previous text is kept."""
    require_visible(user, answer.question)
    require_author_edit(user, author_id=answer.author_id, created_at=answer.created_at)
    require_open_for_contributions(user, answer.question, allow_closed=True)
    with transaction.atomic():
        locked = lock_answer(answer.pk)
        if body != locked.body_markdown:
            AnswerRevision.objects.create(answer=locked, editor=user, body_markdown=locked.body_markdown)
            locked.body_markdown = body
            locked.body_html = render_markdown(body)
            locked.edited_at = timezone.now()
            locked.save()
    return locked


def answer_accept(*, user, answer: Answer) -> Answer:
    """Accept ``answer`` as the asker or staff; a previously accepted answer is unaccepted in the same transaction.

    The question row is locked first, so two concurrent accepts run one after the
    other; the partial unique constraint backs "one accepted answer per question".
    """
    question = answer.question
    require_visible(user, question)
    if not may_accept(user, question):
        raise Forbidden(_("Only the asker or staff can accept an answer."), code="not_asker")
    with transaction.atomic():
        require_open_for_contributions(user, lock_question(question.pk), allow_closed=True)
        Answer.objects.filter(question=question, is_accepted=True).exclude(pk=answer.pk).update(
            is_accepted=False, accepted_at=None, accepted_by=None
        )
        now = timezone.now()
        Answer.objects.filter(pk=answer.pk, is_accepted=False).update(
            is_accepted=True, accepted_at=now, accepted_by=user
        )
    answer.refresh_from_db()
    return answer


def answer_endorse(*, user, answer: Answer) -> int:
    """Endorse an answer as an expert of the cohort (idempotent); returns the endorsement count.

    Experts cannot endorse their own answers.
    """
    require_visible(user, answer.question)
    if not is_expert_in(user, answer.question.cohort):
        raise Forbidden(_("Only the cohort's experts can endorse answers."), code="not_expert")
    if answer.author_id == user.pk:
        raise Conflict(_("You cannot endorse your own answer."), code="own_answer")
    try:
        with transaction.atomic():
            AnswerEndorsement.objects.get_or_create(answer=answer, expert=user)
    except IntegrityError:
        pass  # the same expert's concurrent request won; same outcome
    return AnswerEndorsement.objects.filter(answer=answer).count()
