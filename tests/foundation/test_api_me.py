"""GET /api/v1/me through both real credentials: the browser session (with CSRF) and the app token."""

from __future__ import annotations

import pytest

from tests.factories.members import ExpertFactory, StaffFactory, UserFactory
from tests.foundation.headless import Headless

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def signed_in(kind: str, user) -> Headless:
    client = Headless(kind)
    assert client.post("auth/login", {"email": user.email, "password": PASSWORD}).status_code == 200
    return client


def test_anonymous_is_401_with_a_challenge(api_client):
    response = api_client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("X-Session-Token")


@pytest.mark.parametrize("kind", ["browser", "app"])
def test_me_returns_profile_and_roles(kind, django_assert_max_num_queries):
    user = UserFactory(first_name="Mette", last_name="Andersen", job_title="Jobcenterchef")
    client = signed_in(kind, user)
    # Session (the app token looks it up twice: exists, then load), user, organization.
    with django_assert_max_num_queries(4 if kind == "app" else 3):
        response = client.api("get", "/api/v1/me")
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == user.email
    assert body["name"] == "Mette Andersen"
    assert body["job_title"] == "Jobcenterchef"
    assert body["organization"] == {
        "id": user.organization.id, "name": user.organization.name, "slug": user.organization.slug,
    }
    assert body["roles"] == ["member"]


@pytest.mark.parametrize(
    ("factory", "roles"),
    [(ExpertFactory, ["member", "expert"]), (StaffFactory, ["member", "staff"])],
)
def test_roles(client_for, factory, roles):
    assert client_for(factory()).get("/api/v1/me").json()["roles"] == roles


def test_user_without_organization(client_for):
    assert client_for(UserFactory(organization=None)).get("/api/v1/me").json()["organization"] is None


def test_app_token_is_the_only_credential_needed():
    client = signed_in("app", UserFactory())
    client.client.cookies.clear()  # an app has no cookies
    assert client.api("get", "/api/v1/me").status_code == 200


def test_bad_app_token_is_401(api_client):
    response = api_client.get("/api/v1/me", headers={"X-Session-Token": "not-a-token"})
    assert response.status_code == 401


def test_browser_session_enforces_csrf_on_unsafe_methods():
    client = signed_in("browser", UserFactory())
    # Without the token DRF refuses before it looks at the method...
    no_token = client.client.post("/api/v1/me", data="{}", content_type="application/json")
    assert no_token.status_code == 403
    assert "CSRF" in no_token.json()["detail"]
    # ...with it, the request gets as far as the (unsupported) method.
    with_token = client.api("post", "/api/v1/me", {})
    assert with_token.status_code == 405


def test_app_token_needs_no_csrf():
    client = signed_in("app", UserFactory())
    assert client.api("post", "/api/v1/me", {}).status_code == 405


def test_logged_out_session_is_refused():
    client = signed_in("app", UserFactory())
    client.client.delete(client.url("auth/session"), headers=client.headers())
    assert client.api("get", "/api/v1/me").status_code == 401
