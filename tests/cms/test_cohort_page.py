"""The cohort page: live seats from the seat domain, the member's own status, and the call to action."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from members.models import Registration
from tests.factories.members import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _seats_left(html: str) -> int:
    return int(re.search(r'data-testid="seats-left">(\d+)<', html).group(1))


def test_seats_left_counts_confirmed_offered_and_pending(world, client):
    url = world.library.get_parent().url
    # The world holds one confirmed seat and one waitlisted person (who holds none).
    assert _seats_left(client.get(url).content.decode()) == world.cohort.capacity - 1
    RegistrationFactory(cohort=world.cohort, status=Registration.Status.PENDING, confirmed_at=None)
    RegistrationFactory(cohort=world.cohort, status=Registration.Status.OFFERED, confirmed_at=None,
                        offered_at=timezone.now(), offer_expires_at=timezone.now() + timedelta(hours=48))
    RegistrationFactory(cohort=world.cohort, status=Registration.Status.CANCELLED, confirmed_at=None)
    assert _seats_left(client.get(url).content.decode()) == world.cohort.capacity - 3


def test_members_see_their_own_status(world, client_as):
    url = world.library.get_parent().url
    html = client_as(world.people["member"]).get(url).content.decode()
    assert "Du har en bekræftet plads." in html and 'data-testid="register"' not in html
    html = client_as(world.people["waitlisted"]).get(url).content.decode()
    assert "Du er nummer 1 på ventelisten." in html
    offered = UserFactory()
    RegistrationFactory(cohort=world.cohort, user=offered, status=Registration.Status.OFFERED, confirmed_at=None,
                        offered_at=timezone.now(), offer_expires_at=timezone.now() + timedelta(hours=48))
    html = client_as(offered).get(url).content.decode()
    assert "Du er tilbudt en plads. Tag imod den inden" in html
    assert f'data-url="/api/v1/cohorts/{world.cohort.slug}/registration/accept-offer"' in html


def test_anonymous_is_asked_to_sign_in(world, client):
    html = client.get(world.library.get_parent().url).content.decode()
    assert "Log ind for at tilmelde dig" in html and 'data-testid="register"' not in html


def test_call_to_action_registers_through_the_seat_api_with_csrf(world):
    """What registration.js does: POST to the seat API with the CSRF token from the cookie."""
    newcomer = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(newcomer)
    page = client.get(world.library.get_parent().url)
    html = page.content.decode()
    api_url = re.search(r'<form class="register" data-url="([^"]+)"', html).group(1)
    assert api_url == f"/api/v1/cohorts/{world.cohort.slug}/registration"
    assert client.post(api_url, "{}", content_type="application/json").status_code == 403  # no token
    token = client.cookies["csrftoken"].value
    response = client.post(api_url, "{}", content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code in (200, 201), response.content
    status = response.json()["status"]
    assert Registration.objects.get(cohort=world.cohort, user=newcomer).status == status
    html = client.get(world.library.get_parent().url).content.decode()
    held = Registration.objects.filter(cohort=world.cohort, status__in=Registration.SEAT_HOLDING).count()
    assert _seats_left(html) == world.cohort.capacity - held  # live from the seat domain
    if status == Registration.Status.OFFERED:  # binding registration: the member accepts the offered seat
        accept = re.search(r'<form class="register" data-url="([^"]+)"', html).group(1)
        token = client.cookies["csrftoken"].value
        assert client.post(accept, "{}", content_type="application/json", HTTP_X_CSRFTOKEN=token).status_code == 200
        html = client.get(world.library.get_parent().url).content.decode()
    assert "Du har en bekræftet plads." in html
