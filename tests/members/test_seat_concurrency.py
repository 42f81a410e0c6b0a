"""Real concurrency on PostgreSQL: many threads, each with its own connection, race for the seats."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from members.models import Registration
from members.services.registrations import offer_accept, registration_cancel, registration_create
from tests.factories.members import CohortFactory, StaffFactory, UserFactory
from tests.members import seat_fixtures

notified = seat_fixtures.notified

S = Registration.Status


def _race(fn, args_list):
    """Run ``fn(*args)`` for every args at once from its own thread (own DB connection); return results."""
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
def test_fifty_members_fifteen_seats(notified):
    cohort = CohortFactory(capacity=15)
    members = UserFactory.create_batch(50)
    results = _race(lambda user: registration_create(cohort=cohort, user=user)[0].status, [(m,) for m in members])
    assert results.count(S.CONFIRMED) == 15
    assert results.count(S.WAITLISTED) == 35
    rows = Registration.objects.filter(cohort=cohort)
    assert rows.count() == 50
    assert rows.filter(status=S.CONFIRMED).count() == 15
    waiting = rows.filter(status=S.WAITLISTED).order_by("waitlist_position")
    assert list(waiting.values_list("waitlist_position", flat=True)) == list(range(1, 36))
    # Order of arrival: positions follow the registration time.
    assert list(waiting.values_list("created_at", flat=True)) == sorted(waiting.values_list("created_at", flat=True))
    assert len(notified["registration_confirmed"]) == 15
    assert len(notified["registration_waitlisted"]) == 35


@pytest.mark.django_db(transaction=True)
def test_same_member_in_parallel_gets_one_registration():
    cohort = CohortFactory(capacity=15)
    member = UserFactory()
    results = _race(lambda: registration_create(cohort=cohort, user=member), [()] * 10)
    assert len({registration.pk for registration, _created in results}) == 1
    assert sum(created for _registration, created in results) == 1
    assert Registration.objects.filter(cohort=cohort).count() == 1


@pytest.mark.django_db(transaction=True)
def test_cancellations_and_accepts_racing_registrations_never_oversell():
    cohort = CohortFactory(capacity=5)
    staff = StaffFactory()
    first = UserFactory.create_batch(10)
    for member in first:
        registration_create(cohort=cohort, user=member)
    confirmed = list(Registration.objects.filter(cohort=cohort, status=S.CONFIRMED))
    newcomers = UserFactory.create_batch(10)

    def act(kind, obj):
        try:
            if kind == "cancel":
                return registration_cancel(registration_id=obj.pk, by=staff).status
            if kind == "accept":
                return offer_accept(cohort=cohort, user=obj)[0].status
            return registration_create(cohort=cohort, user=obj)[0].status
        except Exception as exc:  # noqa: BLE001 - a refused accept is a valid outcome here
            return type(exc).__name__

    jobs = (
        [("cancel", r) for r in confirmed[:3]] + [("accept", m) for m in first[5:8]] + [("new", m) for m in newcomers]
    )
    _race(act, jobs)
    rows = Registration.objects.filter(cohort=cohort)
    assert rows.filter(status__in=Registration.SEAT_HOLDING).count() == 5
    positions = list(
        rows.filter(status=S.WAITLISTED).order_by("waitlist_position").values_list("waitlist_position", flat=True)
    )
    assert positions == list(range(1, len(positions) + 1))


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_queue_does_not_fail_the_registration(client_for, monkeypatch):
    from members import tasks

    class BrokenQueue:
        def enqueue(self, *args):
            raise RuntimeError("queue down")

    monkeypatch.setattr(tasks, "send_registration_confirmed", BrokenQueue())
    cohort = CohortFactory(capacity=1)
    member = UserFactory()
    response = client_for(member).post(f"/api/v1/cohorts/{cohort.slug}/registration")
    assert response.status_code == 201
    assert Registration.objects.get(cohort=cohort, user=member).status == S.CONFIRMED
