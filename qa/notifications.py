"""Side effects of Q&A writes (mail), enqueued only after the transaction commits.

Services call these inside their transaction; each registers a
``transaction.on_commit`` hook that enqueues a task of ``qa.tasks``, so nothing
is mailed for a write that rolls back.
"""

from __future__ import annotations

from django.db import transaction


def _after_commit(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


def question_asked(question_id: int) -> None:
    """Mail the cohort's experts about a new question."""
    from . import tasks

    _after_commit(tasks.send_question_asked, question_id)


def answer_posted(answer_id: int) -> None:
    """Mail the question's followers (the asker follows from the start) about a new answer."""
    from . import tasks

    _after_commit(tasks.send_answer_posted, answer_id)


def digest_due(session_id: int) -> None:
    """Mail the pre-session digest of a session."""
    from . import tasks

    _after_commit(tasks.send_session_digest, session_id)
