"""Binding seats, leaving, staff cancellation, offers (accept, decline, expire) and gap-free positions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from members.exceptions import Conflict, Forbidden, NotFound
from members.models import Cohort, Registration
from members.services.cohorts import cohort_update
from members.services.registrations import (
    offer_accept,
    offer_decline,
    registration_cancel,
    registration_create,
    registration_leave,
)
from members.services.waitlist import cohort_lock, offers_expire
from tests.factories.members import CohortFactory, StaffFactory, UserFactory
from tests.members import seat_fixtures

notified = seat_fixtures.notified

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture
def full_cohort():
    """A cohort with 2 confirmed seats and 3 on the waiting list (returns cohort, holders, waiting)."""
    cohort = CohortFactory(capacity=2, offer_hours=24)
    holders = UserFactory.create_batch(2)
    waiting = UserFactory.create_batch(3)
    for person in holders + waiting:
        registration_create(cohort=cohort, user=person)
    return cohort, holders, waiting


def positions(cohort):
    return list(
        Registration.objects.filter(cohort=cohort, status=S.WAITLISTED)
        .order_by("waitlist_position")
        .values_list("user__email", "waitlist_position")
    )


def reg(cohort, user):
    return Registration.objects.get(cohort=cohort, user=user)


def test_member_cannot_cancel_a_confirmed_seat(full_cohort):
    cohort, holders, _ = full_cohort
    with pytest.raises(Conflict) as info, translation.override("en"):
        registration_leave(cohort=cohort, user=holders[0])
    assert info.value.code == "binding"
    assert "binding" in info.value.message
    assert reg(cohort, holders[0]).status == S.CONFIRMED


def test_leaving_the_waiting_list_closes_the_gap(full_cohort):
    cohort, _, waiting = full_cohort
    registration_leave(cohort=cohort, user=waiting[0])
    assert reg(cohort, waiting[0]).status == S.WITHDRAWN
    assert positions(cohort) == [(waiting[1].email, 1), (waiting[2].email, 2)]
    with pytest.raises(Conflict) as info:
        registration_leave(cohort=cohort, user=waiting[0])
    assert info.value.code == "already_ended"


def test_leave_without_registration_is_not_found():
    with pytest.raises(NotFound):
        registration_leave(cohort=CohortFactory(), user=UserFactory())


def test_staff_cancel_offers_the_seat_to_the_head_of_the_queue(full_cohort, notified):
    cohort, holders, waiting = full_cohort
    staff = StaffFactory()
    before = timezone.now()
    cancelled = registration_cancel(registration_id=reg(cohort, holders[0]).pk, by=staff, reason="Syg")
    assert cancelled.status == S.CANCELLED and cancelled.ended_by == staff and cancelled.end_reason == "Syg"
    offered = reg(cohort, waiting[0])
    assert offered.status == S.OFFERED and offered.waitlist_position is None
    assert offered.offer_expires_at >= before + timedelta(hours=24)
    assert positions(cohort) == [(waiting[1].email, 1), (waiting[2].email, 2)]
    assert notified["seat_offered"] == [offered.pk]
    assert notified["registration_cancelled"] == [cancelled.pk]


def test_only_staff_cancel(full_cohort):
    cohort, holders, _ = full_cohort
    with pytest.raises(Forbidden):
        registration_cancel(registration_id=reg(cohort, holders[0]).pk, by=holders[1])
    with pytest.raises(NotFound):
        registration_cancel(registration_id=10**12, by=StaffFactory())


def test_accept_confirms_and_a_later_cancellation_moves_on_to_the_next(full_cohort):
    cohort, holders, waiting = full_cohort
    staff = StaffFactory()
    registration_cancel(registration_id=reg(cohort, holders[0]).pk, by=staff)
    accepted, changed = offer_accept(cohort=cohort, user=waiting[0])
    assert changed and accepted.status == S.CONFIRMED
    assert offer_accept(cohort=cohort, user=waiting[0])[1] is False  # idempotent
    # pretix would revive the accepted voucher; here the seat goes to the next in line.
    registration_cancel(registration_id=accepted.pk, by=staff)
    assert reg(cohort, waiting[1]).status == S.OFFERED
    assert positions(cohort) == [(waiting[2].email, 1)]
    with pytest.raises(Conflict):
        offer_accept(cohort=cohort, user=waiting[0])


def test_decline_passes_the_seat_on(full_cohort):
    cohort, holders, waiting = full_cohort
    registration_cancel(registration_id=reg(cohort, holders[0]).pk, by=StaffFactory())
    declined = offer_decline(cohort=cohort, user=waiting[0])
    assert declined.status == S.DECLINED
    assert reg(cohort, waiting[1]).status == S.OFFERED
    with pytest.raises(Conflict) as info:
        offer_decline(cohort=cohort, user=waiting[2])
    assert info.value.code == "no_offer"


def test_leaving_with_an_offer_declines_it(full_cohort):
    cohort, holders, waiting = full_cohort
    registration_cancel(registration_id=reg(cohort, holders[0]).pk, by=StaffFactory())
    assert registration_leave(cohort=cohort, user=waiting[0]).status == S.DECLINED
    assert reg(cohort, waiting[1]).status == S.OFFERED


def test_expired_offer_cannot_be_accepted_and_passes_on(full_cohort, notified):
    cohort, holders, waiting = full_cohort
    registration_cancel(registration_id=reg(cohort, holders[0]).pk, by=StaffFactory())
    later = timezone.now() + timedelta(hours=25)
    with pytest.raises(Conflict) as info:
        offer_accept(cohort=cohort, user=waiting[0], now=later)
    assert info.value.code == "offer_expired"
    assert reg(cohort, waiting[0]).status == S.OFFERED  # refused: nothing written
    assert offers_expire(now=later) == 1
    assert reg(cohort, waiting[0]).status == S.EXPIRED
    assert reg(cohort, waiting[1]).status == S.OFFERED
    assert offers_expire(now=later) == 0  # nothing due twice
    assert notified["seat_offered"] == [reg(cohort, waiting[0]).pk, reg(cohort, waiting[1]).pk]


def test_expire_offers_command_with_an_empty_queue_frees_the_seat(capsys):
    cohort = CohortFactory(capacity=1, offer_hours=1)
    holder, waiter = UserFactory.create_batch(2)
    registration_create(cohort=cohort, user=holder)
    registration_create(cohort=cohort, user=waiter)
    registration_cancel(registration_id=reg(cohort, holder).pk, by=StaffFactory())
    Registration.objects.filter(pk=reg(cohort, waiter).pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("expire_offers")
    assert "1 offer(s) expired" in capsys.readouterr().out
    assert reg(cohort, waiter).status == S.EXPIRED
    newcomer, _ = registration_create(cohort=cohort, user=UserFactory())
    assert newcomer.status == S.CONFIRMED


def test_raising_capacity_offers_the_new_seats_in_order(full_cohort):
    cohort, _, waiting = full_cohort
    cohort_update(cohort=cohort, by=StaffFactory(), data={"capacity": 4})
    assert [reg(cohort, w).status for w in waiting] == [S.OFFERED, S.OFFERED, S.WAITLISTED]
    assert positions(cohort) == [(waiting[2].email, 1)]


def test_capacity_cannot_drop_below_seats_taken(full_cohort):
    cohort, _, _ = full_cohort
    with pytest.raises(Conflict) as info:
        cohort_update(cohort=cohort, by=StaffFactory(), data={"capacity": 1})
    assert info.value.code == "capacity_below_seats"
    cohort.refresh_from_db()
    assert cohort.capacity == 2


def test_finished_cohort_keeps_a_freed_seat_free(full_cohort):
    cohort, holders, waiting = full_cohort
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.FINISHED)
    registration_cancel(registration_id=reg(cohort, holders[0]).pk, by=StaffFactory())
    assert reg(cohort, waiting[0]).status == S.WAITLISTED


def test_cohort_lock_refuses_autocommit(transactional_db):
    cohort = CohortFactory()
    with pytest.raises(RuntimeError):
        cohort_lock(cohort_id=cohort.pk)


def test_offer_hours_default_comes_from_the_setting(settings):
    settings.SEAT_OFFER_HOURS_DEFAULT = 12
    assert Cohort().offer_hours == 12
