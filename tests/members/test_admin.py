"""The organizers' Wagtail admin for cohorts and registrations."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from members.models import Cohort, Registration, Session
from tests.factories.accounts import admin_client
from tests.factories.cohort_extras import SessionSubstituteFactory, cohort_with_sessions
from tests.factories.members import (
    ExpertFactory,
    OrganizationFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def organizer():
    return admin_client(StaffFactory())


def test_staff_without_superuser_but_with_admin_access_reach_the_cohorts():
    from django.contrib.auth.models import Permission

    staff = StaffFactory(is_superuser=False)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert admin_client(staff).get("/admin/hold/").status_code == 200


def _full_cohort(capacity=3, waiting=2, **kwargs):
    cohort = cohort_with_sessions(capacity=capacity, **kwargs)
    org = OrganizationFactory(name="Jobcenter Aarhus", slug="jobcenter-aarhus")
    seats = [RegistrationFactory(cohort=cohort, user=UserFactory(organization=org)) for _ in range(capacity)]
    queue = [
        RegistrationFactory(
            cohort=cohort, status=Status.WAITLISTED, waitlist_position=n, confirmed_at=None,
            user=UserFactory(organization=org),
        )
        for n in range(1, waiting + 1)
    ]
    return cohort, seats, queue


def _count_queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_index_lists_cohorts_with_seat_counts_in_danish(organizer, django_assert_max_num_queries):
    cohort, _, _ = _full_cohort()
    organizer.get("/admin/hold/")  # warm per-session caches (permissions, user profile)
    one = _count_queries(organizer, "/admin/hold/")
    for _ in range(3):
        _full_cohort()
    assert _count_queries(organizer, "/admin/hold/") == one
    with django_assert_max_num_queries(15):
        response = organizer.get("/admin/hold/")
    assert response.status_code == 200
    html = response.content.decode()
    assert cohort.title in html
    assert "3 af 3" in html and "fuldt booket" in html
    assert f"/admin/hold/inspect/{cohort.pk}/" in html


def test_menu_item_hold(organizer):
    html = organizer.get("/admin/").content.decode()
    assert '"label": "Hold"' in html or "Hold" in html
    assert "/admin/hold/" in html and "/admin/tilmeldinger/" in html


def test_overview_shows_seats_lists_and_substitutes(organizer):
    cohort, seats, queue = _full_cohort()
    SessionSubstituteFactory(registration=seats[0], session=cohort.sessions.get(number=2))
    offered = RegistrationFactory(
        cohort=cohort, status=Status.OFFERED, confirmed_at=None, offered_at=timezone.now(),
        offer_expires_at=timezone.now() + timedelta(hours=48),
    )
    response = organizer.get(f"/admin/hold/inspect/{cohort.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bekræftede deltagere (3)" in html
    assert "Venteliste (2)" in html
    assert "Åbne pladstilbud (1)" in html
    assert offered.user.get_full_name() in html
    # The waiting list in order of position.
    assert html.index(queue[0].user.email) < html.index(queue[1].user.email)
    assert f"/admin/tilmeldinger/{seats[0].pk}/annuller/" in html
    substitute = seats[0].substitutes.get().substitute
    assert f"{substitute} i stedet for {seats[0].user}" in html
    assert "Eksportér deltagerliste (CSV)" in html


def test_overview_query_count_is_bounded(organizer, django_assert_max_num_queries):
    small, _, _ = _full_cohort(capacity=2, waiting=1)
    big, seats, _ = _full_cohort(capacity=15, waiting=10)
    for seat in seats[:5]:
        SessionSubstituteFactory(registration=seat, session=big.sessions.get(number=1))
    organizer.get(f"/admin/hold/inspect/{small.pk}/")  # warm per-session caches
    assert _count_queries(organizer, f"/admin/hold/inspect/{big.pk}/") == _count_queries(
        organizer, f"/admin/hold/inspect/{small.pk}/"
    )
    with django_assert_max_num_queries(15):
        organizer.get(f"/admin/hold/inspect/{big.pk}/")


def test_csv_query_count_is_bounded(organizer, django_assert_max_num_queries):
    small, _, _ = _full_cohort(capacity=1, waiting=0)
    big, _, _ = _full_cohort(capacity=15, waiting=10)
    assert _count_queries(organizer, f"/admin/hold/{big.pk}/deltagere.csv") == _count_queries(
        organizer, f"/admin/hold/{small.pk}/deltagere.csv"
    )


@pytest.mark.parametrize("path", [
    "/admin/hold/", "/admin/hold/new/", "/admin/tilmeldinger/",
])
def test_staff_reach_the_views(organizer, path):
    assert organizer.get(path).status_code == 200


def test_staff_reach_object_views(organizer):
    cohort, seats, _ = _full_cohort()
    for path in (
        f"/admin/hold/edit/{cohort.pk}/", f"/admin/hold/inspect/{cohort.pk}/",
        f"/admin/hold/{cohort.pk}/deltagere.csv", f"/admin/tilmeldinger/{seats[0].pk}/annuller/",
        f"/admin/tilmeldinger/inspect/{seats[0].pk}/", f"/admin/tilmeldinger/?cohort={cohort.pk}",
    ):
        assert organizer.get(path).status_code == 200, path


def test_members_and_experts_cannot_use_the_cohort_admin():
    cohort, seats, _ = _full_cohort()
    member = Client()
    member.force_login(UserFactory())
    expert = admin_client(ExpertFactory())
    paths = [
        "/admin/hold/", f"/admin/hold/inspect/{cohort.pk}/", f"/admin/hold/{cohort.pk}/deltagere.csv",
        f"/admin/tilmeldinger/{seats[0].pk}/annuller/", "/admin/tilmeldinger/",
    ]
    for path in paths:
        response = member.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert "/admin/hold" not in response["Location"].split("?")[0]
        assert expert.get(path).status_code in (302, 403), path
    anonymous = Client()
    assert anonymous.get(f"/admin/hold/{cohort.pk}/deltagere.csv").status_code == 302
    assert expert.post(f"/admin/tilmeldinger/{seats[0].pk}/annuller/", {"reason": "x"}).status_code in (302, 403)
    assert expert.post(f"/admin/hold/{cohort.pk}/tilbyd-plads/").status_code in (302, 403)
    assert Registration.objects.get(pk=seats[0].pk).status == Status.CONFIRMED


def test_experts_with_admin_access_are_kept_out_of_the_cohort_admin():
    """Experts may use the admin (for the library) but not the cohorts: the policy says staff only."""
    from django.contrib.auth.models import Permission

    cohort, seats, _ = _full_cohort()
    expert = ExpertFactory()
    expert.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = admin_client(expert)
    assert client.get("/admin/").status_code == 200
    assert "/admin/hold/" not in client.get("/admin/").content.decode()
    for path in ("/admin/hold/", f"/admin/hold/inspect/{cohort.pk}/", f"/admin/hold/edit/{cohort.pk}/",
                 "/admin/hold/new/", "/admin/tilmeldinger/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/admin/", path
    # Wagtail turns the action views' PermissionDenied into a redirect to the dashboard too.
    for response in (
        client.get(f"/admin/hold/{cohort.pk}/deltagere.csv"),
        client.get(f"/admin/tilmeldinger/{seats[0].pk}/annuller/"),
        client.post(f"/admin/tilmeldinger/{seats[0].pk}/annuller/", {"reason": "x"}),
        client.post(f"/admin/hold/{cohort.pk}/tilbyd-plads/"),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Registration.objects.get(pk=seats[0].pk).status == Status.CONFIRMED


def test_no_edit_or_delete_of_registrations_and_no_delete_of_cohorts(organizer):
    cohort, seats, _ = _full_cohort()
    assert organizer.get(f"/admin/tilmeldinger/edit/{seats[0].pk}/").status_code in (302, 403)
    assert organizer.post(f"/admin/tilmeldinger/delete/{seats[0].pk}/").status_code in (302, 403)
    assert organizer.post(f"/admin/hold/delete/{cohort.pk}/").status_code in (302, 403)
    assert Registration.objects.filter(pk=seats[0].pk).exists()
    assert Cohort.objects.filter(pk=cohort.pk).exists()


def test_csv_export(organizer):
    cohort, seats, queue = _full_cohort(capacity=2, waiting=2)
    seats[0].user.first_name, seats[0].user.last_name = "Søren", "Ærø"
    seats[0].user.save()
    response = organizer.get(f"/admin/hold/{cohort.pk}/deltagere.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["Navn", "Organisation", "E-mail", "Status", "Placering"]
    assert rows[1][:5] == ["Søren Ærø", "Jobcenter Aarhus", seats[0].user.email, "Bekræftet", ""]
    assert [r[2] for r in rows[1:]] == [r.user.email for r in (*seats, *queue)]
    assert [r[4] for r in rows[3:]] == ["1", "2"]
    assert rows[3][3] == "På venteliste"


def test_cancel_action_calls_the_seat_service(organizer, monkeypatch, django_capture_on_commit_callbacks):
    cohort, seats, queue = _full_cohort(capacity=2, waiting=1)
    calls = []
    import members.views.admin_registrations as views
    from members.services import registrations

    def spy(**kwargs):
        calls.append(kwargs)
        return registrations.registration_cancel(**kwargs)

    monkeypatch.setattr(views, "registration_cancel", spy)
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(
            f"/admin/tilmeldinger/{seats[0].pk}/annuller/", {"reason": "Sygdom", "next": "/admin/tilmeldinger/"}
        )
    assert response.status_code == 302
    assert response["Location"] == "/admin/tilmeldinger/"
    assert len(calls) == 1
    assert calls[0]["registration_id"] == seats[0].pk and calls[0]["reason"] == "Sygdom"
    cancelled = Registration.objects.get(pk=seats[0].pk)
    assert cancelled.status == Status.CANCELLED
    assert cancelled.end_reason == "Sygdom"
    # The freed seat went to the head of the queue, and both got mail after commit.
    assert Registration.objects.get(pk=queue[0].pk).status == Status.OFFERED
    assert {m.to[0] for m in mail.outbox} == {seats[0].user.email, queue[0].user.email}


def test_cancel_needs_a_reason_and_an_ended_registration_cannot_be_cancelled(organizer):
    cohort, seats, _ = _full_cohort(capacity=1, waiting=0)
    response = organizer.post(f"/admin/tilmeldinger/{seats[0].pk}/annuller/", {"reason": ""})
    assert response.status_code == 200
    assert Registration.objects.get(pk=seats[0].pk).status == Status.CONFIRMED
    ended = RegistrationFactory(cohort=cohort, status=Status.CANCELLED, confirmed_at=None)
    response = organizer.post(f"/admin/tilmeldinger/{ended.pk}/annuller/", {"reason": "igen"})
    assert response.status_code == 302
    assert organizer.post("/admin/tilmeldinger/999999/annuller/", {"reason": "x"}).status_code == 404


def test_offer_next_seat_after_raising_capacity(organizer, django_capture_on_commit_callbacks):
    cohort, _, queue = _full_cohort(capacity=2, waiting=2)
    Cohort.objects.filter(pk=cohort.pk).update(capacity=3)  # e.g. a bigger room, changed outside the form
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(f"/admin/hold/{cohort.pk}/tilbyd-plads/")
    assert response.status_code == 302
    statuses = {r.pk: (r.status, r.waitlist_position) for r in Registration.objects.filter(cohort=cohort)}
    assert statuses[queue[0].pk] == (Status.OFFERED, None)
    assert statuses[queue[1].pk] == (Status.WAITLISTED, 1)
    assert [m.to for m in mail.outbox] == [[queue[0].user.email]]
    # Nothing more to offer: a second push changes nothing.
    organizer.post(f"/admin/hold/{cohort.pk}/tilbyd-plads/")
    assert Registration.objects.get(pk=queue[1].pk).status == Status.WAITLISTED


def _form_data(cohort: Cohort | None = None, **overrides):
    data = {
        "title": "Ny masterclass", "slug": "ny-masterclass", "status": "published", "organizer": "Væksthuset",
        "summary": "", "target_group": "", "capacity": "15",
        "registration_opens_at": "2027-01-10 09:00", "registration_closes_at": "2027-05-01 12:00",
        "allowed_role_levels": ["manager", "director"], "offer_hours": "48",
        "price_net": "18000.00", "vat_rate": "0.250", "venue": "København", "online_fallback_url": "",
        "sessions-TOTAL_FORMS": "2", "sessions-INITIAL_FORMS": "0", "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-number": "1", "sessions-0-title": "Vidensmobilisering",
        "sessions-0-starts_at": "2027-06-07 10:00", "sessions-0-ends_at": "2027-06-07 14:30",
        "sessions-1-number": "", "sessions-1-title": "", "sessions-1-starts_at": "", "sessions-1-ends_at": "",
    }
    data.update(overrides)
    return data


def test_create_cohort_with_sessions_and_experts(organizer):
    expert = ExpertFactory()
    data = _form_data(experts=[str(expert.pk)], **{"sessions-0-experts": [str(expert.pk)]})
    response = organizer.post("/admin/hold/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    cohort = Cohort.objects.get(slug="ny-masterclass")
    assert cohort.allowed_role_levels == ["manager", "director"]
    assert list(cohort.experts.all()) == [expert]
    [session] = cohort.sessions.all()
    assert session.title == "Vidensmobilisering"
    assert timezone.localtime(session.starts_at).hour == 10
    assert list(session.experts.all()) == [expert]


def test_edit_refuses_capacity_below_seats_taken(organizer):
    cohort, _, _ = _full_cohort(capacity=3, waiting=0)
    sessions = list(cohort.sessions.order_by("number"))
    data = _form_data(slug=cohort.slug, title=cohort.title, capacity="2", **{
        "sessions-TOTAL_FORMS": str(len(sessions)), "sessions-INITIAL_FORMS": str(len(sessions)),
    })
    for i, s in enumerate(sessions):
        start, end = timezone.localtime(s.starts_at), timezone.localtime(s.ends_at)
        data.update({
            f"sessions-{i}-id": str(s.pk), f"sessions-{i}-cohort": str(cohort.pk),
            f"sessions-{i}-number": str(s.number),
            f"sessions-{i}-title": s.title, f"sessions-{i}-starts_at": start.strftime("%Y-%m-%d %H:%M"),
            f"sessions-{i}-ends_at": end.strftime("%Y-%m-%d %H:%M"),
        })
    response = organizer.post(f"/admin/hold/edit/{cohort.pk}/", data)
    assert response.status_code == 200
    assert "kan ikke komme under de 3 pladser" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.capacity == 3

    data["capacity"] = "20"
    data[f"sessions-{len(sessions) - 1}-DELETE"] = "on"
    response = organizer.post(f"/admin/hold/edit/{cohort.pk}/", data)
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.capacity == 20
    assert Session.objects.filter(cohort=cohort).count() == len(sessions) - 1


def test_invalid_session_is_shown_and_nothing_is_written(organizer):
    data = _form_data(**{"sessions-0-ends_at": "2027-06-07 09:00"})
    response = organizer.post("/admin/hold/new/", data)
    assert response.status_code == 200
    assert not Cohort.objects.filter(slug="ny-masterclass").exists()


def test_registration_list_rows_offer_the_cancel_action(organizer):
    cohort, seats, queue = _full_cohort(capacity=1, waiting=1)
    ended = RegistrationFactory(cohort=cohort, status=Status.CANCELLED, confirmed_at=None)
    html = organizer.get(f"/admin/tilmeldinger/?cohort={cohort.pk}").content.decode()
    assert f"/admin/tilmeldinger/{seats[0].pk}/annuller/" in html
    assert f"/admin/tilmeldinger/{queue[0].pk}/annuller/" in html
    assert f"/admin/tilmeldinger/{ended.pk}/annuller/" not in html
    assert f"/admin/tilmeldinger/inspect/{seats[0].pk}/" in html
