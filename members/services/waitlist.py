"""The cohort lock, seat counting and the waiting list's moves (offer, expire, close a gap).

Every function that changes who holds a seat takes the cohort's row lock first
(``cohort_lock``), so all seat changes of one cohort are serialized; counts read
after the lock are the truth until the transaction ends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from members import notifications
from members.models import Cohort, Registration, User

logger = logging.getLogger(__name__)

Status = Registration.Status

# A freed seat is passed on while the cohort still runs; a finished (or draft) cohort keeps it free.
OFFERING_STATUSES = (Cohort.Status.PUBLISHED, Cohort.Status.CLOSED)


@dataclass(frozen=True)
class SeatCounts:
    """Seats held (confirmed, offered, pending) and the length of the waiting list."""

    capacity: int
    held: int
    waiting: int
    last_position: int
    own_id: int | None = None

    @property
    def left(self) -> int:
        return max(self.capacity - self.held, 0)


def cohort_lock(*, cohort_id: int) -> Cohort:
    """Lock the cohort row (``SELECT ... FOR UPDATE``) and return it fresh.

    Must run inside a transaction: a lock taken in autocommit mode would be released
    at once and protect nothing, so that is refused loudly (as pretix's locking does).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("cohort_lock() must be called inside transaction.atomic().")
    return Cohort.objects.select_for_update(of=("self",)).get(pk=cohort_id)


# Read under the cohort lock by every registration, so it is written out once instead of being
# compiled by the ORM on each call: that compilation (about 1.5 ms of CPU on the 2-core benchmark
# machine) happened while the lock was held and every other registration waited. It is the
# statement a ``Registration.objects.filter(cohort_id=...).aggregate(...)`` with these four
# filtered aggregates emits, minus table prefixes and aliases. A NULL user matches no row, so
# ``own_id`` is then NULL. bench/seat_rush.py's SQL ceiling issues this very text.
SEAT_COUNTS_SQL = (
    'SELECT COUNT("id") FILTER (WHERE "status" IN (%s, %s, %s)), '
    'COUNT("id") FILTER (WHERE "status" = %s), '
    'MAX("waitlist_position"), '
    'MAX("id") FILTER (WHERE "user_id" = %s) '
    'FROM "members_registration" WHERE "cohort_id" = %s'
)


def seat_counts(*, cohort: Cohort, user: User | None = None) -> SeatCounts:
    """Count the cohort's held seats and waiting list in one query (call under the lock).

    With ``user``, the same query also finds that member's registration id (``own_id``).
    """
    params = (*Registration.SEAT_HOLDING, Status.WAITLISTED, user.pk if user is not None else None, cohort.pk)
    with connection.cursor() as cursor:
        cursor.execute(SEAT_COUNTS_SQL, params)
        held, waiting, last_position, own_id = cursor.fetchone()
    return SeatCounts(
        capacity=cohort.capacity, held=held, waiting=waiting, last_position=last_position or 0, own_id=own_id
    )


def waitlist_close_gap(*, cohort: Cohort, position: int) -> None:
    """Move everyone behind ``position`` one place up, so positions stay 1..n.

    One UPDATE; the unique constraint on (cohort, position) is deferred to commit,
    so the intermediate duplicates inside the statement are allowed.
    """
    Registration.objects.filter(cohort_id=cohort.pk, status=Status.WAITLISTED, waitlist_position__gt=position).update(
        waitlist_position=F("waitlist_position") - 1
    )


def offer_next_seats(*, cohort: Cohort, now: datetime | None = None) -> list[Registration]:
    """Offer every free seat to the head of the waiting list, in order of position.

    Call with the cohort locked. Each offer holds the seat until it is accepted,
    declined or expires (``cohort.offer_hours``), so a seat is never offered twice.
    Returns the registrations that were offered a seat.
    """
    if cohort.status not in OFFERING_STATUSES:
        return []
    now = now or timezone.now()
    counts = seat_counts(cohort=cohort)
    free = counts.left
    if free <= 0 or counts.waiting == 0:
        return []
    heads = list(
        Registration.objects.filter(cohort_id=cohort.pk, status=Status.WAITLISTED).order_by("waitlist_position")[:free]
    )
    if not heads:
        return []
    deadline = now + timedelta(hours=cohort.offer_hours)
    for registration in heads:
        registration.status = Status.OFFERED
        registration.waitlist_position = None
        registration.offered_at = now
        registration.offer_expires_at = deadline
    Registration.objects.bulk_update(heads, ["status", "waitlist_position", "offered_at", "offer_expires_at"])
    # The offered took positions 1..k; everyone else moves up by k.
    Registration.objects.filter(cohort_id=cohort.pk, status=Status.WAITLISTED).update(
        waitlist_position=F("waitlist_position") - len(heads)
    )
    for registration in heads:
        notifications.seat_offered(registration.pk)
    return heads


def cohort_offer_free_seats(*, cohort_id: int) -> list[Registration]:
    """The organizer's explicit push: lock the cohort, then offer every free seat to the queue.

    Seats freed by cancellations and expiries are passed on by the other services
    already; this is for seats that appear otherwise (e.g. a reopened cohort).
    """
    with transaction.atomic():
        return offer_next_seats(cohort=cohort_lock(cohort_id=cohort_id))


def offers_expire(*, now: datetime | None = None) -> int:
    """End every offer whose deadline has passed and pass its seat on; also fill free seats.

    Run periodically (``manage.py expire_offers``). One short transaction per
    cohort, each under the cohort lock; an offer accepted concurrently is
    re-checked under the lock and left alone. Returns the number of expired offers.
    """
    now = now or timezone.now()
    expired_total = 0
    due = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "cohort_id", flat=True
        )
    )
    # Cohorts with a free seat and a waiting list (e.g. capacity raised, a seat freed while
    # no one waited and someone joined later) get their offers too.
    due |= set(_cohorts_with_free_seats_and_waiters())
    for cohort_id in sorted(due):
        with transaction.atomic():
            cohort = cohort_lock(cohort_id=cohort_id)
            expired = list(
                Registration.objects.filter(cohort_id=cohort_id, status=Status.OFFERED, offer_expires_at__lte=now)
            )
            for registration in expired:
                registration.status = Status.EXPIRED
                registration.ended_at = now
                registration.end_reason = "offer expired"
            Registration.objects.bulk_update(expired, ["status", "ended_at", "end_reason"])
            for registration in expired:
                notifications.registration_cancelled(registration.pk)
            offered = offer_next_seats(cohort=cohort, now=now)
            expired_total += len(expired)
            if expired or offered:
                logger.info("cohort %s: %d offers expired, %d seats offered", cohort.slug, len(expired), len(offered))
    return expired_total


def _cohorts_with_free_seats_and_waiters() -> list[int]:
    held = Count("registrations", filter=Q(registrations__status__in=Registration.SEAT_HOLDING))
    waiting = Count("registrations", filter=Q(registrations__status=Status.WAITLISTED))
    return list(
        Cohort.objects.filter(status__in=OFFERING_STATUSES)
        .annotate(held=held, waiting=waiting)
        .filter(waiting__gt=0, held__lt=F("capacity"))
        .values_list("pk", flat=True)
    )
