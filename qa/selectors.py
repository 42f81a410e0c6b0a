"""Who may see which question: one rule, used by every Q&A endpoint, the queue and the mail.

A cohort's Q&A is open to ``members.selectors.cohorts_with_member_access(user)``
(confirmed members, current substitutes, the cohort's experts, staff). Hidden
questions are seen only by staff and by their own author (who needs to see the
moderator's reason). Everything else is invisible, and the API answers 404.
"""

from __future__ import annotations

from django.db.models import BooleanField, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from members.exceptions import NotFound
from members.models import Cohort
from members.selectors import cohorts_where_expert, cohorts_with_member_access

from .models import Answer, AnswerEndorsement, Comment, Follow, MeToo, Question


def questions_visible_to(user) -> QuerySet[Question]:
    """Questions ``user`` may read (and, unless closed, locked or hidden, write to)."""
    if not getattr(user, "is_authenticated", False):
        return Question.objects.none()
    if user.is_staff and user.is_active:
        return Question.objects.all()
    return Question.objects.filter(cohort__in=cohorts_with_member_access(user)).filter(
        Q(is_hidden=False) | Q(author=user)
    )


def cohort_for_qa(user, slug: str) -> Cohort:
    """The cohort with ``slug`` if ``user`` may use its Q&A; NotFound otherwise (never a hint)."""
    cohort = cohorts_with_member_access(user).filter(slug=slug).first()
    if cohort is None:
        raise NotFound("Not found.")
    return cohort


def cohort_questions_visible_to(user, cohort: Cohort) -> QuerySet[Question]:
    """The questions of ``cohort`` that ``user`` may read.

    ``cohort`` must come from ``cohort_for_qa(user, ...)``, which has checked the
    access rule; this adds only the hidden-question rule, so the list query does
    not repeat the access subqueries.
    """
    questions = Question.objects.filter(cohort=cohort)
    if user.is_staff:
        return questions
    return questions.filter(Q(is_hidden=False) | Q(author=user))


def with_list_fields(questions: QuerySet[Question], user) -> QuerySet[Question]:
    """Add what a question list shows (counts, author, session, material, my flags) in one query."""
    return questions.select_related("cohort", "author", "session", "material", "claimed_by").annotate(
        answer_count=_count_of(Answer),
        me_too_count=_count_of(MeToo),
        has_accepted_answer=Exists(Answer.objects.filter(question=OuterRef("pk"), is_accepted=True)),
        me_too_by_me=_mine(MeToo, user),
        followed_by_me=_mine(Follow, user),
    )


def _count_of(model):
    # A correlated subquery per count: joining two to-many relations would multiply rows.
    counts = model.objects.filter(question=OuterRef("pk")).order_by().values("question").annotate(n=Count("*"))
    return Coalesce(Subquery(counts.values("n"), output_field=IntegerField()), 0)


def _mine(model, user):
    if not getattr(user, "is_authenticated", False):
        return Value(False, output_field=BooleanField())
    return Exists(model.objects.filter(question=OuterRef("pk"), user=user))


def question_get(user, question_id: int) -> Question:
    """One visible question with its list fields; NotFound if ``user`` may not see it."""
    question = (
        with_list_fields(questions_visible_to(user), user).select_related("cohort").filter(pk=question_id).first()
    )
    if question is None:
        raise NotFound("Not found.")
    return question


def answer_get(user, answer_id: int) -> Answer:
    """One answer whose question ``user`` may see; NotFound otherwise."""
    answer = (
        Answer.objects.select_related("question", "question__cohort", "author")
        .filter(pk=answer_id, question__in=questions_visible_to(user))
        .first()
    )
    if answer is None:
        raise NotFound("Not found.")
    return answer


def answers_for(question: Question) -> QuerySet[Answer]:
    """The answers of a question, accepted first, with authors, endorsers and comments prefetched."""
    return (
        Answer.objects.filter(question=question)
        .select_related("author")
        .prefetch_related(
            Prefetch("endorsements", queryset=AnswerEndorsement.objects.select_related("expert")),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
        .order_by("-is_accepted", "created_at", "id")
    )


def question_comments(question: Question):
    """Comments on the question itself (not on an answer), oldest first."""
    return question.comments.filter(answer__isnull=True).select_related("author")


# Why someone who is neither expert nor staff has no queue (the API's permission message).
QUEUE_REFUSAL = gettext_lazy("Only experts and staff have a question queue.")


def expert_queue(user, *, cohort_slug: str | None = None, session_number: int | None = None) -> QuerySet[Question]:
    """Open, unanswered questions across the cohorts where ``user`` is an expert, oldest first.

    Hidden, locked and closed questions are left out. Claims are shown, not
    filtered: an expert sees that a colleague is already on a question.
    """
    questions = Question.objects.filter(
        cohort__in=cohorts_where_expert(user),
        status=Question.Status.OPEN,
        is_hidden=False,
        is_locked=False,
    )
    if cohort_slug:
        questions = questions.filter(cohort__slug=cohort_slug)
    if session_number is not None:
        questions = questions.filter(session__number=session_number)
    return with_list_fields(questions, user).select_related("cohort").order_by("created_at", "id")


def claim_is_live(question: Question, *, now=None) -> bool:
    """Whether someone holds an unexpired claim on ``question``."""
    from .services.claims import claim_expiry

    now = now or timezone.now()
    return (
        question.claimed_by_id is not None
        and question.claimed_at is not None
        and (question.claimed_at > claim_expiry(now))
    )
