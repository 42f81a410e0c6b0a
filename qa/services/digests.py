"""Sending each session's pre-session digest exactly once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import Session

from .. import notifications
from ..digests import digest_questions, digest_recipients
from ..models import SessionDigest


def digests_send_due(*, now: datetime | None = None, hours: int | None = None) -> list[SessionDigest]:
    """Record and enqueue the digest of every session starting within ``hours`` that has none yet.

    Each session gets its SessionDigest row in its own transaction; the unique
    constraint on the session means that of two overlapping runs only one
    inserts, and only the inserting run enqueues the mail (after commit).
    Returns the digests this run recorded.
    """
    now = now or timezone.now()
    hours = settings.QA_DIGEST_HOURS_BEFORE if hours is None else hours
    due = Session.objects.filter(
        starts_at__gt=now, starts_at__lte=now + timedelta(hours=hours), qa_digest__isnull=True
    ).select_related("cohort")
    recorded = []
    for session in due:
        try:
            with transaction.atomic():
                digest = SessionDigest.objects.create(session=session, created_at=now)
                open_questions, answered = digest_questions(session, before_digest=digest)
                digest.open_count = len(open_questions)
                digest.answered_count = len(answered)
                digest.recipient_count = len(digest_recipients(session)) if (open_questions or answered) else 0
                digest.save(update_fields=["open_count", "answered_count", "recipient_count"])
                notifications.digest_due(session.pk)
        except IntegrityError:
            continue  # another run recorded this session's digest first
        recorded.append(digest)
    return recorded
