"""Hypothesis drives random sequences of seat operations and checks the invariants after every step.

Operations: register, staff cancel, leave, accept, decline, raise capacity (offers new seats),
time passing and the periodic expiry (which also offers freed seats), and on a cohort that
requires approval (drawn at random) staff approve and reject pending registrations.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from members.exceptions import DomainError
from members.models import Registration
from members.services.approvals import registration_approve, registration_reject
from members.services.cohorts import cohort_update
from members.services.registrations import (
    offer_accept,
    offer_decline,
    registration_cancel,
    registration_create,
    registration_leave,
)
from members.services.waitlist import offers_expire
from tests.factories.members import CohortFactory, StaffFactory, UserFactory

S = Registration.Status
PEOPLE = 5
person = st.integers(min_value=0, max_value=PEOPLE - 1)


class SeatMachine(RuleBasedStateMachine):
    """One cohort, five members, one organizer, and a clock that only moves forward."""

    @initialize(capacity=st.integers(min_value=1, max_value=3), requires_approval=st.booleans())
    def setup(self, capacity, requires_approval):
        self.now = timezone.now()
        self.cohort = CohortFactory(
            capacity=capacity,
            requires_approval=requires_approval,
            offer_hours=2,
            registration_opens_at=self.now - timedelta(days=1),
            registration_closes_at=self.now + timedelta(days=365),
        )
        self.people = UserFactory.create_batch(PEOPLE)
        self.staff = StaffFactory()
        # Start full, with a queue, so that seats are freed and offered in most programs.
        for member in self.people[: capacity + 2]:
            registration_create(cohort=self.cohort, user=member, now=self.now)
        self.snapshot = self._state()
        self.cancelled_by_staff: set[int] = set()
        self.approved: set[int] = set()

    # --- helpers ------------------------------------------------------------------------------

    def _state(self):
        rows = Registration.objects.filter(cohort=self.cohort).order_by("pk")
        return {r.user_id: (r.status, r.waitlist_position) for r in rows}

    def _try(self, fn, **kwargs):
        # event() feeds --hypothesis-show-statistics, to see that every path is exercised.
        try:
            result = fn(**kwargs)
        except DomainError as exc:
            event(f"{fn.__name__}: refused {exc.code}")
            return None
        event(f"{fn.__name__}: done")
        return result

    def _reg(self, i):
        return Registration.objects.filter(cohort=self.cohort, user=self.people[i]).first()

    def _pick(self, data, statuses):
        """Mostly someone in one of ``statuses`` (so offers really get accepted), sometimes anyone."""
        index = {p.pk: i for i, p in enumerate(self.people)}
        candidates = sorted(
            index[user_id]
            for user_id in Registration.objects.filter(cohort=self.cohort, status__in=statuses).values_list(
                "user_id", flat=True
            )
        )
        if candidates and data.draw(st.integers(0, 4), label="focused") > 0:
            return data.draw(st.sampled_from(candidates), label="person")
        return data.draw(person, label="person")

    # --- rules --------------------------------------------------------------------------------

    @rule(i=person)
    def register(self, i):
        self._try(registration_create, cohort=self.cohort, user=self.people[i], now=self.now)

    @rule(data=st.data())
    def cancel(self, data):
        i = self._pick(data, [S.CONFIRMED, S.OFFERED, S.PENDING, S.WAITLISTED])
        registration = self._reg(i)
        if registration is not None and self._try(
            registration_cancel, registration_id=registration.pk, by=self.staff, now=self.now
        ):
            self.cancelled_by_staff.add(registration.user_id)

    @rule(data=st.data())
    def leave(self, data):
        i = self._pick(data, [S.WAITLISTED, S.OFFERED, S.PENDING, S.CONFIRMED])
        self._try(registration_leave, cohort=self.cohort, user=self.people[i], now=self.now)

    @rule(data=st.data())
    def accept(self, data):
        i = self._pick(data, [S.OFFERED])
        self._try(offer_accept, cohort=self.cohort, user=self.people[i], now=self.now)

    @rule(data=st.data())
    def decline(self, data):
        i = self._pick(data, [S.OFFERED])
        self._try(offer_decline, cohort=self.cohort, user=self.people[i], now=self.now)

    @rule(data=st.data())
    def approve(self, data):
        i = self._pick(data, [S.PENDING])
        registration = self._reg(i)
        if registration is not None and self._try(
            registration_approve, registration_id=registration.pk, by=self.staff, now=self.now
        ):
            self.approved.add(registration.user_id)

    @rule(data=st.data())
    def reject(self, data):
        i = self._pick(data, [S.PENDING])
        registration = self._reg(i)
        if registration is not None:
            self._try(registration_reject, registration_id=registration.pk, by=self.staff, reason="nej", now=self.now)

    @rule()
    def raise_capacity(self):
        self.cohort.refresh_from_db()
        cohort_update(cohort=self.cohort, by=self.staff, data={"capacity": self.cohort.capacity + 1}, now=self.now)

    @rule(hours=st.sampled_from([1, 3]))
    def time_passes_and_offers_expire(self, hours):
        self.now += timedelta(hours=hours)
        event(f"offers_expire: {min(offers_expire(now=self.now), 1)}+ expired")

    # --- invariants ---------------------------------------------------------------------------

    @invariant()
    def seats_never_oversold_and_never_idle(self):
        if not hasattr(self, "cohort"):
            return
        self.cohort.refresh_from_db()
        rows = list(Registration.objects.filter(cohort=self.cohort))
        held = [r for r in rows if r.status in Registration.SEAT_HOLDING]
        waiting = sorted(r.waitlist_position for r in rows if r.status == S.WAITLISTED)
        assert len(held) <= self.cohort.capacity
        assert waiting == list(range(1, len(waiting) + 1))
        if len(held) < self.cohort.capacity:
            assert not waiting, "a free seat while someone waits"
        assert all(r.offer_expires_at for r in rows if r.status == S.OFFERED)
        assert len({r.user_id for r in rows}) == len(rows)

    @invariant()
    def binding_and_first_come(self):
        if not hasattr(self, "cohort"):
            return
        before, after = self.snapshot, self._state()
        # Pending exists only on approval cohorts, and there a seat is confirmed only by staff approval.
        if not self.cohort.requires_approval:
            assert all(status != S.PENDING for status, _pos in after.values())
        else:
            for user_id, (status, _pos) in after.items():
                if status == S.CONFIRMED and before.get(user_id, (None,))[0] != S.CONFIRMED:
                    assert before.get(user_id, (None,))[0] == S.PENDING and user_id in self.approved
        # A confirmed seat ends only by staff cancellation.
        for user_id, (status, _pos) in before.items():
            if status == S.CONFIRMED and after[user_id][0] != S.CONFIRMED:
                assert after[user_id][0] == S.CANCELLED and user_id in self.cancelled_by_staff
        # Whoever got an offer in this step was at the head of the queue.
        newly_offered = [
            u for u, (status, _p) in after.items() if status == S.OFFERED and before.get(u, (None,))[0] != S.OFFERED
        ]
        if newly_offered:
            queue = sorted((pos, u) for u, (status, pos) in before.items() if status == S.WAITLISTED)
            head = {u for _pos, u in queue[: len(newly_offered)]}
            # Someone may also have joined and been offered in the same step (registration with free seats
            # never happens while a queue exists, so the head must cover the offers).
            assert set(newly_offered) <= head | (set(after) - set(before))
        self.snapshot = after
        self.approved.clear()


@pytest.mark.django_db
def test_seat_invariants_hold_under_random_operations():
    run_state_machine_as_test(
        SeatMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
