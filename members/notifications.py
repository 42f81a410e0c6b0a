"""Side effects of seat changes (mail, calendar), enqueued only after the transaction commits.

Services call these functions *inside* their transaction; each one registers a
``transaction.on_commit`` hook that enqueues a task (``members.tasks``), so no
mail is ever sent from inside a seat transaction, and nothing is sent if it rolls back.
"""

from __future__ import annotations

from django.db import transaction


def _after_commit(task, *args) -> None:
    # robust: a queue that cannot take the task is logged, never turned into an error for a
    # request whose seat change has already committed.
    transaction.on_commit(lambda: task.enqueue(*args), robust=True)


def registration_confirmed(registration_id: int) -> None:
    """Confirmation mail with an .ics of all sessions."""
    from . import tasks

    _after_commit(tasks.send_registration_confirmed, registration_id)


def registration_waitlisted(registration_id: int) -> None:
    """Mail with the member's position on the waiting list."""
    from . import tasks

    _after_commit(tasks.send_waitlisted, registration_id)


def registration_pending(registration_id: int) -> None:
    """Mail telling the member their seat awaits the organizer's approval."""
    from . import tasks

    _after_commit(tasks.send_registration_pending, registration_id)


def seat_offered(registration_id: int) -> None:
    """Mail offering a freed seat, with its deadline."""
    from . import tasks

    _after_commit(tasks.send_seat_offered, registration_id)


def registration_cancelled(registration_id: int) -> None:
    """Mail telling a member their registration was cancelled (by staff) or ended."""
    from . import tasks

    _after_commit(tasks.send_registration_cancelled, registration_id)


def substitute_named(substitute_id: int) -> None:
    """Mail to the substitute (and a copy to the seat holder) with the session's details."""
    from . import tasks

    _after_commit(tasks.send_substitute_named, substitute_id)
