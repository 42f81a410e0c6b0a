"""Cohorts that require staff approval: pending seats, approve, reject, withdraw, offers, and concurrency."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.exceptions import Conflict, DomainError, Forbidden, NotFound
from members.models import Registration
from members.services.approvals import registration_approve, registration_reject
from members.services.registrations import (
    offer_accept,
    offer_decline,
    registration_cancel,
    registration_create,
    registration_leave,
)
from tests.factories.members import CohortFactory, StaffFactory, UserFactory
from tests.members import seat_fixtures

notified = seat_fixtures.notified

S = Registration.Status


def _held(cohort) -> int:
    return Registration.objects.filter(cohort=cohort, status__in=Registration.SEAT_HOLDING).count()


def _positions(cohort) -> list[int]:
    return list(
        Registration.objects.filter(cohort=cohort, status=S.WAITLISTED)
        .order_by("waitlist_position")
        .values_list("waitlist_position", flat=True)
    )


@pytest.fixture
def approval_cohort(db):
    """Capacity 2, requires approval: two pending seats and two on the waiting list."""
    cohort = CohortFactory(capacity=2, requires_approval=True, offer_hours=24)
    people = UserFactory.create_batch(4)
    for person in people:
        registration_create(cohort=cohort, user=person)
    return cohort, people


def _reg(cohort, user) -> Registration:
    return Registration.objects.get(cohort=cohort, user=user)


@pytest.mark.django_db
def test_register_on_approval_cohort_is_pending_holding_a_seat(notified):
    cohort = CohortFactory(capacity=1, requires_approval=True)
    first, second = UserFactory.create_batch(2)
    registration, created = registration_create(cohort=cohort, user=first)
    assert created and registration.status == S.PENDING
    assert registration.confirmed_at is None and registration.waitlist_position is None
    # The pending seat counts: the next one waits.
    other, _ = registration_create(cohort=cohort, user=second)
    assert other.status == S.WAITLISTED and other.waitlist_position == 1
    assert notified["registration_pending"] == [registration.pk]
    assert notified["registration_waitlisted"] == [other.pk]
    assert "registration_confirmed" not in notified
    # A repeat is not an error and not a second row.
    again, created = registration_create(cohort=cohort, user=first)
    assert (again.pk, created) == (registration.pk, False)


@pytest.mark.django_db
def test_cohort_without_approval_still_confirms_at_once():
    registration, _ = registration_create(cohort=CohortFactory(requires_approval=False), user=UserFactory())
    assert registration.status == S.CONFIRMED


@pytest.mark.django_db
def test_approve_confirms_and_mails_confirmation(approval_cohort, notified):
    cohort, people = approval_cohort
    staff = StaffFactory()
    pending = _reg(cohort, people[0])
    approved = registration_approve(registration_id=pending.pk, by=staff)
    assert approved.status == S.CONFIRMED and approved.confirmed_at is not None
    pending.refresh_from_db()
    assert pending.status == S.CONFIRMED
    assert notified["registration_confirmed"] == [pending.pk]
    assert _held(cohort) == 2 and _positions(cohort) == [1, 2]  # nothing else moved
    # Approved means binding: the member can no longer leave.
    with pytest.raises(Conflict) as info:
        registration_leave(cohort=cohort, user=people[0])
    assert info.value.code == "binding"


@pytest.mark.django_db
def test_reject_offers_the_seat_to_the_next_in_line(approval_cohort, notified):
    cohort, people = approval_cohort
    staff = StaffFactory()
    pending = _reg(cohort, people[1])
    rejected = registration_reject(registration_id=pending.pk, by=staff, reason="Kun for ledere")
    pending.refresh_from_db()
    assert pending.status == S.REJECTED
    assert pending.ended_at is not None and pending.ended_by == staff and pending.end_reason == "Kun for ledere"
    assert rejected.status == S.REJECTED
    head = _reg(cohort, people[2])
    assert head.status == S.OFFERED and head.offer_expires_at is not None
    assert _positions(cohort) == [1]
    assert _reg(cohort, people[3]).waitlist_position == 1
    assert _held(cohort) == 2
    assert notified["registration_cancelled"] == [pending.pk]
    assert notified["seat_offered"] == [head.pk]


@pytest.mark.django_db
def test_reject_and_approve_lock_the_cohort_first(approval_cohort):
    cohort, people = approval_cohort
    staff = StaffFactory()
    with CaptureQueriesContext(connection) as ctx:
        registration_reject(registration_id=_reg(cohort, people[0]).pk, by=staff, reason="nej")
    sqls = [q["sql"] for q in ctx.captured_queries]
    lock_at = next(i for i, sql in enumerate(sqls) if "FOR UPDATE" in sql and "members_cohort" in sql)
    update_at = next(i for i, sql in enumerate(sqls) if sql.startswith("UPDATE") and "rejected" in sql)
    assert lock_at < update_at


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["approve", "reject"])
@pytest.mark.parametrize("state", ["waitlisted", "confirmed", "rejected", "offered"])
def test_wrong_state_is_conflict_and_writes_nothing(approval_cohort, action, state):
    cohort, people = approval_cohort
    staff = StaffFactory()
    if state == "waitlisted":
        target = _reg(cohort, people[2])
    elif state == "confirmed":
        target = registration_approve(registration_id=_reg(cohort, people[0]).pk, by=staff)
    elif state == "rejected":
        target = registration_reject(registration_id=_reg(cohort, people[0]).pk, by=staff, reason="nej")
    else:
        registration_reject(registration_id=_reg(cohort, people[0]).pk, by=staff, reason="nej")
        target = _reg(cohort, people[2])
        assert target.status == S.OFFERED
    before = list(Registration.objects.filter(cohort=cohort).order_by("pk").values())
    with pytest.raises(Conflict) as info:
        if action == "approve":
            registration_approve(registration_id=target.pk, by=staff)
        else:
            registration_reject(registration_id=target.pk, by=staff, reason="nej")
    assert info.value.status_code == 409 and info.value.code == "not_pending"
    assert list(Registration.objects.filter(cohort=cohort).order_by("pk").values()) == before


@pytest.mark.django_db
def test_unknown_id_non_staff_and_empty_reason_are_refused(approval_cohort):
    cohort, people = approval_cohort
    staff = StaffFactory()
    pending = _reg(cohort, people[0])
    with pytest.raises(NotFound):
        registration_approve(registration_id=pending.pk + 10_000, by=staff)
    with pytest.raises(NotFound):
        registration_reject(registration_id=pending.pk + 10_000, by=staff, reason="nej")
    with pytest.raises(Forbidden):
        registration_approve(registration_id=pending.pk, by=people[1])
    with pytest.raises(Forbidden):
        registration_reject(registration_id=pending.pk, by=people[1], reason="nej")
    for reason in ("", "   ", "x" * 501):
        with pytest.raises(DomainError) as info:
            registration_reject(registration_id=pending.pk, by=staff, reason=reason)
        assert info.value.status_code == 400
    pending.refresh_from_db()
    assert pending.status == S.PENDING


@pytest.mark.django_db
def test_pending_member_withdraws_and_the_seat_is_offered(approval_cohort, notified):
    cohort, people = approval_cohort
    registration = registration_leave(cohort=cohort, user=people[0])
    assert registration.status == S.WITHDRAWN and registration.ended_at is not None
    assert _reg(cohort, people[2]).status == S.OFFERED
    assert _positions(cohort) == [1]
    assert _held(cohort) == 2
    # Withdrawn by their own choice: may register again, at the back of the queue.
    again, created = registration_create(cohort=cohort, user=people[0])
    assert created and again.status == S.WAITLISTED and again.waitlist_position == 2


@pytest.mark.django_db
def test_accepting_an_offer_on_an_approval_cohort_gives_pending(approval_cohort, notified):
    cohort, people = approval_cohort
    staff = StaffFactory()
    registration_reject(registration_id=_reg(cohort, people[0]).pk, by=staff, reason="nej")
    registration, changed = offer_accept(cohort=cohort, user=people[2])
    assert changed and registration.status == S.PENDING and registration.confirmed_at is None
    assert notified["registration_pending"][-1] == registration.pk
    assert "registration_confirmed" not in notified
    # Accepting again is harmless; approving then confirms.
    again, changed = offer_accept(cohort=cohort, user=people[2])
    assert (again.status, changed) == (S.PENDING, False)
    assert registration_approve(registration_id=registration.pk, by=staff).status == S.CONFIRMED
    assert _held(cohort) == 2


@pytest.mark.django_db
def test_declining_an_offer_and_staff_cancel_of_pending_pass_the_seat_on(approval_cohort):
    cohort, people = approval_cohort
    staff = StaffFactory()
    registration_cancel(registration_id=_reg(cohort, people[0]).pk, by=staff, reason="aflyst")
    assert _reg(cohort, people[2]).status == S.OFFERED
    offer_decline(cohort=cohort, user=people[2])
    assert _reg(cohort, people[3]).status == S.OFFERED
    assert _held(cohort) == 2 and _positions(cohort) == []


@pytest.mark.django_db
def test_pending_and_rejection_mails_are_danish(approval_cohort, django_capture_on_commit_callbacks):
    cohort, people = approval_cohort
    staff = StaffFactory()
    newcomer_cohort = CohortFactory(capacity=3, requires_approval=True, title="Ledelse i praksis")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(cohort=newcomer_cohort, user=people[0])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "afventer godkendelse" in message.subject and "Ledelse i praksis" in message.subject
    assert "arrangørens godkendelse" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_reject(registration_id=_reg(cohort, people[1]).pk, by=staff, reason="Holdet er for ledere")
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "ikke blevet godkendt" in bodies[people[1].email]
    assert "Holdet er for ledere" in bodies[people[1].email]
    assert people[2].email in bodies  # the offer to the next in line
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_approve(registration_id=_reg(cohort, people[0]).pk, by=staff)
    assert [m.to for m in mail.outbox] == [[people[0].email]]
    assert "bekræftet" in mail.outbox[0].subject


def _race(fn, args_list):
    barrier = threading.Barrier(len(args_list))

    def run(args):
        try:
            barrier.wait(timeout=30)
            return fn(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(args_list)) as pool:
        return list(pool.map(run, args_list))


@pytest.mark.django_db(transaction=True)
def test_thirty_registrations_in_parallel_ten_seats_give_ten_pending(notified):
    cohort = CohortFactory(capacity=10, requires_approval=True)
    members = UserFactory.create_batch(30)
    results = _race(lambda user: registration_create(cohort=cohort, user=user)[0].status, [(m,) for m in members])
    assert results.count(S.PENDING) == 10
    assert results.count(S.WAITLISTED) == 20
    rows = Registration.objects.filter(cohort=cohort)
    assert rows.filter(status=S.PENDING).count() == 10
    assert not rows.filter(status=S.CONFIRMED).exists()
    assert _positions(cohort) == list(range(1, 21))
    assert len(notified["registration_pending"]) == 10


@pytest.mark.django_db(transaction=True)
def test_approvals_rejections_and_registrations_racing_never_oversell(notified):
    cohort = CohortFactory(capacity=5, requires_approval=True)
    staff = StaffFactory()
    first = UserFactory.create_batch(10)
    for member in first:
        registration_create(cohort=cohort, user=member)
    pending = list(Registration.objects.filter(cohort=cohort, status=S.PENDING).order_by("pk"))
    newcomers = UserFactory.create_batch(8)

    def act(kind, obj):
        try:
            if kind == "approve":
                return registration_approve(registration_id=obj.pk, by=staff).status
            if kind == "reject":
                return registration_reject(registration_id=obj.pk, by=staff, reason="nej").status
            return registration_create(cohort=cohort, user=obj)[0].status
        except DomainError as exc:
            return exc.code

    # Each pending one is approved and rejected at the same time: exactly one of the two wins.
    jobs = [("approve", r) for r in pending] + [("reject", r) for r in pending] + [("register", m) for m in newcomers]
    results = _race(act, jobs)
    assert results.count("not_pending") == len(pending)
    assert _held(cohort) <= cohort.capacity
    statuses = dict(Registration.objects.filter(pk__in=[r.pk for r in pending]).values_list("pk", "status"))
    assert set(statuses.values()) <= {S.CONFIRMED, S.REJECTED}
    # Every rejected seat went to the head of the queue; nobody waits while a seat is free.
    held = _held(cohort)
    positions = _positions(cohort)
    assert positions == list(range(1, len(positions) + 1))
    if held < cohort.capacity:
        assert positions == []
