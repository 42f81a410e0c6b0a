"""The organizers' approval buttons in the Wagtail cohort overview ("Godkend" / "Afvis" with a reason)."""

from __future__ import annotations

import pytest
from django.test import Client

from members.models import Registration
from members.services.registrations import registration_create
from tests.factories.accounts import admin_client
from tests.factories.members import CohortFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture
def organizer() -> Client:
    return admin_client(StaffFactory())


@pytest.fixture
def pending_cohort():
    cohort = CohortFactory(capacity=1, requires_approval=True, title="Ledelse med mening")
    holder, waiter = UserFactory.create_batch(2)
    pending = registration_create(cohort=cohort, user=holder)[0]
    waiting = registration_create(cohort=cohort, user=waiter)[0]
    return cohort, pending, waiting


def test_overview_lists_pending_with_approve_and_reject_in_danish(organizer, pending_cohort):
    cohort, pending, _waiting = pending_cohort
    html = organizer.get(f"/admin/hold/inspect/{cohort.pk}/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Afventer godkendelse" in html
    assert f"/admin/tilmeldinger/{pending.pk}/godkend/" in html
    assert f"/admin/tilmeldinger/{pending.pk}/afvis/" in html
    assert "Godkend" in html and "Afvis" in html


def test_approve_button_confirms(organizer, pending_cohort):
    cohort, pending, _waiting = pending_cohort
    response = organizer.post(f"/admin/tilmeldinger/{pending.pk}/godkend/")
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/hold/inspect/{cohort.pk}/")
    pending.refresh_from_db()
    assert pending.status == S.CONFIRMED
    # A second click says why it cannot, and changes nothing.
    organizer.post(f"/admin/tilmeldinger/{pending.pk}/godkend/")
    pending.refresh_from_db()
    assert pending.status == S.CONFIRMED
    assert organizer.get(f"/admin/tilmeldinger/{pending.pk}/godkend/").status_code == 405


def test_reject_form_needs_a_reason_then_passes_the_seat_on(organizer, pending_cohort):
    cohort, pending, waiting = pending_cohort
    path = f"/admin/tilmeldinger/{pending.pk}/afvis/"
    page = organizer.get(path, HTTP_ACCEPT_LANGUAGE="da")
    assert page.status_code == 200 and "Afvis tilmelding" in page.content.decode()
    assert organizer.post(path, {"reason": ""}).status_code == 200  # the form again, with its error
    pending.refresh_from_db()
    assert pending.status == S.PENDING
    response = organizer.post(path, {"reason": "Holdet er for ledere"})
    assert response.status_code == 302
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert pending.status == S.REJECTED and pending.end_reason == "Holdet er for ledere"
    assert waiting.status == S.OFFERED


def test_approval_actions_are_staff_only(pending_cohort):
    _cohort, pending, _waiting = pending_cohort
    member = Client()
    member.force_login(UserFactory())
    for path in (f"/admin/tilmeldinger/{pending.pk}/godkend/", f"/admin/tilmeldinger/{pending.pk}/afvis/"):
        assert member.post(path, {"reason": "x"}).status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.status == S.PENDING


def test_unknown_registration_is_404(organizer):
    assert organizer.post("/admin/tilmeldinger/999999/godkend/").status_code == 404
    assert organizer.get("/admin/tilmeldinger/999999/afvis/").status_code == 404
