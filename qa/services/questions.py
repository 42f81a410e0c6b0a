"""Asking, editing and deleting questions; me-too and follow."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.exceptions import Conflict
from members.models import Cohort, Session

from .. import notifications
from ..materials import material_for_cohort
from ..models import Follow, MeToo, Question, QuestionRevision
from ..rendering import render_markdown
from .rules import (
    lock_question,
    require_access,
    require_author_edit,
    require_open_for_contributions,
    require_visible,
)

_UNSET = object()


def _session_in(cohort: Cohort, number: int | None) -> Session | None:
    if number is None:
        return None
    session = Session.objects.filter(cohort=cohort, number=number).first()
    if session is None:
        raise ValidationError({"session": [_("This cohort has no session with that number.")]})
    return session


def question_create(
    *,
    user,
    cohort: Cohort,
    title: str,
    body: str,
    session_number: int | None = None,
    material_id: int | None = None,
) -> Question:
    """Ask a question in ``cohort``; the asker follows it and the cohort's experts are mailed.

    ``session_number`` must name a session of the cohort, ``material_id`` a live
    material page (see ``qa.materials``). Raises NotFound without access.
    """
    require_access(user, cohort)
    session = _session_in(cohort, session_number)
    material = material_for_cohort(material_id, cohort) if material_id is not None else None
    with transaction.atomic():
        question = Question.objects.create(
            cohort=cohort,
            session=session,
            material=material,
            author=user,
            title=title,
            body_markdown=body,
            body_html=render_markdown(body),
        )
        Follow.objects.create(question=question, user=user)
        notifications.question_asked(question.pk)
    return question


def question_update(
    *,
    user,
    question: Question,
    title: str | None = None,
    body: str | None = None,
    session_number=_UNSET,
    material_id=_UNSET,
) -> Question:
    """Edit a question: its author within the edit window, or staff; the previous text is kept as a revision."""
    require_visible(user, question)
    require_author_edit(user, author_id=question.author_id, created_at=question.created_at)
    require_open_for_contributions(user, question, allow_closed=user.is_staff)
    with transaction.atomic():
        locked = lock_question(question.pk)
        changed_text = (title is not None and title != locked.title) or (
            body is not None and body != locked.body_markdown
        )
        if changed_text:
            QuestionRevision.objects.create(
                question=locked, editor=user, title=locked.title, body_markdown=locked.body_markdown
            )
        if title is not None:
            locked.title = title
        if body is not None:
            locked.body_markdown = body
            locked.body_html = render_markdown(body)
        if session_number is not _UNSET:
            locked.session = _session_in(locked.cohort, session_number)
        if material_id is not _UNSET:
            locked.material = material_for_cohort(material_id, locked.cohort) if material_id is not None else None
        locked.edited_at = timezone.now()
        locked.save()
    return locked


def question_delete(*, user, question: Question) -> None:
    """Delete a question: staff always; its author within the edit window while it has no answers."""
    require_visible(user, question)
    require_author_edit(user, author_id=question.author_id, created_at=question.created_at)
    with transaction.atomic():
        locked = lock_question(question.pk)
        if not user.is_staff and locked.answers.exists():
            raise Conflict(_("A question that has answers cannot be deleted."), code="has_answers")
        locked.delete()


def question_me_too(*, user, question: Question) -> int:
    """Say 'me too' (idempotent); returns the question's me-too count. Not on one's own question."""
    require_visible(user, question)
    require_open_for_contributions(user, question, allow_closed=True)
    if question.author_id == user.pk:
        raise Conflict(_("You asked this question yourself."), code="own_question")
    try:
        with transaction.atomic():
            MeToo.objects.get_or_create(question=question, user=user)
    except IntegrityError:
        pass  # a concurrent request of the same user created it: the outcome is the same
    return MeToo.objects.filter(question=question).count()


def question_me_too_withdraw(*, user, question: Question) -> int:
    """Take back a 'me too' (idempotent); returns the count."""
    require_visible(user, question)
    MeToo.objects.filter(question=question, user=user).delete()
    return MeToo.objects.filter(question=question).count()


def question_follow(*, user, question: Question) -> None:
    """Follow a question to be mailed about answers (idempotent); anyone who may read it may."""
    require_visible(user, question)
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(question=question, user=user)
    except IntegrityError:
        pass


def question_unfollow(*, user, question: Question) -> None:
    """Stop following (idempotent); the asker too may opt out of answer mail this way."""
    require_visible(user, question)
    Follow.objects.filter(question=question, user=user).delete()
