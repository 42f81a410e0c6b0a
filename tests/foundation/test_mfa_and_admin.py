"""MFA is required of staff and experts before the admin; every admin sign-in goes through allauth."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client

from tests.factories.accounts import activate_totp, recovery_codes, totp_code
from tests.factories.members import ExpertFactory, StaffFactory, UserFactory
from tests.foundation.headless import (
    CLIENT_KINDS,
    Headless,
    code_in,
    is_authenticated,
    last_mail_to,
    pending_flow,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.mark.parametrize("factory", [StaffFactory, ExpertFactory], ids=["staff", "expert"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/django-admin/"])
def test_admin_users_without_totp_are_sent_to_mfa_setup(factory, path):
    client = Client()
    client.force_login(factory())
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/?next=")
    assert path in response["Location"].replace("%2F", "/")


def test_members_are_not_asked_for_mfa_but_get_no_admin():
    client = Client()
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/2fa/" not in response["Location"]


def test_staff_with_totp_reach_the_admin():
    staff = StaffFactory()
    activate_totp(staff)
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_requirement_can_be_relaxed_for_the_demo(settings):
    settings.MFA_REQUIRED_FOR_ADMIN = False
    client = Client()
    client.force_login(StaffFactory())
    assert client.get("/admin/").status_code == 200


def test_mfa_setup_page_renders_and_activates_totp():
    staff = StaffFactory()
    client = Client()
    response = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    # allauth asks for the password again before adding a second factor.
    ask = client.get("/accounts/2fa/totp/activate/?next=/admin/")
    assert ask.status_code == 302
    assert ask["Location"].startswith("/accounts/reauthenticate/")
    assert client.post(ask["Location"], {"password": PASSWORD}).status_code == 302
    page = client.get("/accounts/2fa/totp/activate/?next=/admin/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert re.search(r"<svg|data:image", page.content.decode())  # the QR code for the app
    done = client.post("/accounts/2fa/totp/activate/?next=/admin/", {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_admin_login_pages_redirect_to_allauth():
    client = Client()
    wagtail = client.get("/admin/login/?next=/admin/pages/")
    assert wagtail.status_code == 302
    assert wagtail["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    # An offsite "next" is dropped.
    offsite = client.get("/admin/login/?next=https://evil.example/")
    assert offsite["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    # Anonymous visits to either admin end up at allauth's login.
    assert client.get("/admin/", follow=True).redirect_chain[-1][0].startswith("/accounts/login/")
    assert client.get("/django-admin/").status_code == 302
    assert client.get("/django-admin/", follow=True).redirect_chain[-1][0].startswith("/accounts/login/")


def test_wagtail_password_form_is_not_accepted():
    staff = StaffFactory()
    activate_totp(staff)
    client = Client()
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302  # still signed out


def test_html_login_asks_staff_for_the_code():
    staff = StaffFactory()
    secret = activate_totp(staff)
    client = Client()
    response = client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302  # password alone is not enough
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert client.post(response["Location"], {"code": "000000"}).status_code == 200  # form error
    done = client.post(response["Location"], {"code": totp_code(secret)})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("kind", CLIENT_KINDS)
def test_headless_login_asks_staff_for_the_code(kind):
    staff = StaffFactory()
    secret = activate_totp(staff)
    client = Headless(kind)
    response = client.post("auth/login", {"email": staff.email, "password": PASSWORD})
    assert response.status_code == 401
    assert pending_flow(response) == "mfa_authenticate"
    assert client.api("get", "/api/v1/me").status_code in (401, 403)
    assert client.post("auth/2fa/authenticate", {"code": "000000"}).status_code == 400
    response = client.post("auth/2fa/authenticate", {"code": totp_code(secret)})
    assert response.status_code == 200, response.json()
    assert is_authenticated(response)
    assert client.api("get", "/api/v1/me").json()["roles"] == ["member", "staff"]


@pytest.mark.parametrize("kind", CLIENT_KINDS)
def test_recovery_code_works_once(kind):
    expert = ExpertFactory()
    activate_totp(expert)
    code = recovery_codes(expert)[0]
    client = Headless(kind)
    client.post("auth/login", {"email": expert.email, "password": PASSWORD})
    assert client.post("auth/2fa/authenticate", {"code": code}).status_code == 200
    again = Headless(kind)
    again.post("auth/login", {"email": expert.email, "password": PASSWORD})
    assert again.post("auth/2fa/authenticate", {"code": code}).status_code == 400


@pytest.mark.parametrize(
    ("path", "danish"),
    [
        ("/accounts/login/", "Log ind"),
        ("/accounts/signup/", "Opret konto"),
        ("/accounts/password/reset/", "Nulstil"),
        ("/accounts/login/code/", "login-kode"),
    ],
)
def test_html_pages_render_in_danish(path, danish):
    response = Client().get(path)
    assert response.status_code == 200
    assert danish in response.content.decode()


def test_html_login_is_rate_limited_with_429():
    user = UserFactory()
    client = Client()
    for _ in range(5):
        assert client.post("/accounts/login/", {"login": user.email, "password": "gæt"}).status_code == 200
    assert client.post("/accounts/login/", {"login": user.email, "password": "gæt"}).status_code == 429


@pytest.mark.parametrize("kind", CLIENT_KINDS)
def test_login_by_code_still_asks_for_the_second_factor(kind):
    staff = StaffFactory()
    secret = activate_totp(staff)
    mail.outbox.clear()
    client = Headless(kind)
    client.post("auth/code/request", {"email": staff.email})
    response = client.post("auth/code/confirm", {"code": code_in(last_mail_to(staff.email))})
    assert response.status_code == 401
    assert pending_flow(response) == "mfa_authenticate"
    assert client.post("auth/2fa/authenticate", {"code": totp_code(secret)}).status_code == 200
