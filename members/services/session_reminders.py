"""Reminders before each session: who is due one, and claiming it exactly once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import Cohort, Registration, Session, SessionReminder, SessionSubstitute


def session_reminders_send(
    *, from_hours: float = 24, to_hours: float = 48, now: datetime | None = None
) -> int:
    """Remind everyone attending a session that starts between ``from_hours`` and ``to_hours`` from now.

    Recipients are the cohort's confirmed members and the session's substitutes.
    Each (session, person) is claimed by inserting a ``SessionReminder`` row; its
    unique constraint makes the claim exactly-once even when several runs overlap
    (the loser's insert fails and it skips that person). The mail task is enqueued
    after the claim commits, so a rolled-back claim sends nothing. Returns the
    number of reminders claimed by this run.
    """
    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(
            starts_at__gte=now + timedelta(hours=from_hours),
            starts_at__lte=now + timedelta(hours=to_hours),
            cohort__status__in=[Cohort.Status.PUBLISHED, Cohort.Status.CLOSED],
        ).only("pk", "cohort_id")
    )
    if not sessions:
        return 0
    cohort_ids = {s.cohort_id for s in sessions}
    members_by_cohort: dict[int, set[int]] = {}
    for cohort_id, user_id in Registration.objects.filter(
        cohort_id__in=cohort_ids, status=Registration.Status.CONFIRMED
    ).values_list("cohort_id", "user_id"):
        members_by_cohort.setdefault(cohort_id, set()).add(user_id)
    substitutes_by_session: dict[int, set[int]] = {}
    for session_id, user_id in SessionSubstitute.objects.filter(
        session__in=sessions, registration__status=Registration.Status.CONFIRMED
    ).values_list("session_id", "substitute_id"):
        substitutes_by_session.setdefault(session_id, set()).add(user_id)
    already = set(SessionReminder.objects.filter(session__in=sessions).values_list("session_id", "user_id"))

    claimed = 0
    for session in sessions:
        recipients = members_by_cohort.get(session.cohort_id, set()) | substitutes_by_session.get(session.pk, set())
        for user_id in sorted(recipients):
            if (session.pk, user_id) in already:
                continue
            if _claim(session_id=session.pk, user_id=user_id):
                claimed += 1
    return claimed


def _claim(*, session_id: int, user_id: int) -> bool:
    """Insert the reminder row and enqueue its mail after commit; False if someone else already did."""
    from members import tasks

    try:
        with transaction.atomic():
            SessionReminder.objects.create(session_id=session_id, user_id=user_id)
            transaction.on_commit(lambda: tasks.send_session_reminder.enqueue(session_id, user_id))
    except IntegrityError:
        return False
    return True
