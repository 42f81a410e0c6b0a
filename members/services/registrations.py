"""Registration for a cohort: first come, first served, binding, with a waiting list and offers.

Statuses (``Registration.Status``):

- ``confirmed``: holds a seat; binding, so only staff can cancel it.
- ``offered``: holds a freed seat until ``offer_expires_at``; the member accepts (-> confirmed)
  or declines (-> declined); ``expire_offers`` ends overdue offers (-> expired).
- ``pending``: holds a seat awaiting staff approval, on a cohort with ``requires_approval``:
  registering there gives ``pending`` where it would otherwise give ``confirmed`` (the
  waiting list works as usual), and accepting an offered seat there gives ``pending`` too.
  Staff approve (-> confirmed) or reject (-> rejected, the seat is offered to the next in
  line in the same transaction) in ``members.services.approvals``; the member may withdraw
  (-> withdrawn, the seat is offered on the same way).
- ``waitlisted``: no seat; ``waitlist_position`` is the place in the queue.
- ended: ``cancelled`` (by staff), ``declined``, ``expired``, ``withdrawn`` (left the
  waiting list), ``rejected``. A member whose own registration ended (withdrawn, declined,
  expired) may register again and joins at the back; one cancelled by staff may not.

Invariants, true after every committed transaction:

1. seats held (confirmed + offered + pending) <= ``cohort.capacity``;
2. while a seat is free in a running cohort, nobody waits: a freed seat is offered at once,
   in the same transaction, to position 1 (so a seat is never lost, and never offered twice);
3. waiting positions are exactly 1..n in order of arrival, no gaps, no duplicates;
4. one registration per member and cohort (database constraint ``registration_one_per_member``).

How: every write below runs in one transaction that first locks the cohort row
(``SELECT ... FOR UPDATE`` via ``waitlist.cohort_lock``), then re-reads the counts and
the member's row, then writes. Mail is enqueued through ``members.notifications``
only after commit. Rule violations raise ``members.exceptions`` errors before anything is written.
"""

from __future__ import annotations

from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import notifications
from members.exceptions import Conflict, DomainError, Forbidden, NotFound
from members.models import Cohort, Registration, RoleLevel, User

from .waitlist import cohort_lock, offer_next_seats, seat_counts, waitlist_close_gap

Status = Registration.Status

ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.PENDING, Status.WAITLISTED)
# Ended by the member's own choice or a deadline: registering again is allowed (back of the queue).
REJOINABLE = (Status.WITHDRAWN, Status.DECLINED, Status.EXPIRED)


def _local(dt: datetime) -> str:
    return timezone.localtime(dt).strftime("%d.%m.%Y %H:%M")


def registration_check_rules(*, cohort: Cohort, user: User, now: datetime) -> None:
    """Raise the first rule that forbids ``user`` to register for ``cohort`` now; else return.

    Pure checks on the two rows (no query), so they can be repeated under the lock.
    """
    if cohort.status == Cohort.Status.DRAFT:
        raise Conflict(_("This cohort is not published yet."), code="not_published")
    if cohort.status != Cohort.Status.PUBLISHED:
        raise Conflict(_("Registration for this cohort is closed."), code="registration_closed")
    if now < cohort.registration_opens_at:
        raise Conflict(
            _("Registration opens %(when)s.") % {"when": _local(cohort.registration_opens_at)},
            code="registration_not_open",
        )
    if now >= cohort.registration_closes_at:
        raise Conflict(
            _("Registration closed %(when)s.") % {"when": _local(cohort.registration_closes_at)},
            code="registration_closed",
        )
    if cohort.allowed_role_levels and user.role_level not in cohort.allowed_role_levels:
        labels = ", ".join(str(RoleLevel(level).label) for level in cohort.allowed_role_levels if level in RoleLevel)
        raise Forbidden(
            _("This cohort is open to these role levels only: %(levels)s.") % {"levels": labels},
            code="not_eligible",
        )


def member_check_verified(*, user: User) -> None:
    """Registering needs a verified email address (allauth's ``EmailAddress``)."""
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        raise Forbidden(_("Please verify your email address before registering."), code="email_unverified")


def registration_create(*, cohort: Cohort, user: User, now: datetime | None = None) -> tuple[Registration, bool]:
    """Register ``user`` for ``cohort``: a confirmed seat while one is free, else the waiting list.

    Returns ``(registration, created)``. A member who already has an active
    registration gets it back unchanged with ``created=False`` (a repeated request
    is not an error). Raises Conflict/Forbidden with a code naming the rule otherwise.
    """
    fixed_now = now
    now = now or timezone.now()
    try:
        # Cheap checks before taking the lock, so refusals never queue behind a rush.
        registration_check_rules(cohort=cohort, user=user, now=now)
        member_check_verified(user=user)
    except DomainError:
        existing = Registration.objects.filter(cohort_id=cohort.pk, user=user).first()
        if existing is not None and existing.status in ACTIVE:
            return existing, False  # a repeat after registration closed is still not an error
        raise
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=cohort.pk)
        # One query after the lock: the seat counts and the member's own row, if any (a
        # concurrent request of the same member may have committed since the checks above).
        counts = seat_counts(cohort=cohort, user=user)
        existing = None
        if counts.own_id is not None:
            existing = Registration.objects.get(pk=counts.own_id)
            if existing.status in ACTIVE:
                return existing, False
            if existing.status not in REJOINABLE:
                raise Conflict(
                    _("Your registration was cancelled by the organizer; please contact them."),
                    code="registration_cancelled",
                )
        # Arrival is when the lock was granted: that is the order positions follow.
        now = fixed_now or timezone.now()
        registration_check_rules(cohort=cohort, user=user, now=now)  # status may have changed meanwhile
        registration = existing or Registration(cohort=cohort, user=user)
        registration.created_at = now
        registration.offered_at = registration.offer_expires_at = registration.ended_at = None
        registration.ended_by = None
        registration.end_reason = ""
        # A free seat goes to a newcomer only if nobody waits (invariant 2 makes that the same thing).
        if counts.held < cohort.capacity and counts.waiting == 0:
            # On an approval cohort the seat is held as pending until staff approve it.
            registration.status = Status.PENDING if cohort.requires_approval else Status.CONFIRMED
            registration.confirmed_at = None if cohort.requires_approval else now
            registration.waitlist_position = None
        else:
            registration.status = Status.WAITLISTED
            registration.confirmed_at = None
            registration.waitlist_position = counts.last_position + 1
        registration.save()
        if registration.status == Status.WAITLISTED and counts.left:
            # Only if invariant 2 was broken from outside (e.g. a seat freed in a finished cohort
            # that was reopened): the free seats go to the queue, in order.
            offer_next_seats(cohort=cohort, now=now)
            registration.refresh_from_db()
        if registration.status == Status.CONFIRMED:
            notifications.registration_confirmed(registration.pk)
        elif registration.status == Status.PENDING:
            notifications.registration_pending(registration.pk)
        elif registration.status == Status.WAITLISTED:
            notifications.registration_waitlisted(registration.pk)
    return registration, True


def _own_registration(*, cohort: Cohort, user: User) -> Registration:
    registration = Registration.objects.filter(cohort_id=cohort.pk, user=user).first()
    if registration is None:
        raise NotFound(_("You have no registration for this cohort."), code="no_registration")
    return registration


def _end(registration: Registration, *, status: str, now: datetime, by: User | None = None, reason: str = "") -> None:
    """End ``registration`` (under the cohort lock), closing its gap in the queue if it waited."""
    position = registration.waitlist_position
    registration.status = status
    registration.waitlist_position = None
    registration.ended_at = now
    registration.ended_by = by
    registration.end_reason = reason[:500]
    registration.save(update_fields=["status", "waitlist_position", "ended_at", "ended_by", "end_reason"])
    if position is not None:
        waitlist_close_gap(cohort=registration.cohort, position=position)


def registration_leave(*, cohort: Cohort, user: User, now: datetime | None = None) -> Registration:
    """The member leaves: off the waiting list or a pending seat (withdrawn), or declines an offer (declined).

    A confirmed seat is binding: Conflict ``binding``. A freed seat is offered to the next in line.
    """
    now = now or timezone.now()
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=cohort.pk)
        registration = _own_registration(cohort=cohort, user=user)
        registration.cohort = cohort
        if registration.status == Status.CONFIRMED:
            raise Conflict(
                _(
                    "Registration is binding: a confirmed seat cannot be cancelled. "
                    "Name a colleague as substitute for a session you cannot attend, or contact the organizer."
                ),
                code="binding",
            )
        if registration.status not in ACTIVE:
            raise Conflict(_("This registration has already ended."), code="already_ended")
        if registration.status == Status.OFFERED:
            _end(registration, status=Status.DECLINED, now=now, by=user, reason="offer declined")
        elif registration.status == Status.PENDING:
            _end(registration, status=Status.WITHDRAWN, now=now, by=user, reason="withdrew before approval")
        else:
            _end(registration, status=Status.WITHDRAWN, now=now, by=user, reason="left the waiting list")
        offer_next_seats(cohort=cohort, now=now)
    return registration


def offer_decline(*, cohort: Cohort, user: User, now: datetime | None = None) -> Registration:
    """Decline an offered seat; it passes to the next in line at once."""
    registration = _own_registration(cohort=cohort, user=user)
    if registration.status != Status.OFFERED:
        raise Conflict(_("You have no open seat offer for this cohort."), code="no_offer")
    return registration_leave(cohort=cohort, user=user, now=now)


def offer_accept(*, cohort: Cohort, user: User, now: datetime | None = None) -> tuple[Registration, bool]:
    """Accept an offered seat before its deadline: the registration becomes confirmed (and binding).

    On a cohort with ``requires_approval`` it becomes ``pending`` instead (staff approve it).
    Accepting again is harmless: returns ``(registration, False)``. An offer whose
    deadline has passed cannot be accepted (Conflict ``offer_expired``); the periodic
    ``expire_offers`` passes it on.
    """
    now = now or timezone.now()
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=cohort.pk)
        registration = _own_registration(cohort=cohort, user=user)
        if registration.status in (Status.CONFIRMED, Status.PENDING):
            return registration, False
        if registration.status != Status.OFFERED:
            raise Conflict(_("You have no open seat offer for this cohort."), code="no_offer")
        if registration.offer_expires_at <= now:
            raise Conflict(
                _("The offer expired %(when)s.") % {"when": _local(registration.offer_expires_at)},
                code="offer_expired",
            )
        if cohort.requires_approval:
            registration.status = Status.PENDING
            registration.save(update_fields=["status"])
            notifications.registration_pending(registration.pk)
        else:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.save(update_fields=["status", "confirmed_at"])
            notifications.registration_confirmed(registration.pk)
    return registration, True


def registration_cancel(
    *, registration_id: int, by: User, reason: str = "", now: datetime | None = None
) -> Registration:
    """Staff cancel any active registration (a confirmed seat too); a freed seat is offered on at once.

    Unlike pretix's waiting list, a seat freed after an accepted offer is simply the
    next free seat: it goes to the current head of the queue.
    """
    if not (by.is_active and by.is_staff):
        raise Forbidden(_("Only staff can cancel a registration."), code="staff_only")
    now = now or timezone.now()
    cohort_id = Registration.objects.filter(pk=registration_id).values_list("cohort_id", flat=True).first()
    if cohort_id is None:
        raise NotFound(_("No such registration."), code="not_found")
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=cohort_id)
        registration = Registration.objects.select_related("user").get(pk=registration_id)
        registration.cohort = cohort
        if registration.status not in ACTIVE:
            raise Conflict(_("This registration has already ended."), code="already_ended")
        _end(registration, status=Status.CANCELLED, now=now, by=by, reason=reason or "cancelled by staff")
        offer_next_seats(cohort=cohort, now=now)
        notifications.registration_cancelled(registration.pk)
    return registration
