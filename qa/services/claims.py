"""An expert's claim on a question, so two experts do not answer it at once.

A claim is taken with one conditional UPDATE (free, expired, or already mine),
so of two experts claiming at the same moment exactly one wins; the claim runs
out after QA_CLAIM_MINUTES, and answering clears it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members.exceptions import Conflict, Forbidden

from ..models import Question
from .rules import is_expert_in, require_open_for_contributions, require_visible


def claim_expiry(now: datetime) -> datetime:
    """Claims taken before this moment have run out."""
    return now - timedelta(minutes=settings.QA_CLAIM_MINUTES)


def question_claim(*, user, question: Question, now: datetime | None = None) -> Question:
    """Claim an open question as one of its cohort's experts (or staff); Conflict if a colleague holds it.

    Claiming again renews one's own claim.
    """
    require_visible(user, question)
    if not is_expert_in(user, question.cohort):
        raise Forbidden(_("Only the cohort's experts can claim questions."), code="not_expert")
    require_open_for_contributions(user, question)
    if question.status != Question.Status.OPEN:
        raise Conflict(_("This question has already been answered."), code="already_answered")
    now = now or timezone.now()
    taken = (
        Question.objects.filter(pk=question.pk, status=Question.Status.OPEN)
        .filter(Q(claimed_by__isnull=True) | Q(claimed_by=user) | Q(claimed_at__lte=claim_expiry(now)))
        .update(claimed_by=user, claimed_at=now)
    )
    if not taken:
        raise Conflict(_("Another expert is answering this question."), code="claimed")
    question.refresh_from_db(fields=["claimed_by", "claimed_at", "status"])
    return question


def question_release(*, user, question: Question) -> Question:
    """Give up one's claim (staff may release anyone's); releasing nothing is fine."""
    require_visible(user, question)
    if not is_expert_in(user, question.cohort):
        raise Forbidden(_("Only the cohort's experts can claim questions."), code="not_expert")
    mine = Q() if user.is_staff else Q(claimed_by=user)
    Question.objects.filter(mine, pk=question.pk).update(claimed_by=None, claimed_at=None)
    question.refresh_from_db(fields=["claimed_by", "claimed_at", "status"])
    return question
