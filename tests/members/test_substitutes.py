"""Substitutes: who may be named, for which session, and what access it gives (via members.selectors)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from members.exceptions import DomainError
from members.models import Registration, SessionSubstitute
from members.selectors import has_member_access
from members.services.registrations import registration_cancel, registration_create
from members.services.substitutes import substitute_name
from tests.factories.members import CohortFactory, SessionFactory, StaffFactory, UserFactory
from tests.members import seat_fixtures

notified = seat_fixtures.notified
pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    """A confirmed member with a cohort of two future sessions, and a verified colleague."""
    cohort = CohortFactory(capacity=2)
    now = timezone.now()
    SessionFactory(cohort=cohort, number=1, starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, hours=4))
    SessionFactory(
        cohort=cohort, number=2, starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=4)
    )
    holder = UserFactory()
    registration_create(cohort=cohort, user=holder)
    colleague = UserFactory(organization=holder.organization)
    return cohort, holder, colleague


def refused(code, **kwargs):
    before = SessionSubstitute.objects.count()
    with pytest.raises(DomainError) as info:
        substitute_name(**kwargs)
    assert info.value.code == code
    assert SessionSubstitute.objects.count() == before
    return info.value


def test_name_a_colleague_for_one_session(seat, notified):
    cohort, holder, colleague = seat
    substitute, changed = substitute_name(cohort=cohort, user=holder, session_number=1, email=colleague.email.upper())
    assert changed and substitute.substitute == colleague and substitute.session.number == 1
    assert notified["substitute_named"] == [substitute.pk]
    # The seat stays the holder's.
    assert Registration.objects.get(cohort=cohort, user=holder).status == Registration.Status.CONFIRMED
    assert not Registration.objects.filter(cohort=cohort, user=colleague).exists()
    # Naming the same colleague again changes nothing.
    assert substitute_name(cohort=cohort, user=holder, session_number=1, email=colleague.email)[1] is False


def test_naming_another_colleague_replaces_the_first(seat):
    cohort, holder, colleague = seat
    other = UserFactory(organization=holder.organization)
    substitute_name(cohort=cohort, user=holder, session_number=1, email=colleague.email)
    substitute_name(cohort=cohort, user=holder, session_number=1, email=other.email)
    assert list(SessionSubstitute.objects.values_list("substitute", flat=True)) == [other.pk]


def test_substitute_access_follows_the_session(seat):
    cohort, holder, colleague = seat
    substitute_name(cohort=cohort, user=holder, session_number=2, email=colleague.email)
    session1, session2 = cohort.sessions.order_by("number")
    # Before session 1 has ended, session 2 is not current yet.
    assert not has_member_access(colleague, cohort)
    assert has_member_access(colleague, cohort, now=session1.ends_at + timedelta(hours=1))
    assert has_member_access(colleague, cohort, now=session2.ends_at + timedelta(days=1))
    assert not has_member_access(colleague, cohort, now=session2.ends_at + timedelta(days=30))
    # If the seat is cancelled, the substitute's access goes with it.
    registration_cancel(registration_id=Registration.objects.get(user=holder).pk, by=StaffFactory())
    assert not has_member_access(colleague, cohort, now=session1.ends_at + timedelta(hours=1))


def test_only_a_confirmed_member_may_name(seat):
    cohort, _holder, colleague = seat
    waiting = UserFactory(organization=colleague.organization)
    refused("not_confirmed", cohort=cohort, user=waiting, session_number=1, email=colleague.email)


def test_session_must_exist_and_be_ahead(seat):
    cohort, holder, colleague = seat
    refused("session_not_found", cohort=cohort, user=holder, session_number=9, email=colleague.email)
    later = timezone.now() + timedelta(days=4)
    refused("session_over", cohort=cohort, user=holder, session_number=1, email=colleague.email, now=later)


def test_colleague_rules(seat):
    cohort, holder, colleague = seat
    refused("substitute_unknown", cohort=cohort, user=holder, session_number=1, email="nobody@example.dk")
    refused("substitute_self", cohort=cohort, user=holder, session_number=1, email=holder.email)
    stranger = UserFactory()
    refused("substitute_other_org", cohort=cohort, user=holder, session_number=1, email=stranger.email)
    unverified = UserFactory(organization=holder.organization, verified=False)
    refused("substitute_unverified", cohort=cohort, user=holder, session_number=1, email=unverified.email)
    registration_create(cohort=cohort, user=colleague)  # the second seat
    refused("substitute_registered", cohort=cohort, user=holder, session_number=1, email=colleague.email)


def test_colleague_substitutes_once_per_session(seat):
    cohort, holder, colleague = seat
    second = UserFactory(organization=holder.organization)
    registration_create(cohort=cohort, user=second)
    substitute_name(cohort=cohort, user=holder, session_number=1, email=colleague.email)
    refused("substitute_taken", cohort=cohort, user=second, session_number=1, email=colleague.email)
