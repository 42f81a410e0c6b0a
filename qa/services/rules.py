"""Checks shared by the Q&A services: access, roles, the edit window and the question's state."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from members.exceptions import Conflict, Forbidden, NotFound
from members.selectors import cohorts_where_expert, has_member_access

from ..models import Answer, Question


def require_access(user, cohort) -> None:
    """NotFound unless ``user`` may use ``cohort``'s Q&A (no hint that it exists)."""
    if not has_member_access(user, cohort):
        raise NotFound("Not found.")


def require_visible(user, question: Question) -> None:
    """NotFound unless ``user`` may read ``question`` (access to the cohort; hidden: staff or author)."""
    require_access(user, question.cohort)
    if question.is_hidden and not user.is_staff and question.author_id != user.pk:
        raise NotFound("Not found.")


def is_expert_in(user, cohort) -> bool:
    """Experts of the cohort (or of one of its sessions) and staff."""
    return cohorts_where_expert(user).filter(pk=cohort.pk).exists()


def require_open_for_contributions(user, question: Question, *, allow_closed: bool = False) -> None:
    """Refuse writes to a hidden, locked or (unless allowed) closed question; staff may still moderate."""
    if question.is_hidden and not user.is_staff:
        raise Conflict(_("This question has been hidden by a moderator."), code="question_hidden")
    if question.is_locked:
        raise Conflict(_("This question is locked."), code="question_locked")
    if not allow_closed and question.status == Question.Status.CLOSED:
        raise Conflict(_("This question is closed."), code="question_closed")


def may_answer(user, question: Question) -> bool:
    """Whether ``user`` may answer ``question`` now: the checks ``answer_create`` makes (it re-checks under lock)."""
    if not is_expert_in(user, question.cohort):
        return False
    try:
        require_open_for_contributions(user, question)
    except Conflict:
        return False
    return True


def may_accept(user, question: Question) -> bool:
    """Whether ``user`` may accept an answer to ``question``: its asker, or staff."""
    return user.is_staff or question.author_id == user.pk


def within_edit_window(created_at: datetime, *, now: datetime | None = None) -> bool:
    """Whether an author may still edit something written at ``created_at``."""
    now = now or timezone.now()
    return now - created_at <= timedelta(minutes=settings.QA_EDIT_WINDOW_MINUTES)


def require_author_edit(user, *, author_id: int | None, created_at: datetime) -> None:
    """Staff may always edit; the author only within QA_EDIT_WINDOW_MINUTES; others never."""
    if user.is_staff:
        return
    if author_id != user.pk:
        raise Forbidden(_("Only the author or staff may change this."), code="not_author")
    if not within_edit_window(created_at):
        raise Forbidden(
            _("Posts can be edited for %(minutes)s minutes after they are written.")
            % {"minutes": settings.QA_EDIT_WINDOW_MINUTES},
            code="edit_window_passed",
        )


def lock_question(question_id: int) -> Question:
    """Lock the question's row for the rest of the transaction; NotFound if it was deleted meanwhile."""
    question = Question.objects.select_for_update().filter(pk=question_id).first()
    if question is None:
        raise NotFound("Not found.")
    return question


def lock_answer(answer_id: int) -> Answer:
    """Lock the answer's row for the rest of the transaction; NotFound if it was deleted meanwhile."""
    answer = Answer.objects.select_for_update().filter(pk=answer_id).first()
    if answer is None:
        raise NotFound("Not found.")
    return answer
