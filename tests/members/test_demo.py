"""The demo cohorts: real seed facts, seats and waiting list through the services, and idempotent."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from members.demo import accounts, cohorts
from members.models import Cohort, Organization, Registration, Session, SessionSubstitute, User

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.django_db
Status = Registration.Status


def _snapshot():
    return {
        "users": User.objects.count(),
        "organizations": Organization.objects.count(),
        "cohorts": sorted(Cohort.objects.values_list("slug", "capacity", "status", "updated_at")),
        "sessions": sorted(Session.objects.values_list("cohort__slug", "number", "starts_at", "ends_at")),
        "registrations": sorted(
            Registration.objects.values_list(
                "cohort__slug", "user__email", "status", "waitlist_position", "created_at", "offer_expires_at"
            )
        ),
        "substitutes": sorted(SessionSubstitute.objects.values_list("session_id", "registration_id", "substitute_id")),
    }


def _load():
    accounts.load()
    cohorts.load()


def test_demo_cohorts_match_the_seeds():
    _load()
    vaeksthuset = Cohort.objects.get(slug=cohorts.VAEKSTHUSET_SLUG)
    assert vaeksthuset.title == "Beskæftigelsesfaglig masterclass"
    assert vaeksthuset.capacity == 15
    assert vaeksthuset.price_net == 18000 and vaeksthuset.price_gross == 22500
    assert vaeksthuset.allowed_role_levels == ["director", "manager", "team_lead"]
    sessions = list(vaeksthuset.sessions.order_by("number"))
    assert [(s.starts_at.astimezone(CPH), s.ends_at.astimezone(CPH)) for s in sessions] == [
        (datetime(2027, m, d, 10, 0, tzinfo=CPH), datetime(2027, m, d, 14, 30, tzinfo=CPH))
        for m, d in [(6, 7), (8, 30), (10, 4), (11, 22)]
    ]
    assert [list(s.experts.values_list("last_name", flat=True)) for s in sessions] == [
        ["Caswell"], ["Liebak Hansen"], ["Larsen"], ["Tøfting Kongsgaard"],
    ]
    assert vaeksthuset.experts.count() == 4

    rv_lab = Cohort.objects.get(slug=cohorts.RV_LAB_SLUG)
    assert rv_lab.capacity == 20
    assert rv_lab.venue == "RV Lab, Vestergade 43, 8000 Aarhus C"
    days = list(rv_lab.sessions.order_by("number"))
    assert [(s.starts_at.astimezone(CPH).strftime("%d/%m %H:%M"), s.ends_at.astimezone(CPH).strftime("%H:%M"))
            for s in days] == [("12/08 09:30", "17:00"), ("13/08 09:00", "15:00")]
    assert sorted(rv_lab.experts.values_list("last_name", flat=True)) == ["Højberg", "Ness", "Storch"]


def test_demo_seats_waiting_list_offer_and_substitute():
    _load()
    vaeksthuset = Cohort.objects.get(slug=cohorts.VAEKSTHUSET_SLUG)
    statuses = Counter(vaeksthuset.registrations.values_list("status", flat=True))
    assert statuses == {Status.CONFIRMED: 14, Status.OFFERED: 1, Status.WAITLISTED: 3, Status.CANCELLED: 1}
    waiting = list(
        vaeksthuset.registrations.filter(status=Status.WAITLISTED).order_by("waitlist_position")
        .values_list("waitlist_position", "user__first_name")
    )
    assert waiting == [(1, "Morten"), (2, "Pia"), (3, "Søren")]
    offered = vaeksthuset.registrations.get(status=Status.OFFERED)
    assert offered.user.first_name == "Birgitte" and offered.offer_expires_at is not None
    # Only managers hold seats in the managers-only cohort.
    assert not vaeksthuset.registrations.exclude(user__role_level__in=vaeksthuset.allowed_role_levels).exists()
    substitute = SessionSubstitute.objects.get(session__cohort=vaeksthuset)
    assert (substitute.session.number, substitute.registration.user.first_name, substitute.substitute.first_name) == (
        2, "Lars", "Jonas"
    )
    rv_lab = Cohort.objects.get(slug=cohorts.RV_LAB_SLUG)
    assert rv_lab.registrations.filter(status=Status.CONFIRMED).count() == 5


def test_demo_is_idempotent():
    _load()
    first = _snapshot()
    _load()
    assert _snapshot() == first


def test_load_demo_command_twice(capsys):
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")
    assert _snapshot() == first
    assert "members.demo.cohorts loaded" in capsys.readouterr().out
