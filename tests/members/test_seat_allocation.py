"""registration_create: seats first come first served, the waiting list, idempotency, and every refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.exceptions import Conflict, Forbidden
from members.models import Cohort, Registration, RoleLevel
from members.services.registrations import registration_cancel, registration_create, registration_leave
from tests.factories.members import CohortFactory, StaffFactory, UserFactory
from tests.members import seat_fixtures

notified = seat_fixtures.notified

pytestmark = pytest.mark.django_db
S = Registration.Status


def test_seats_then_waiting_list_in_order(notified):
    cohort = CohortFactory(capacity=2)
    people = UserFactory.create_batch(4)
    results = [registration_create(cohort=cohort, user=p)[0] for p in people]
    assert [r.status for r in results] == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    assert [r.waitlist_position for r in results] == [None, None, 1, 2]
    assert all(r.confirmed_at for r in results[:2])
    assert notified["registration_confirmed"] == [results[0].pk, results[1].pk]
    assert notified["registration_waitlisted"] == [results[2].pk, results[3].pk]


def test_repeat_returns_the_same_registration_and_writes_nothing(notified):
    cohort = CohortFactory(capacity=1)
    member = UserFactory()
    first, created = registration_create(cohort=cohort, user=member)
    again, created_again = registration_create(cohort=cohort, user=member)
    assert created and not created_again
    assert again.pk == first.pk
    assert Registration.objects.count() == 1
    assert len(notified["registration_confirmed"]) == 1


def test_locking_sql_is_emitted():
    cohort = CohortFactory()
    with CaptureQueriesContext(connection) as ctx:
        registration_create(cohort=cohort, user=UserFactory())
    sqls = [q["sql"] for q in ctx.captured_queries]
    lock_at = next(i for i, sql in enumerate(sqls) if "FOR UPDATE" in sql and '"members_cohort"' in sql)
    count_at = next(i for i, sql in enumerate(sqls) if "COUNT(" in sql and '"members_registration"' in sql)
    insert_at = next(i for i, sql in enumerate(sqls) if sql.startswith('INSERT INTO "members_registration"'))
    # Lock, then re-count, then write.
    assert lock_at < count_at < insert_at


def _refused(cohort, user, code, exc_type=Conflict):
    with pytest.raises(exc_type) as info:
        registration_create(cohort=cohort, user=user)
    assert info.value.code == code
    assert not Registration.objects.filter(cohort=cohort).exists()
    return info.value


@pytest.mark.parametrize(
    ("changes", "code", "exc_type"),
    [
        ({"status": Cohort.Status.DRAFT}, "not_published", Conflict),
        ({"status": Cohort.Status.CLOSED}, "registration_closed", Conflict),
        ({"status": Cohort.Status.FINISHED}, "registration_closed", Conflict),
    ],
)
def test_cohort_state_refusals(changes, code, exc_type):
    cohort = CohortFactory(**changes)
    _refused(cohort, UserFactory(), code, exc_type)


def test_before_window_says_when_it_opens():
    now = timezone.now()
    cohort = CohortFactory(
        registration_opens_at=now + timedelta(days=2), registration_closes_at=now + timedelta(days=9)
    )
    error = _refused(cohort, UserFactory(), "registration_not_open")
    assert str(timezone.localtime(cohort.registration_opens_at).year) in error.message


def test_after_window_is_closed():
    now = timezone.now()
    cohort = CohortFactory(
        registration_opens_at=now - timedelta(days=9), registration_closes_at=now - timedelta(days=1)
    )
    _refused(cohort, UserFactory(), "registration_closed")


def test_ineligible_role_level_names_the_allowed_levels():
    cohort = CohortFactory(allowed_role_levels=[RoleLevel.MANAGER, RoleLevel.DIRECTOR])
    error = _refused(cohort, UserFactory(role_level=RoleLevel.PRACTITIONER), "not_eligible", Forbidden)
    assert str(RoleLevel.MANAGER.label) in error.message


def test_empty_role_levels_admit_everyone():
    cohort = CohortFactory(allowed_role_levels=[])
    registration, _ = registration_create(cohort=cohort, user=UserFactory(role_level=RoleLevel.OTHER))
    assert registration.status == S.CONFIRMED


def test_unverified_email_is_refused():
    _refused(CohortFactory(), UserFactory(verified=False), "email_unverified", Forbidden)
    member = UserFactory()
    EmailAddress.objects.filter(user=member).update(verified=False)
    _refused(CohortFactory(), member, "email_unverified", Forbidden)


def test_member_who_left_may_rejoin_at_the_back():
    cohort = CohortFactory(capacity=1)
    holder, first, second = UserFactory.create_batch(3)
    registration_create(cohort=cohort, user=holder)
    registration_create(cohort=cohort, user=first)
    registration_create(cohort=cohort, user=second)
    registration_leave(cohort=cohort, user=first)
    again, created = registration_create(cohort=cohort, user=first)
    assert created and again.status == S.WAITLISTED and again.waitlist_position == 2
    assert Registration.objects.get(user=second).waitlist_position == 1
    assert Registration.objects.filter(cohort=cohort, user=first).count() == 1


def test_member_cancelled_by_staff_may_not_rejoin():
    cohort = CohortFactory(capacity=1)
    member = UserFactory()
    registration, _ = registration_create(cohort=cohort, user=member)
    registration_cancel(registration_id=registration.pk, by=StaffFactory())
    with pytest.raises(Conflict) as info:
        registration_create(cohort=cohort, user=member)
    assert info.value.code == "registration_cancelled"
    assert Registration.objects.get(pk=registration.pk).status == S.CANCELLED
