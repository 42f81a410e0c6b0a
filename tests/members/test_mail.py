"""Mail of the members domain: contents in Danish, .ics attached, and never sent inside a transaction."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from icalendar import Calendar

from members import notifications, tasks
from members.models import Registration
from tests.factories.cohort_extras import SessionSubstituteFactory, cohort_with_sessions
from tests.factories.members import RegistrationFactory, UserFactory

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.django_db


def _html(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_confirmation_has_sessions_and_ics_attachment():
    cohort = cohort_with_sessions(title="Beskæftigelsesfaglig masterclass")
    registration = RegistrationFactory(cohort=cohort, user=UserFactory(first_name="Mette"))

    tasks.send_registration_confirmed.call(registration.pk)

    [message] = mail.outbox
    assert message.to == [registration.user.email]
    assert message.subject == "[Masterclass] Din plads på Beskæftigelsesfaglig masterclass er bekræftet"
    assert "Kære Mette" in message.body
    assert "mandag 7. juni 2027, kl. 10:00–14:30" in message.body
    assert "bindende" in message.body
    assert f"/calendar/{registration.user.feed_token}.ics" in message.body
    assert "22.500,00 kr. inkl. moms" in message.body
    assert "<strong>Beskæftigelsesfaglig masterclass</strong>" in _html(message)

    [(filename, content, mimetype)] = message.attachments
    assert filename == f"{cohort.slug}.ics"
    assert mimetype.startswith("text/calendar")
    events = list(Calendar.from_ical(content).walk("VEVENT"))
    assert len(events) == 4
    first = events[0]
    assert first["DTSTART"].dt == datetime(2027, 6, 7, 10, 0, tzinfo=CPH)
    assert str(first["DTSTART"].dt.tzinfo) == "Europe/Copenhagen"
    assert first["DTEND"].dt == datetime(2027, 6, 7, 14, 30, tzinfo=CPH)
    assert str(first["SUMMARY"]) == "Beskæftigelsesfaglig masterclass: 1. Session 1"


def test_waitlisted_mail_gives_the_position():
    cohort = cohort_with_sessions()
    registration = RegistrationFactory(
        cohort=cohort, status=Registration.Status.WAITLISTED, waitlist_position=3, confirmed_at=None
    )
    tasks.send_waitlisted.call(registration.pk)
    [message] = mail.outbox
    assert "Du er nummer 3 på ventelisten." in message.body
    assert "nummer <strong>3</strong>" in _html(message)


def test_offer_mail_shows_deadline_in_copenhagen_time_in_danish():
    cohort = cohort_with_sessions()
    registration = RegistrationFactory(
        cohort=cohort, status=Registration.Status.OFFERED, confirmed_at=None,
        offered_at=datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("UTC")),
        # 23:30 UTC on 2 March is 00:30 on 3 March in Copenhagen (CET, +1).
        offer_expires_at=datetime(2027, 3, 2, 23, 30, tzinfo=ZoneInfo("UTC")),
    )
    tasks.send_seat_offered.call(registration.pk)
    [message] = mail.outbox
    assert "Svar senest onsdag 3. marts 2027 kl. 00:30 (dansk tid)." in message.body
    assert "onsdag 3. marts 2027 kl. 00:30" in _html(message)


def test_stale_offer_sends_nothing():
    """A worker that runs after the offer was accepted must not send the offer."""
    registration = RegistrationFactory(status=Registration.Status.CONFIRMED)
    tasks.send_seat_offered.call(registration.pk)
    tasks.send_seat_offered.call(999_999)
    assert mail.outbox == []


def test_cancellation_mail_with_reason():
    registration = RegistrationFactory(
        status=Registration.Status.CANCELLED, confirmed_at=None, end_reason="Dobbeltbooking"
    )
    tasks.send_registration_cancelled.call(registration.pk)
    [message] = mail.outbox
    assert "er annulleret af arrangøren" in message.body
    assert "Begrundelse: Dobbeltbooking" in message.body


def test_expired_offer_mail_says_so():
    registration = RegistrationFactory(status=Registration.Status.EXPIRED, confirmed_at=None)
    tasks.send_registration_cancelled.call(registration.pk)
    assert "Fristen for at sige ja" in mail.outbox[0].body


def test_substitute_mail_goes_to_substitute_with_holder_in_copy():
    cohort = cohort_with_sessions()
    holder = UserFactory(first_name="Lars", last_name="Nielsen")
    registration = RegistrationFactory(cohort=cohort, user=holder)
    session = cohort.sessions.get(number=2)
    substitution = SessionSubstituteFactory(registration=registration, session=session)

    tasks.send_substitute_named.call(substitution.pk)

    [message] = mail.outbox
    assert message.to == [substitution.substitute.email]
    assert message.cc == [holder.email]
    assert "Lars Nielsen har meldt dig som stedfortræder" in message.body
    assert "2. Session 2" in message.body
    assert "mandag 30. august 2027, kl. 10:00–14:30" in message.body
    [(_, content, _)] = message.attachments
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert "stedfortræder" in str(event["SUMMARY"])


def test_notification_sends_only_after_commit(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(cohort=cohort_with_sessions())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notifications.registration_confirmed(registration.pk)
        assert mail.outbox == []  # still inside the transaction
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_transaction_rolls_back():
    registration = RegistrationFactory(cohort=cohort_with_sessions())

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        notifications.registration_confirmed(registration.pk)
        notifications.registration_waitlisted(registration.pk)
        raise Rollback
    assert mail.outbox == []

    with transaction.atomic():
        notifications.registration_confirmed(registration.pk)
        assert mail.outbox == []
    assert len(mail.outbox) == 1


def test_reminder_mail_mentions_own_substitute():
    cohort = cohort_with_sessions()
    registration = RegistrationFactory(cohort=cohort)
    session = cohort.sessions.get(number=1)
    substitution = SessionSubstituteFactory(registration=registration, session=session)

    tasks.send_session_reminder.call(session.pk, registration.user.pk)
    tasks.send_session_reminder.call(session.pk, substitution.substitute.pk)

    holder_mail, substitute_mail = mail.outbox
    assert holder_mail.subject.startswith("[Masterclass] Påmindelse: ")
    assert "som stedfortræder til denne session" in holder_mail.body
    assert "du deltager i som stedfortræder" in substitute_mail.body
    assert "mandag 7. juni 2027, kl. 10:00–14:30" in substitute_mail.body


def test_offer_deadline_uses_summer_time():
    registration = RegistrationFactory(
        status=Registration.Status.OFFERED, confirmed_at=None,
        offered_at=datetime(2027, 6, 1, 8, 0, tzinfo=ZoneInfo("UTC")),
        offer_expires_at=datetime(2027, 6, 1, 8, 0, tzinfo=ZoneInfo("UTC")) + timedelta(hours=48),
    )
    tasks.send_seat_offered.call(registration.pk)
    assert "torsdag 3. juni 2027 kl. 10:00" in mail.outbox[0].body
