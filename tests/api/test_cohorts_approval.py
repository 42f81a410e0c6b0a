"""The approval endpoints: POST /api/v1/registrations/{id}/approve and /reject (staff), and pending over HTTP."""

from __future__ import annotations

import pytest

from members.models import Registration
from members.services.registrations import registration_create
from tests.factories.members import CohortFactory, StaffFactory, UserFactory
from tests.members import seat_fixtures

notified = seat_fixtures.notified
pytestmark = pytest.mark.django_db
S = Registration.Status


def _snapshot(cohort):
    return list(Registration.objects.filter(cohort=cohort).order_by("pk").values())


@pytest.fixture
def setup(notified):
    """Capacity 1 with approval: one pending seat, one waiting; returns (cohort, pending, waiting)."""
    cohort = CohortFactory(capacity=1, requires_approval=True)
    holder, waiter = UserFactory.create_batch(2)
    pending = registration_create(cohort=cohort, user=holder)[0]
    waiting = registration_create(cohort=cohort, user=waiter)[0]
    return cohort, pending, waiting


def test_register_over_http_is_pending_and_the_member_sees_it(client_for):
    cohort = CohortFactory(capacity=1, requires_approval=True)
    member = UserFactory()
    response = client_for(member).post(f"/api/v1/cohorts/{cohort.slug}/registration")
    assert response.status_code == 201
    assert response.json()["status"] == "pending" and response.json()["confirmed_at"] is None
    assert client_for(member).get(f"/api/v1/cohorts/{cohort.slug}/registration").json()["status"] == "pending"
    left = client_for(member).delete(f"/api/v1/cohorts/{cohort.slug}/registration")
    assert left.status_code == 200 and left.json()["status"] == "withdrawn"


def test_staff_approve(client_for, setup, django_assert_max_num_queries):
    cohort, pending, waiting = setup
    staff = client_for(StaffFactory())
    with django_assert_max_num_queries(10):
        response = staff.post(f"/api/v1/registrations/{pending.pk}/approve")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == pending.pk and body["status"] == "confirmed" and body["confirmed_at"]
    again = staff.post(f"/api/v1/registrations/{pending.pk}/approve")
    assert again.status_code == 409 and again.json()["code"] == "not_pending"
    assert staff.post(f"/api/v1/registrations/{waiting.pk}/approve").status_code == 409


def test_staff_reject_passes_the_seat_on(client_for, setup, notified):
    cohort, pending, waiting = setup
    staff = client_for(StaffFactory())
    response = staff.post(f"/api/v1/registrations/{pending.pk}/reject", {"reason": "Kun ledere"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "rejected" and response.json()["ended_at"]
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert pending.end_reason == "Kun ledere"
    assert waiting.status == S.OFFERED
    assert notified["seat_offered"] == [waiting.pk]
    again = staff.post(f"/api/v1/registrations/{pending.pk}/reject", {"reason": "igen"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "not_pending"


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_permissions_and_unknown_ids(client_for, api_client, setup, action):
    cohort, pending, waiting = setup
    path = f"/api/v1/registrations/{pending.pk}/{action}"
    body = {"reason": "nej"}
    before = _snapshot(cohort)
    assert api_client.post(path, body, format="json").status_code == 401
    # Like the staff cancel endpoint: a signed-in non-staff user is told it is for staff (403).
    assert client_for(pending.user).post(path, body, format="json").status_code == 403
    assert client_for(UserFactory()).post(path, body, format="json").status_code == 403
    staff = client_for(StaffFactory())
    assert staff.post(f"/api/v1/registrations/999999999/{action}", body, format="json").status_code == 404
    assert staff.post(f"/api/v1/registrations/{10**30}/{action}", body, format="json").status_code == 404
    # No route matches a non-numeric id: CommonMiddleware's APPEND_SLASH redirects, and that target is 404 too.
    assert staff.post(f"/api/v1/registrations/abc/{action}", body, format="json").status_code in (301, 404)
    assert staff.post(f"/api/v1/registrations/abc/{action}/", body, format="json").status_code == 404
    assert staff.get(path).status_code == 405
    assert _snapshot(cohort) == before


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"reason": ""},
        {"reason": "   "},
        {"reason": None},
        {"reason": ["x"]},
        {"reason": {"a": 1}},
        {"reason": "x" * 501},
        "{broken",
    ],
)
def test_reject_bad_input_is_400_and_writes_nothing(client_for, setup, payload):
    cohort, pending, _waiting = setup
    staff = client_for(StaffFactory())
    before = _snapshot(cohort)
    path = f"/api/v1/registrations/{pending.pk}/reject"
    if isinstance(payload, str):
        response = staff.post(path, payload, content_type="application/json")
    else:
        response = staff.post(path, payload, format="json")
    assert response.status_code == 400
    assert _snapshot(cohort) == before


def test_accept_offer_over_http_gives_pending(client_for, setup):
    cohort, pending, waiting = setup
    staff = client_for(StaffFactory())
    staff.post(f"/api/v1/registrations/{pending.pk}/reject", {"reason": "nej"}, format="json")
    accepted = client_for(waiting.user).post(f"/api/v1/cohorts/{cohort.slug}/registration/accept-offer")
    assert accepted.status_code == 200 and accepted.json()["status"] == "pending"
    approved = staff.post(f"/api/v1/registrations/{waiting.pk}/approve")
    assert approved.json()["status"] == "confirmed"


def test_openapi_schema_lists_the_endpoints(client_for):
    schema = client_for(StaffFactory()).get("/api/schema/?format=json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/registrations/{id}/approve" in text
    assert "/api/v1/registrations/{id}/reject" in text
    assert "registrations_reject" in text
