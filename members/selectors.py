"""Who may see a cohort's member-only content: one rule, used by pages, files, feeds and the API.

A cohort's materials and Q&A are open to
- its confirmed members,
- a substitute, for the session they attend, while that session is current,
- its experts (named on the cohort or on any of its sessions),
- staff.
Everyone else (the waiting list, members of other cohorts, anonymous) is not.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import Cohort, Registration, Session, SessionSubstitute

SUBSTITUTE_ACCESS_DAYS_AFTER = getattr(settings, "SUBSTITUTE_ACCESS_DAYS_AFTER", 7)


def _current_substitutions(user, now: datetime) -> QuerySet[SessionSubstitute]:
    """The user's substitutions whose session is current.

    A session is current from the end of the previous session of the cohort
    (from the start, for session 1) until SUBSTITUTE_ACCESS_DAYS_AFTER days after
    it ends, so a substitute can prepare for the session and follow up after it.
    """
    previous_end = Session.objects.filter(
        cohort_id=OuterRef("session__cohort_id"), number__lt=OuterRef("session__number")
    ).order_by("-number").values("ends_at")[:1]
    return (
        SessionSubstitute.objects.filter(
            substitute=user,
            registration__status=Registration.Status.CONFIRMED,
            session__ends_at__gte=now - timedelta(days=SUBSTITUTE_ACCESS_DAYS_AFTER),
        )
        .annotate(previous_end=Subquery(previous_end))
        .filter(Q(previous_end__isnull=True) | Q(previous_end__lte=now))
    )


def cohorts_with_member_access(user, *, now: datetime | None = None) -> QuerySet[Cohort]:
    """Cohorts whose member-only content ``user`` may read and write to."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Cohort.objects.none()
    if user.is_staff:
        return Cohort.objects.all()
    now = now or timezone.now()
    confirmed = Registration.objects.filter(
        cohort=OuterRef("pk"), user=user, status=Registration.Status.CONFIRMED
    )
    substituting = _current_substitutions(user, now).filter(session__cohort=OuterRef("pk"))
    session_expert = Session.objects.filter(cohort=OuterRef("pk"), experts=user)
    cohort_expert = Cohort.experts.through.objects.filter(cohort=OuterRef("pk"), user=user)
    return Cohort.objects.filter(
        Exists(confirmed) | Exists(substituting) | Exists(cohort_expert) | Exists(session_expert)
    )


def has_member_access(user, cohort: Cohort, *, now: datetime | None = None) -> bool:
    """Whether ``user`` may read ``cohort``'s member-only content."""
    return cohorts_with_member_access(user, now=now).filter(pk=cohort.pk).exists()


def cohorts_where_expert(user) -> QuerySet[Cohort]:
    """Cohorts in which ``user`` answers questions as an expert (staff: every cohort)."""
    if not getattr(user, "is_authenticated", False):
        return Cohort.objects.none()
    if user.is_staff:
        return Cohort.objects.all()
    return Cohort.objects.filter(Q(experts=user) | Q(sessions__experts=user)).distinct()
