"""Background tasks of the members domain (mail). Enqueued via ``members.notifications``.

Each task re-reads its rows when it runs: with a real worker that can be a while
after the commit, so a task whose registration has moved on (an offer that was
accepted, a waiting place that became a seat) sends nothing rather than stale news.
"""

from __future__ import annotations

import logging

from django_tasks import task

from .ical import personal_calendar_url, sessions_calendar
from .mail import send_templated_mail
from .models import Registration, Session, SessionSubstitute, User

logger = logging.getLogger(__name__)

ENDED = (
    Registration.Status.CANCELLED,
    Registration.Status.DECLINED,
    Registration.Status.EXPIRED,
    Registration.Status.WITHDRAWN,
    Registration.Status.REJECTED,
)


def _registration(registration_id: int, *statuses: str) -> Registration | None:
    registration = (
        Registration.objects.select_related("cohort", "user").filter(pk=registration_id).first()
    )
    if registration is None or registration.status not in statuses:
        logger.info("registration %s is gone or no longer %s; no mail", registration_id, "/".join(statuses))
        return None
    return registration


def _sessions(cohort_id: int) -> list[Session]:
    return list(
        Session.objects.filter(cohort_id=cohort_id).select_related("cohort").prefetch_related("experts")
        .order_by("number")
    )


@task()
def send_registration_confirmed(registration_id: int) -> None:
    """Confirmation of a seat, with an .ics of every session of the cohort."""
    registration = _registration(registration_id, Registration.Status.CONFIRMED)
    if registration is None:
        return
    cohort = registration.cohort
    sessions = _sessions(cohort.pk)
    ics = sessions_calendar(sessions, name=cohort.title)
    send_templated_mail(
        template="registration_confirmed",
        to=[registration.user.email],
        subject=f"Din plads på {cohort.title} er bekræftet",
        context={
            "registration": registration, "cohort": cohort, "user": registration.user, "sessions": sessions,
            "calendar_url": personal_calendar_url(registration.user),
        },
        attachments=[(f"{cohort.slug}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")],
    )


@task()
def send_waitlisted(registration_id: int) -> None:
    """The member's place on the waiting list (the position as it is when the mail is sent)."""
    registration = _registration(registration_id, Registration.Status.WAITLISTED)
    if registration is None:
        return
    send_templated_mail(
        template="waitlisted",
        to=[registration.user.email],
        subject=f"Du er på ventelisten til {registration.cohort.title}",
        context={"registration": registration, "cohort": registration.cohort, "user": registration.user},
    )


@task()
def send_registration_pending(registration_id: int) -> None:
    """The member holds a seat that awaits the organizer's approval (cohorts with ``requires_approval``)."""
    registration = _registration(registration_id, Registration.Status.PENDING)
    if registration is None:
        return
    send_templated_mail(
        template="registration_pending",
        to=[registration.user.email],
        subject=f"Din tilmelding til {registration.cohort.title} afventer godkendelse",
        context={"registration": registration, "cohort": registration.cohort, "user": registration.user},
    )


@task()
def send_seat_offered(registration_id: int) -> None:
    """An offer of a freed seat and the deadline for accepting it."""
    registration = _registration(registration_id, Registration.Status.OFFERED)
    if registration is None:
        return
    send_templated_mail(
        template="seat_offered",
        to=[registration.user.email],
        subject=f"Der er en plads til dig på {registration.cohort.title}",
        context={
            "registration": registration, "cohort": registration.cohort, "user": registration.user,
            "sessions": _sessions(registration.cohort_id),
        },
    )


@task()
def send_registration_cancelled(registration_id: int) -> None:
    """Notice that a registration ended (cancelled by staff, declined, expired, withdrawn or rejected)."""
    registration = _registration(registration_id, *ENDED)
    if registration is None:
        return
    send_templated_mail(
        template="registration_cancelled",
        to=[registration.user.email],
        subject=f"Din tilmelding til {registration.cohort.title} er afsluttet",
        context={"registration": registration, "cohort": registration.cohort, "user": registration.user},
    )


@task()
def send_substitute_named(substitute_id: int) -> None:
    """Tell the substitute about their session, with the seat holder in copy."""
    substitution = (
        SessionSubstitute.objects.select_related(
            "session__cohort", "registration__user", "substitute"
        ).prefetch_related("session__experts").filter(pk=substitute_id).first()
    )
    if substitution is None or substitution.registration.status != Registration.Status.CONFIRMED:
        logger.info("substitution %s is gone or its seat is not confirmed; no mail", substitute_id)
        return
    session = substitution.session
    holder = substitution.registration.user
    ics = sessions_calendar([session], name=session.cohort.title, substitute_session_ids=frozenset({session.pk}))
    send_templated_mail(
        template="substitute_named",
        to=[substitution.substitute.email],
        cc=[holder.email],
        subject=f"Du deltager i {session.cohort.title} som stedfortræder",
        context={
            "substitution": substitution, "session": session, "cohort": session.cohort,
            "holder": holder, "substitute": substitution.substitute,
        },
        attachments=[(f"{session.cohort.slug}-{session.number}.ics", ics, "text/calendar; charset=utf-8")],
    )


@task()
def send_session_reminder(session_id: int, user_id: int) -> None:
    """Remind one person (seat holder or substitute) of a session shortly before it starts."""
    session = (
        Session.objects.select_related("cohort").prefetch_related("experts").filter(pk=session_id).first()
    )
    user = User.objects.filter(pk=user_id).first()
    if session is None or user is None:
        return
    substitution = (
        SessionSubstitute.objects.select_related("substitute", "registration__user")
        .filter(session=session).filter(registration__user=user).first()
    )
    is_substitute = SessionSubstitute.objects.filter(session=session, substitute=user).exists()
    send_templated_mail(
        template="session_reminder",
        to=[user.email],
        subject=f"Påmindelse: {session.cohort.title}, {session.number}. {session.title}",
        context={
            "session": session, "cohort": session.cohort, "user": user,
            "my_substitute": substitution.substitute if substitution else None,
            "is_substitute": is_substitute,
        },
    )
