"""`manage.py load_demo` (run by `make run`): idempotent, and the printed staff user can sign in."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from members.demo.accounts import DEMO_PASSWORD, STAFF_EMAIL
from members.models import Organization, User

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    # Task results and the search index are bookkeeping of the load itself, not demo data.
    skip = {"django_tasks_db", "wagtailsearch", "sessions", "admin"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip and not model._meta.proxy
    }


def test_second_run_changes_nothing_and_has_the_demo_people():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert STAFF_EMAIL in out.getvalue() and DEMO_PASSWORD in out.getvalue()
    first = row_counts()
    call_command("load_demo", stdout=StringIO())
    assert row_counts() == first

    assert Organization.objects.filter(slug__in=["vaeksthuset", "rv-lab"]).count() == 2
    assert User.objects.get(email=STAFF_EMAIL).is_staff
    assert User.objects.filter(is_expert=True).count() >= 2
    assert User.objects.filter(is_expert=False, is_staff=False).count() >= 5
    assert all(user.emailaddress_set.filter(verified=True, primary=True).exists() for user in User.objects.all())


def test_printed_staff_user_signs_in_to_the_admin(settings):
    call_command("load_demo", stdout=StringIO())
    client = Client()
    response = client.post("/accounts/login/?next=/admin/", {"login": STAFF_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302

    # As `make run` has it: straight into the (Danish) admin.
    settings.MFA_REQUIRED_FOR_ADMIN = False
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert 'lang="da"' in admin.content.decode()

    # As production has it: first set up an authenticator.
    settings.MFA_REQUIRED_FOR_ADMIN = True
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
