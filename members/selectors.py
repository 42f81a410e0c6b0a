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

from .models import Cohort, Registration, Session, SessionSubstitute, User

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


# --- Cohorts and registrations (read side of members.services.registrations) --------------------


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    """Cohorts ``user`` may see at all: staff every one, everyone else the non-draft ones."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_staff:
        return Cohort.objects.all()
    return Cohort.objects.published()


def cohorts_for_listing(user) -> QuerySet[Cohort]:
    """Visible cohorts with seat counts, sessions and experts prefetched (a fixed number of queries)."""
    from django.db.models import Prefetch

    from .models import User

    people = User.objects.select_related("organization").only(
        "id", "first_name", "last_name", "email", "job_title", "organization__name", "organization__slug"
    )
    return (
        cohorts_visible_to(user)
        .with_seat_counts()
        .prefetch_related(
            Prefetch("experts", queryset=people),
            Prefetch(
                "sessions",
                queryset=Session.objects.order_by("number").prefetch_related(Prefetch("experts", queryset=people)),
            ),
        )
    )


def cohort_seat_counts(cohort: Cohort) -> dict[str, int]:
    """Seats taken and left and the waiting list's length of one cohort (for display, unlocked)."""
    row = Cohort.objects.with_seat_counts().filter(pk=cohort.pk).values(
        "capacity", "seats_taken", "seats_left", "waitlist_length"
    ).first() or {"capacity": cohort.capacity, "seats_taken": 0, "seats_left": cohort.capacity, "waitlist_length": 0}
    return row


def cohort_registrations(cohort: Cohort) -> QuerySet[Registration]:
    """A cohort's registrations for organizers: seat holders, then the waiting list in order, then ended ones."""
    from django.db.models import Case, IntegerField, Value, When

    group = Case(
        When(status__in=Registration.SEAT_HOLDING, then=Value(0)),
        When(status=Registration.Status.WAITLISTED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Registration.objects.filter(cohort=cohort)
        .select_related("user", "user__organization")
        .annotate(group=group)
        .order_by("group", "waitlist_position", "confirmed_at", "created_at", "id")
    )


def registration_of(user, cohort: Cohort) -> Registration | None:
    """``user``'s registration for ``cohort`` (any status), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(cohort=cohort, user=user).first()


def user_for_feed_token(token: str) -> User | None:
    """The active owner of a personal feed token (podcast RSS, calendar), or None.

    Feed readers cannot sign in, so the token is the credential: a rotated token or a
    deactivated account stops every personal feed at once.
    """
    return User.objects.filter(feed_token=token, is_active=True).first()
