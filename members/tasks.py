"""Background tasks of the members domain (mail). Enqueued via ``members.notifications``."""

from __future__ import annotations

from django_tasks import task


@task()
def send_registration_confirmed(registration_id: int) -> None:
    raise NotImplementedError  # implemented with the mail work of issue 3


@task()
def send_waitlisted(registration_id: int) -> None:
    raise NotImplementedError


@task()
def send_seat_offered(registration_id: int) -> None:
    raise NotImplementedError


@task()
def send_registration_cancelled(registration_id: int) -> None:
    raise NotImplementedError


@task()
def send_substitute_named(substitute_id: int) -> None:
    raise NotImplementedError
