"""What goes into a session's pre-session digest, and to whom."""

from __future__ import annotations

from members.models import Registration, Session, User

from .mail import cohort_experts, cohort_members, question_url
from .models import Question, SessionDigest


def digest_questions(session: Session, *, before_digest: SessionDigest | None = None) -> tuple[list, list]:
    """(open questions, newly answered questions) of the session's cohort.

    "Newly answered" means first answered since the cohort's previous digest (all
    answered questions for the first digest). Hidden questions never appear.
    """
    visible = Question.objects.filter(cohort=session.cohort, is_hidden=False).select_related("author", "session")
    open_questions = list(visible.filter(status=Question.Status.OPEN).order_by("created_at", "id"))
    previous = SessionDigest.objects.filter(session__cohort=session.cohort, session__starts_at__lt=session.starts_at)
    if before_digest is not None:
        previous = previous.exclude(pk=before_digest.pk)
    previous = previous.order_by("-created_at").first()
    answered = visible.filter(answered_at__isnull=False).exclude(status=Question.Status.OPEN)
    if previous is not None:
        answered = answered.filter(answered_at__gt=previous.created_at)
    return open_questions, list(answered.order_by("answered_at", "id"))


def digest_context(digest: SessionDigest) -> dict:
    """The template context of a digest mail."""
    open_questions, answered_questions = digest_questions(digest.session, before_digest=digest)
    return {
        "session": digest.session,
        "cohort": digest.session.cohort,
        "open_questions": [(q, question_url(q.pk)) for q in open_questions],
        "answered_questions": [(q, question_url(q.pk)) for q in answered_questions],
    }


def digest_recipients(session: Session) -> list[User]:
    """The cohort's experts and confirmed members, and this session's substitutes, once each."""
    substitutes = User.objects.filter(
        substitutions__session=session,
        substitutions__registration__status=Registration.Status.CONFIRMED,
        is_active=True,
    )
    people: dict[int, User] = {}
    for user in [*cohort_experts(session.cohort), *cohort_members(session.cohort), *substitutes]:
        people.setdefault(user.pk, user)
    return list(people.values())
