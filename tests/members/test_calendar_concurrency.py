"""Overlapping runs of the reminder job remind each person once (real threads, own connections)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from members.models import SessionReminder
from members.services.session_reminders import session_reminders_send
from tests.factories.members import CohortFactory, RegistrationFactory, SessionFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_reminder_runs_send_each_reminder_once():
    cohort = CohortFactory()
    start = timezone.now() + timedelta(hours=30)
    SessionFactory(cohort=cohort, number=1, starts_at=start, ends_at=start + timedelta(hours=4))
    for _ in range(10):
        RegistrationFactory(cohort=cohort)

    barrier = threading.Barrier(4)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            counts.append(session_reminders_send())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert sum(counts) == 10
    assert SessionReminder.objects.count() == 10
    assert len(mail.outbox) == 10
    assert len({m.to[0] for m in mail.outbox}) == 10
