"""The registration endpoints: register, read, leave, accept an offer, substitutes, staff list and cancel."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from api.cohorts.permissions import RegistrationWriteThrottle
from members.models import Cohort, Registration, RoleLevel, SessionSubstitute
from members.services.registrations import registration_create
from tests.factories.members import CohortFactory, SessionFactory, StaffFactory, UserFactory
from tests.members import seat_fixtures

notified = seat_fixtures.notified
pytestmark = pytest.mark.django_db
S = Registration.Status


def url(cohort, suffix="registration"):
    return f"/api/v1/cohorts/{cohort.slug}/{suffix}"


def test_register_confirmed_then_same_again_then_waitlisted(client_for, django_assert_max_num_queries):
    cohort = CohortFactory(capacity=1)
    first, second = UserFactory.create_batch(2)
    # Throttle counter in the database cache (4 + 2 savepoints), cohort, own row, verified email,
    # then the transaction: lock, own row again, counts, insert (+ 2 savepoints in a test).
    with django_assert_max_num_queries(15):
        response = client_for(first).post(url(cohort))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "confirmed" and body["waitlist_position"] is None and body["cohort"] == cohort.slug
    again = client_for(first).post(url(cohort))
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    waiting = client_for(second).post(url(cohort))
    assert waiting.status_code == 201
    assert waiting.json()["status"] == "waitlisted" and waiting.json()["waitlist_position"] == 1
    assert Registration.objects.count() == 2


def test_anonymous_is_401(api_client):
    cohort = CohortFactory()
    assert api_client.post(url(cohort)).status_code == 401
    assert api_client.get(url(cohort)).status_code == 401
    assert api_client.delete(url(cohort)).status_code == 401


def _cohort_for(case):
    now = timezone.now()
    return {
        "draft": lambda: CohortFactory(status=Cohort.Status.DRAFT),
        "not_open": lambda: CohortFactory(
            registration_opens_at=now + timedelta(days=1), registration_closes_at=now + timedelta(days=5)
        ),
        "closed_window": lambda: CohortFactory(
            registration_opens_at=now - timedelta(days=5), registration_closes_at=now - timedelta(days=1)
        ),
        "closed_status": lambda: CohortFactory(status=Cohort.Status.CLOSED),
        "ineligible": lambda: CohortFactory(allowed_role_levels=[RoleLevel.DIRECTOR]),
        "unverified": lambda: CohortFactory(),
    }[case]()


@pytest.mark.parametrize(
    ("case", "status", "code", "words"),
    [
        ("draft", 404, "not_found", ""),
        ("not_open", 409, "registration_not_open", "opens"),
        ("closed_window", 409, "registration_closed", "closed"),
        ("closed_status", 409, "registration_closed", "closed"),
        ("ineligible", 403, "not_eligible", "role levels"),
        ("unverified", 403, "email_unverified", "verify"),
    ],
)
def test_refusals_say_why_and_write_nothing(client_for, case, status, code, words):
    cohort = _cohort_for(case)
    user = UserFactory(verified=case != "unverified")
    response = client_for(user).post(url(cohort), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert response.json()["code"] == code
    assert words in response.json()["detail"]
    assert not Registration.objects.exists()


def test_get_own_registration(client_for, member):
    cohort = CohortFactory()
    assert client_for(member).get(url(cohort)).status_code == 404
    registration_create(cohort=cohort, user=member)
    assert client_for(member).get(url(cohort)).json()["status"] == "confirmed"


def test_delete_confirmed_is_409_binding_and_waitlisted_leaves(client_for):
    cohort = CohortFactory(capacity=1)
    holder, a, b = UserFactory.create_batch(3)
    for person in (holder, a, b):
        registration_create(cohort=cohort, user=person)
    refused = client_for(holder).delete(url(cohort), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 409 and refused.json()["code"] == "binding"
    assert "binding" in refused.json()["detail"]
    left = client_for(a).delete(url(cohort))
    assert left.status_code == 200 and left.json()["status"] == "withdrawn"
    assert Registration.objects.get(user=b).waitlist_position == 1
    assert client_for(a).delete(url(cohort)).status_code == 409
    assert client_for(UserFactory()).delete(url(cohort)).status_code == 404


def test_offer_accept_flow_through_the_api(client_for, notified):
    cohort = CohortFactory(capacity=1)
    holder, waiter = UserFactory.create_batch(2)
    registration_create(cohort=cohort, user=holder)
    registration_create(cohort=cohort, user=waiter)
    assert client_for(waiter).post(url(cohort, "registration/accept-offer")).status_code == 409
    staff = client_for(StaffFactory())
    held = Registration.objects.get(user=holder)
    cancelled = staff.post(f"/api/v1/registrations/{held.pk}/cancel", {"reason": "Sygdom"}, format="json")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    mine = client_for(waiter).get(url(cohort)).json()
    assert mine["status"] == "offered" and mine["offer_expires_at"]
    accepted = client_for(waiter).post(url(cohort, "registration/accept-offer"))
    assert accepted.status_code == 200 and accepted.json()["status"] == "confirmed"
    assert staff.post(f"/api/v1/registrations/{held.pk}/cancel").status_code == 409


def test_staff_cancel_permissions_and_bad_ids(client_for, member, api_client):
    registration = registration_create(cohort=CohortFactory(), user=member)[0]
    path = f"/api/v1/registrations/{registration.pk}/cancel"
    assert api_client.post(path).status_code == 401
    assert client_for(member).post(path).status_code == 403
    staff = client_for(StaffFactory())
    assert staff.post("/api/v1/registrations/999999999/cancel").status_code == 404
    assert staff.post(f"/api/v1/registrations/{10**30}/cancel").status_code == 404
    assert staff.post(path, {"reason": ["x"]}, format="json").status_code == 400
    assert staff.post(path, {"reason": "x" * 501}, format="json").status_code == 400
    assert staff.post(path, "{broken", content_type="application/json").status_code == 400
    assert Registration.objects.get().status == S.CONFIRMED


def test_staff_registrations_list_json_and_csv(client_for, member, django_assert_max_num_queries):
    cohort = CohortFactory(capacity=1)
    people = UserFactory.create_batch(4)
    for person in people:
        registration_create(cohort=cohort, user=person)
    staff = client_for(StaffFactory())
    with django_assert_max_num_queries(3):
        rows = staff.get(url(cohort, "registrations/")).json()
    assert [r["status"] for r in rows] == ["confirmed", "waitlisted", "waitlisted", "waitlisted"]
    assert [r["waitlist_position"] for r in rows] == [None, 1, 2, 3]
    assert rows[0]["organization"] == people[0].organization.name
    csv_response = staff.get(url(cohort, "registrations/") + "?format=csv")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id,name,email,organization")
    assert people[3].email in text
    by_accept = staff.get(url(cohort, "registrations/"), HTTP_ACCEPT="text/csv")
    assert by_accept["Content-Type"].startswith("text/csv")
    assert client_for(member).get(url(cohort, "registrations/")).status_code == 403
    assert staff.get("/api/v1/cohorts/nope/registrations/").status_code == 404


def test_csv_cells_cannot_run_formulas(client_for):
    cohort = CohortFactory()
    registration_create(cohort=cohort, user=UserFactory(first_name="=HYPERLINK(1)"))
    text = client_for(StaffFactory()).get(url(cohort, "registrations/") + "?format=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_substitute_endpoint(client_for, notified):
    cohort = CohortFactory()
    now = timezone.now()
    SessionFactory(cohort=cohort, number=1, starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=2, hours=3))
    holder = UserFactory()
    colleague = UserFactory(organization=holder.organization)
    path = url(cohort, "sessions/1/substitute")
    assert client_for(holder).post(path, {"email": colleague.email}, format="json").status_code == 409  # no seat
    registration_create(cohort=cohort, user=holder)
    client = client_for(holder)
    for bad in ({}, {"email": "not-an-email"}, {"email": ["a@b.dk"]}, {"email": "a" * 300 + "@x.dk"}):
        assert client.post(path, bad, format="json").status_code == 400
    assert client.post(path, "{nope", content_type="application/json").status_code == 400
    assert (
        client.post(url(cohort, "sessions/9/substitute"), {"email": colleague.email}, format="json").status_code == 404
    )
    huge = url(cohort, f"sessions/{10**20}/substitute")
    assert client.post(huge, {"email": colleague.email}, format="json").status_code == 404
    assert not SessionSubstitute.objects.exists()
    created = client.post(path, {"email": colleague.email}, format="json")
    assert created.status_code == 201 and created.json()["email"] == colleague.email
    assert client.post(path, {"email": colleague.email}, format="json").status_code == 200
    stranger = UserFactory()
    other_org = client.post(path, {"email": stranger.email}, format="json")
    assert other_org.status_code == 403 and other_org.json()["code"] == "substitute_other_org"


def test_registration_writes_are_throttled(client_for, monkeypatch):
    monkeypatch.setattr(RegistrationWriteThrottle, "THROTTLE_RATES", {"registration": "2/min"})
    cohort = CohortFactory()
    client = client_for(UserFactory())
    assert client.post(url(cohort)).status_code == 201
    assert client.post(url(cohort)).status_code == 200
    assert client.post(url(cohort)).status_code == 429
    assert client.get(url(cohort)).status_code == 200  # reading is not throttled
