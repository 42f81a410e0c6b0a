"""Staff approval of pending registrations on cohorts with ``requires_approval``.

A pending registration holds a seat (``Registration.SEAT_HOLDING``) until staff decide:
``registration_approve`` makes it confirmed (and binding), ``registration_reject`` ends it
as rejected and offers the freed seat to the head of the waiting list in the same
transaction. Both follow the seat services' shape (``members.services.registrations``):
lock the cohort row, re-read the registration, check its status, then write; mail is
enqueued after commit through ``members.notifications``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import notifications
from members.exceptions import Conflict, DomainError, Forbidden, NotFound
from members.models import Cohort, Registration, User

from .waitlist import cohort_lock, offer_next_seats

Status = Registration.Status

REASON_MAX_LENGTH = 500


def _check_staff(by: User) -> None:
    if not (by.is_active and by.is_staff):
        raise Forbidden(_("Only staff can approve or reject a registration."), code="staff_only")


def _locked_pending(*, registration_id: int) -> tuple[Cohort, Registration]:
    """Lock the registration's cohort, then re-read the registration; it must still be pending.

    Call inside ``transaction.atomic()``.
    """
    cohort_id = Registration.objects.filter(pk=registration_id).values_list("cohort_id", flat=True).first()
    if cohort_id is None:
        raise NotFound(_("No such registration."), code="not_found")
    cohort = cohort_lock(cohort_id=cohort_id)
    registration = Registration.objects.select_related("user").get(pk=registration_id)
    registration.cohort = cohort
    if registration.status != Status.PENDING:
        raise Conflict(
            _("Only a registration awaiting approval can be approved or rejected; this one is %(status)s.")
            % {"status": registration.get_status_display()},
            code="not_pending",
        )
    return cohort, registration


def registration_approve(*, registration_id: int, by: User, now: datetime | None = None) -> Registration:
    """Staff approve a pending registration: it becomes confirmed (binding), and the member gets the confirmation.

    Raises NotFound for an unknown id, Conflict ``not_pending`` if it is not pending (any more),
    Forbidden ``staff_only`` for non-staff. The seat was held already, so no count changes.
    """
    _check_staff(by)
    now = now or timezone.now()
    with transaction.atomic():
        _cohort, registration = _locked_pending(registration_id=registration_id)
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        notifications.registration_confirmed(registration.pk)
    return registration


def registration_reject(
    *, registration_id: int, by: User, reason: str, now: datetime | None = None
) -> Registration:
    """Staff reject a pending registration with a reason; its seat goes to the next on the waiting list at once.

    The reason (required, at most 500 characters) is stored as ``end_reason`` and sent to the
    member in the mail. Raises NotFound, Conflict ``not_pending``, Forbidden ``staff_only``,
    or DomainError ``reason_required`` for an empty reason (before anything is written).
    """
    _check_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Please give a reason for the rejection."), code="reason_required")
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(
            _("The reason may be at most %(max)d characters.") % {"max": REASON_MAX_LENGTH}, code="reason_too_long"
        )
    now = now or timezone.now()
    with transaction.atomic():
        cohort, registration = _locked_pending(registration_id=registration_id)
        registration.status = Status.REJECTED
        registration.ended_at = now
        registration.ended_by = by
        registration.end_reason = reason
        # A pending registration has no waiting position, so there is no gap to close.
        registration.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
        offer_next_seats(cohort=cohort, now=now)
        notifications.registration_cancelled(registration.pk)
    return registration
