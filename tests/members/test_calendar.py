"""The personal iCalendar feed, the feed token rotation, and the session reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from icalendar import Calendar

from members.ical import session_uid
from members.models import Cohort, Registration, SessionReminder
from members.services.session_reminders import session_reminders_send
from tests.factories.cohort_extras import SessionSubstituteFactory, cohort_with_sessions
from tests.factories.members import CohortFactory, RegistrationFactory, SessionFactory, UserFactory

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.django_db


def _events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_feed_has_confirmed_cohorts_sessions_and_substitute_sessions(client, django_assert_max_num_queries):
    member = UserFactory()
    mine = cohort_with_sessions(title="Mit hold")
    RegistrationFactory(cohort=mine, user=member)
    other = cohort_with_sessions(title="Andet hold", year=2028)
    SessionSubstituteFactory(
        registration=RegistrationFactory(cohort=other), session=other.sessions.get(number=3), substitute=member
    )
    waiting = cohort_with_sessions(title="Venteliste")
    RegistrationFactory(
        cohort=waiting, user=member, status=Registration.Status.WAITLISTED, waitlist_position=1, confirmed_at=None
    )

    with django_assert_max_num_queries(3):
        response = client.get(f"/calendar/{member.feed_token}.ics")
    events = _events(response)
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries == [
        "Mit hold: 1. Session 1", "Mit hold: 2. Session 2", "Mit hold: 3. Session 3", "Mit hold: 4. Session 4",
        "Andet hold: 3. Session 3 (som stedfortræder)",
    ]
    assert events[0]["DTSTART"].dt == datetime(2027, 6, 7, 10, 0, tzinfo=CPH)
    assert str(events[0]["DTSTART"].dt.tzinfo) == "Europe/Copenhagen"
    assert str(events[0]["UID"]) == session_uid(mine.sessions.get(number=1))
    assert b"BEGIN:VTIMEZONE" in response.content
    assert response["Cache-Control"] == "private, max-age=900"


def test_feed_query_count_does_not_grow_with_sessions(client, django_assert_max_num_queries):
    member = UserFactory()
    for year in (2027, 2028, 2029):
        RegistrationFactory(cohort=cohort_with_sessions(year=year), user=member)
    with django_assert_max_num_queries(3):
        events = _events(client.get(f"/calendar/{member.feed_token}.ics"))
    assert len(events) == 12


def test_uids_are_stable_between_fetches(client):
    member = UserFactory()
    RegistrationFactory(cohort=cohort_with_sessions(), user=member)
    first = [str(e["UID"]) for e in _events(client.get(f"/calendar/{member.feed_token}.ics"))]
    second = [str(e["UID"]) for e in _events(client.get(f"/calendar/{member.feed_token}.ics"))]
    assert first == second and len(set(first)) == 4


def test_unknown_token_is_404(client):
    UserFactory()
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_draft_cohorts_stay_out_of_the_feed(client):
    member = UserFactory()
    RegistrationFactory(cohort=cohort_with_sessions(status=Cohort.Status.DRAFT), user=member)
    assert _events(client.get(f"/calendar/{member.feed_token}.ics")) == []


def test_rotating_the_token_revokes_the_old_url(client, client_for):
    member = UserFactory()
    old = member.feed_token
    api = client_for(member)
    me = api.get("/api/v1/me").json()
    assert me["calendar_feed_url"] == f"http://127.0.0.1:8000/calendar/{old}.ics"

    response = api.post("/api/v1/me/feed-token")
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.feed_token != old
    assert response.json() == {
        "feed_token": member.feed_token,
        "calendar_feed_url": f"http://127.0.0.1:8000/calendar/{member.feed_token}.ics",
    }
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{member.feed_token}.ics").status_code == 200


def test_rotating_needs_login(api_client):
    assert api_client.post("/api/v1/me/feed-token").status_code == 401


# --- reminders -------------------------------------------------------------------------------


def _cohort_with_session_in(hours: float):
    cohort = CohortFactory()
    start = timezone.now() + timedelta(hours=hours)
    session = SessionFactory(cohort=cohort, number=1, starts_at=start, ends_at=start + timedelta(hours=4))
    return cohort, session


def test_reminders_go_to_confirmed_members_and_substitutes_once(django_capture_on_commit_callbacks):
    cohort, session = _cohort_with_session_in(30)
    confirmed = RegistrationFactory(cohort=cohort)
    substitution = SessionSubstituteFactory(registration=RegistrationFactory(cohort=cohort), session=session)
    RegistrationFactory(cohort=cohort, status=Registration.Status.WAITLISTED, waitlist_position=1, confirmed_at=None)
    RegistrationFactory(cohort=cohort, status=Registration.Status.CANCELLED, confirmed_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 3
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [confirmed.user.email, substitution.registration.user.email, substitution.substitute.email]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 0
    assert len(mail.outbox) == 3
    assert SessionReminder.objects.count() == 3


def test_reminders_respect_the_window(django_capture_on_commit_callbacks):
    too_soon, _ = _cohort_with_session_in(10)
    too_late, _ = _cohort_with_session_in(60)
    RegistrationFactory(cohort=too_soon)
    RegistrationFactory(cohort=too_late)
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 0
        assert session_reminders_send(from_hours=0, to_hours=72) == 2
    assert len(mail.outbox) == 2


def test_reminder_command(django_capture_on_commit_callbacks, capsys):
    cohort, _ = _cohort_with_session_in(40)
    RegistrationFactory(cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_session_reminders")
    assert "1 reminder(s) queued" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        call_command("send_session_reminders", "--from-hours", "48", "--to-hours", "24")
