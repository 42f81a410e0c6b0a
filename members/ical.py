"""iCalendar documents of sessions: the .ics attached to a confirmation and the personal feed.

Times are written with the Europe/Copenhagen TZID plus its VTIMEZONE, so calendar
apps show the local wall-clock time across daylight-saving changes. Each session has
one UID for ever (``session-<pk>@<host>``), so re-importing or re-fetching updates the
event instead of duplicating it.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Session

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
PRODID = "-//Masterclass-netværket//Hold og sessioner//DA"


def session_uid(session: Session) -> str:
    """The stable UID of a session's event."""
    host = urlsplit(settings.SITE_URL).hostname or "masterclass.local"
    return f"session-{session.pk}@{host}"


def _event(session: Session, *, substitute: bool = False) -> Event:
    cohort = session.cohort
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(COPENHAGEN))
    event.add("dtend", session.ends_at.astimezone(COPENHAGEN))
    summary = f"{cohort.title}: {session.number}. {session.title}"
    if substitute:
        summary += " (som stedfortræder)"
    event.add("summary", summary)
    location = session.venue or cohort.venue
    if location:
        event.add("location", location.replace("\r\n", ", ").replace("\n", ", "))
    lines = [session.description] if session.description else []
    experts = [expert.get_full_name() or expert.email for expert in session.experts.all()]
    if experts:
        lines.append("Med: " + ", ".join(experts))
    online = session.online_url or cohort.online_fallback_url
    if online:
        lines.append(f"Online: {online}")
        event.add("url", online)
    if lines:
        event.add("description", "\n\n".join(lines))
    return event


def sessions_calendar(
    sessions: Iterable[Session], *, name: str, substitute_session_ids: frozenset[int] = frozenset()
) -> bytes:
    """Serialize ``sessions`` (with ``cohort`` selected and ``experts`` prefetched) as an iCalendar file."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    for session in sessions:
        cal.add_component(_event(session, substitute=session.pk in substitute_session_ids))
    cal.add_missing_timezones()
    return cal.to_ical()


def calendar_sessions_for(user) -> list[Session]:
    """The sessions in ``user``'s personal calendar, in time order (two queries).

    Every session of a cohort where the user holds a confirmed seat, plus each
    session they attend as a named substitute (marked ``is_substitute``). Draft
    cohorts are left out: their dates are not final.
    """
    from django.db.models import Exists, OuterRef, Q

    from .models import Cohort, Registration, SessionSubstitute

    confirmed = Registration.objects.filter(
        cohort=OuterRef("cohort"), user=user, status=Registration.Status.CONFIRMED
    )
    substituting = SessionSubstitute.objects.filter(
        session=OuterRef("pk"), substitute=user, registration__status=Registration.Status.CONFIRMED
    )
    return list(
        Session.objects.annotate(is_member=Exists(confirmed), is_substitute=Exists(substituting))
        .filter(Q(is_member=True) | Q(is_substitute=True))
        .exclude(cohort__status=Cohort.Status.DRAFT)
        .select_related("cohort")
        .prefetch_related("experts")
        .order_by("starts_at", "pk")
    )


def personal_calendar_url(user) -> str:
    """The absolute URL of ``user``'s personal calendar feed (changes when the token is rotated)."""
    from django.urls import reverse

    return settings.SITE_URL + reverse("personal-calendar", kwargs={"token": user.feed_token})
