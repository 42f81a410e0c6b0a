"""Follow-up comments by anyone who may read a question."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Answer, Comment, Question
from ..rendering import render_markdown
from .rules import lock_question, require_open_for_contributions, require_visible


def comment_create(*, user, question: Question, body: str, answer_id: int | None = None) -> Comment:
    """Comment on ``question``, or on one of its answers when ``answer_id`` is given."""
    require_visible(user, question)
    with transaction.atomic():
        # Lock, then re-check: a moderator may close or lock the question meanwhile.
        locked = lock_question(question.pk)
        require_open_for_contributions(user, locked)
        answer = None
        if answer_id is not None:
            answer = Answer.objects.filter(pk=answer_id, question=locked).first()
            if answer is None:
                raise ValidationError({"answer": [_("This question has no such answer.")]})
        return Comment.objects.create(
            question=locked, answer=answer, author=user, body_markdown=body, body_html=render_markdown(body)
        )
