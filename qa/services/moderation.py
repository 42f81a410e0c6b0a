"""Staff moderation: hide, close or lock a question with a reason, and undo it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.exceptions import Forbidden

from ..models import Question
from .rules import lock_question, require_visible

ACTIONS = ("hide", "unhide", "close", "reopen", "lock", "unlock")
NEEDS_REASON = {"hide", "close", "lock"}


def moderation_actions_for(question: Question) -> list[str]:
    """The actions that would change something for ``question`` in its current state."""
    return [
        "unhide" if question.is_hidden else "hide",
        "reopen" if question.status == Question.Status.CLOSED else "close",
        "unlock" if question.is_locked else "lock",
    ]


def question_moderate(*, moderator, question: Question, action: str, reason: str = "") -> Question:
    """Apply a moderation ``action``; hide, close and lock require a reason, shown to the author.

    Reopening a closed question makes it ANSWERED if it has answers, OPEN otherwise.
    """
    require_visible(moderator, question)
    if not moderator.is_staff:
        raise Forbidden(_("Only staff can moderate questions."), code="not_staff")
    if action not in ACTIONS:
        raise ValidationError({"action": [_("Choose one of: %(actions)s.") % {"actions": ", ".join(ACTIONS)}]})
    reason = reason.strip()
    if action in NEEDS_REASON and not reason:
        raise ValidationError({"reason": [_("Give a reason; the author will see it.")]})
    with transaction.atomic():
        locked = lock_question(question.pk)
        if action == "hide":
            locked.is_hidden = True
        elif action == "unhide":
            locked.is_hidden = False
        elif action == "lock":
            locked.is_locked = True
        elif action == "unlock":
            locked.is_locked = False
        elif action == "close":
            locked.status = Question.Status.CLOSED
            locked.claimed_by = None
            locked.claimed_at = None
        elif action == "reopen" and locked.status == Question.Status.CLOSED:
            locked.status = Question.Status.ANSWERED if locked.answers.exists() else Question.Status.OPEN
        if reason or action in NEEDS_REASON:
            locked.moderation_reason = reason
        locked.moderated_by = moderator
        locked.moderated_at = timezone.now()
        locked.save()
    return locked
