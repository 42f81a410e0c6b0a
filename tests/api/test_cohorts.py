"""GET/POST/PATCH /api/v1/cohorts/: listing with seats and bounded queries; staff create and change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Cohort, Registration, RoleLevel, Session
from members.services.registrations import registration_create
from tests.factories.members import CohortFactory, ExpertFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/cohorts/"


def make_cohorts(n, sessions=3, registrations=2):
    for _ in range(n):
        cohort = CohortFactory(capacity=2)
        cohort.experts.add(ExpertFactory())
        for number in range(1, sessions + 1):
            SessionFactory(cohort=cohort, number=number).experts.add(ExpertFactory())
        for _ in range(registrations):
            registration_create(cohort=cohort, user=UserFactory())


def test_anonymous_list_shows_published_cohorts_with_seats_and_price(api_client):
    make_cohorts(1, registrations=3)
    CohortFactory(status=Cohort.Status.DRAFT)
    body = api_client.get(LIST).json()
    assert len(body) == 1
    cohort = body[0]
    assert cohort["seats_total"] == 2 and cohort["seats_taken"] == 2 and cohort["seats_left"] == 0
    assert cohort["waitlist_length"] == 1
    assert cohort["price"] == {
        "currency": "DKK",
        "net": "18000.00",
        "vat_rate": "0.250",
        "vat": "4500.00",
        "gross": "22500.00",
    }
    assert cohort["registration_open"] is True
    assert [s["number"] for s in cohort["sessions"]] == [1, 2, 3]
    assert "online_url" not in cohort["sessions"][0]
    assert "email" not in cohort["experts"][0]


@pytest.mark.parametrize("n", [1, 6])
def test_list_queries_do_not_grow_with_cohorts(api_client, django_assert_max_num_queries, n):
    make_cohorts(n)
    with django_assert_max_num_queries(4):
        assert len(api_client.get(LIST).json()) == n


def test_detail_query_count_and_online_links_for_participants(client_for, django_assert_max_num_queries):
    make_cohorts(1)
    cohort = Cohort.objects.get()
    Session.objects.filter(cohort=cohort).update(online_url="https://meet.example/x")
    participant = Registration.objects.filter(cohort=cohort).first().user
    with django_assert_max_num_queries(8):  # auth (force_authenticate: none) + cohort + 3 prefetches + access
        body = client_for(participant).get(f"{LIST}{cohort.slug}/").json()
    assert body["sessions"][0]["online_url"] == "https://meet.example/x"
    stranger = client_for(UserFactory()).get(f"{LIST}{cohort.slug}/").json()
    assert "online_url" not in stranger["sessions"][0]


def test_draft_is_404_for_members_and_visible_to_staff(api_client, client_for, member, staff):
    draft = CohortFactory(status=Cohort.Status.DRAFT)
    assert api_client.get(f"{LIST}{draft.slug}/").status_code == 404
    assert client_for(member).get(f"{LIST}{draft.slug}/").status_code == 404
    assert client_for(staff).get(f"{LIST}{draft.slug}/").status_code == 200
    assert api_client.get(f"{LIST}no-such-cohort/").status_code == 404


def payload(**overrides):
    now = timezone.now()
    data = {
        "title": "Beskæftigelsesfaglig masterclass",
        "capacity": 15,
        "registration_opens_at": (now - timedelta(days=1)).isoformat(),
        "registration_closes_at": (now + timedelta(days=20)).isoformat(),
        "status": "published",
        "price_net": "18000.00",
        "vat_rate": "0.250",
        "allowed_role_levels": ["director", "manager"],
        "experts": [],
        "sessions": [
            {
                "number": 1,
                "title": "Viden i praksis",
                "starts_at": (now + timedelta(days=30)).isoformat(),
                "ends_at": (now + timedelta(days=30, hours=4)).isoformat(),
            }
        ],
    }
    data.update(overrides)
    return data


def test_staff_create_with_sessions_and_experts_by_email(client_for, staff):
    expert = ExpertFactory(email="dorte@aau.example")
    data = payload(experts=["DORTE@aau.example"])
    data["sessions"][0]["experts"] = [expert.email]
    response = client_for(staff).post(LIST, data, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "beskaeftigelsesfaglig-masterclass"
    assert body["experts"][0]["email"] == expert.email
    cohort = Cohort.objects.get(slug=body["slug"])
    assert list(cohort.sessions.get().experts.all()) == [expert]
    assert client_for(staff).post(LIST, data, format="json").status_code == 409  # slug taken


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": 10**12}, "capacity"),
        ({"capacity": "many"}, "capacity"),
        ({"price_net": "-1"}, "price_net"),
        ({"price_net": "1e40"}, "price_net"),
        ({"vat_rate": "2"}, "vat_rate"),
        ({"status": "open"}, "status"),
        ({"allowed_role_levels": ["king"]}, "allowed_role_levels"),
        ({"registration_closes_at": "2000-01-01T00:00:00Z"}, "registration_closes_at"),
        ({"registration_opens_at": "not a date"}, "registration_opens_at"),
        ({"experts": ["nobody@example.dk"]}, "detail"),
        ({"experts": "x"}, "experts"),
        (
            {
                "sessions": [
                    {"number": 1, "title": "x", "starts_at": "2030-01-01T10:00Z", "ends_at": "2030-01-01T09:00Z"}
                ]
            },
            "sessions",
        ),
        ({"sessions": {"number": 1}}, "sessions"),
        ({"title": ""}, "title"),
        ({"slug": "ikke en slug"}, "slug"),
    ],
)
def test_staff_create_bad_input_is_400_and_writes_nothing(client_for, staff, overrides, field):
    response = client_for(staff).post(LIST, payload(**overrides), format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert not Cohort.objects.exists()


def test_malformed_json_is_400(client_for, staff):
    response = client_for(staff).post(LIST, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_members_cannot_create_or_change(api_client, client_for, member):
    cohort = CohortFactory()
    assert api_client.post(LIST, payload(), format="json").status_code == 401
    assert client_for(member).post(LIST, payload(), format="json").status_code == 403
    assert client_for(member).patch(f"{LIST}{cohort.slug}/", {"capacity": 99}, format="json").status_code == 403
    assert Cohort.objects.get().capacity == 15


def test_staff_patch_fields_sessions_and_capacity_rule(client_for, staff):
    cohort = CohortFactory(capacity=2)
    SessionFactory(cohort=cohort, number=1)
    SessionFactory(cohort=cohort, number=2)
    for _ in range(3):
        registration_create(cohort=cohort, user=UserFactory())
    url = f"{LIST}{cohort.slug}/"
    client = client_for(staff)
    assert client.patch(url, {"capacity": 1}, format="json").status_code == 409
    now = timezone.now()
    session = {
        "number": 2,
        "title": "Ny titel",
        "starts_at": now.isoformat(),
        "ends_at": (now + timedelta(hours=2)).isoformat(),
    }
    response = client.patch(url, {"capacity": 3, "offer_hours": 24, "sessions": [session]}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["seats_total"] == 3 and body["seats_left"] == 0 and body["offer_hours"] == 24
    assert [s["title"] for s in body["sessions"]] == ["Ny titel"]
    # The new seat was offered to the head of the waiting list.
    assert Registration.objects.filter(cohort=cohort, status="offered").count() == 1
    assert client.patch(url, {"registration_closes_at": "2000-01-01T00:00:00Z"}, format="json").status_code == 400
    assert client.patch(url, {"capacity": -5}, format="json").status_code == 400
    assert client.patch(f"{LIST}missing/", {"capacity": 5}, format="json").status_code == 404


def test_role_level_choices_exposed(api_client):
    CohortFactory(allowed_role_levels=[RoleLevel.MANAGER])
    assert api_client.get(LIST).json()[0]["allowed_role_levels"] == ["manager"]
