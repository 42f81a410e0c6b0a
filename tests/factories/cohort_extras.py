"""Factories for substitutes and a cohort with its sessions (mail, calendar, admin and demo tests)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import factory

from members.models import SessionSubstitute
from tests.factories.members import CohortFactory, RegistrationFactory, SessionFactory, UserFactory

CPH = ZoneInfo("Europe/Copenhagen")


class SessionSubstituteFactory(factory.django.DjangoModelFactory):
    """A colleague named for one session of a confirmed registration."""

    class Meta:
        model = SessionSubstitute

    registration = factory.SubFactory(RegistrationFactory)
    session = factory.SubFactory(SessionFactory, cohort=factory.SelfAttribute("..registration.cohort"))
    substitute = factory.SubFactory(
        UserFactory, organization=factory.SelfAttribute("..registration.user.organization")
    )


def cohort_with_sessions(*, year: int = 2027, **kwargs):
    """A published cohort with the four Væksthuset session dates (10:00-14:30 Copenhagen) in ``year``."""
    cohort = CohortFactory(**kwargs)
    dates = [(6, 7), (8, 30), (10, 4), (11, 22)]
    for number, (month, day) in enumerate(dates, start=1):
        SessionFactory(
            cohort=cohort, number=number, title=f"Session {number}",
            starts_at=datetime(year, month, day, 10, 0, tzinfo=CPH),
            ends_at=datetime(year, month, day, 14, 30, tzinfo=CPH),
            venue="Væksthuset, København",
        )
    return cohort
