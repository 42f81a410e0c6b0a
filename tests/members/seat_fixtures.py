"""Fixtures for the seat tests: record the after-commit notifications instead of sending mail.

Import the fixtures you use into a test module (``from tests.members.seat_fixtures import notified``).
"""

from __future__ import annotations

import threading
from collections import defaultdict

import pytest

from members import notifications

HOOKS = (
    "registration_confirmed",
    "registration_waitlisted",
    "registration_pending",
    "seat_offered",
    "registration_cancelled",
    "substitute_named",
)


@pytest.fixture
def notified(monkeypatch):
    """``{hook name: [ids]}`` of the notification hooks the services called (thread-safe).

    Recorded when called: the services call them inside their transaction, and the real
    hooks defer the enqueue with ``transaction.on_commit`` (tested separately).
    """
    calls: dict[str, list[int]] = defaultdict(list)
    lock = threading.Lock()

    def recorder(name):
        def hook(obj_id: int) -> None:
            with lock:
                calls[name].append(obj_id)

        return hook

    for name in HOOKS:
        monkeypatch.setattr(notifications, name, recorder(name))
    return calls
