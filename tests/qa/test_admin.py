"""The Q&A moderation screen in the Wagtail admin (menu item 'Spørgsmål'): staff only, through the service."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from qa.models import Question
from tests.factories.accounts import admin_client
from tests.factories.members import ExpertFactory, StaffFactory, UserFactory
from tests.factories.qa import QuestionFactory, answered, qa_world

pytestmark = pytest.mark.django_db
INDEX = "/admin/spoergsmaal/"


@pytest.fixture
def world():
    return qa_world()


@pytest.fixture
def staff(world):
    return admin_client(world.staff)


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_index_lists_every_cohorts_questions_in_danish(world, staff):
    elsewhere = QuestionFactory(cohort=world.other_cohort, title="Et spørgsmål fra et andet hold")
    html = staff.get(INDEX).content.decode()
    for question in (world.question, world.open_question, elsewhere):
        assert question.title in html
        assert f"{INDEX}inspect/{question.pk}/" in html
    assert "Spørgsmål" in html and "Besvaret" in html and "Åben" in html


def test_index_filters_and_search(world, staff):
    world.open_question.is_hidden = True
    world.open_question.save(update_fields=["is_hidden"])
    html = staff.get(f"{INDEX}?is_hidden=true").content.decode()
    assert world.open_question.title in html and world.question.title not in html
    assert "Skjult" in html
    html = staff.get(f"{INDEX}?status=answered").content.decode()
    assert world.question.title in html and world.open_question.title not in html
    html = staff.get(f"{INDEX}?cohort={world.other_cohort.pk}").content.decode()
    assert world.question.title not in html


def test_index_query_count_does_not_grow_with_questions(world, staff):
    staff.get(INDEX)  # warm per-session caches
    few = _queries(staff, INDEX)
    for _ in range(10):
        answered(QuestionFactory(cohort=world.cohort), world.expert)
    assert _queries(staff, INDEX) == few


def test_question_page_shows_body_answers_and_moderation(world, staff):
    response = staff.get(f"{INDEX}inspect/{world.question.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert world.question.body_html in html
    assert world.answer.body_html in html
    assert "Svar (1)" in html
    assert f"{INDEX}{world.question.pk}/moderer/" in html
    many = QuestionFactory(cohort=world.cohort)
    for _ in range(5):
        answered(many, world.expert)
    assert _queries(staff, f"{INDEX}inspect/{many.pk}/") == _queries(staff, f"{INDEX}inspect/{world.question.pk}/")


def test_hide_with_a_reason_goes_through_the_service(world, staff):
    path = f"{INDEX}{world.question.pk}/moderer/"
    form = staff.get(path).content.decode()
    assert 'value="hide"' in form and 'value="close"' in form and 'value="lock"' in form
    assert 'value="unhide"' not in form
    response = staff.post(path, {"action": "hide", "reason": "Personoplysninger om en borger"})
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}inspect/{world.question.pk}/"
    question = Question.objects.get(pk=world.question.pk)
    assert question.is_hidden
    assert question.moderation_reason == "Personoplysninger om en borger"
    assert question.moderated_by == world.staff
    # Now the form offers the undo, and showing the question again needs no reason.
    assert 'value="unhide"' in staff.get(path).content.decode()
    assert staff.post(path, {"action": "unhide"}).status_code == 302
    assert not Question.objects.get(pk=world.question.pk).is_hidden


def test_close_and_lock_and_reopen(world, staff):
    path = f"{INDEX}{world.question.pk}/moderer/"
    staff.post(path, {"action": "close", "reason": "Besvaret på sessionen"})
    staff.post(path, {"action": "lock", "reason": "Diskussionen er slut"})
    question = Question.objects.get(pk=world.question.pk)
    assert question.status == Question.Status.CLOSED and question.is_locked
    staff.post(path, {"action": "reopen"})
    assert Question.objects.get(pk=world.question.pk).status == Question.Status.ANSWERED


@pytest.mark.parametrize("data", [
    {"action": "hide", "reason": ""},  # hiding needs a reason
    {"action": "hide", "reason": "   "},
    {"action": "unhide"},  # not hidden: not offered
    {"action": "delete", "reason": "x"},  # no such action
    {"action": "hide", "reason": "x" * 501},
    {},
])
def test_bad_input_is_a_form_error_and_changes_nothing(world, staff, data):
    before = Question.objects.filter(pk=world.question.pk).values().get()
    response = staff.post(f"{INDEX}{world.question.pk}/moderer/", data)
    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert Question.objects.filter(pk=world.question.pk).values().get() == before


def test_unknown_question_is_404(staff):
    assert staff.get(f"{INDEX}999999/moderer/").status_code == 404
    assert staff.post(f"{INDEX}999999/moderer/", {"action": "hide", "reason": "x"}).status_code == 404
    assert staff.get(f"{INDEX}inspect/999999/").status_code == 404


def test_members_and_experts_cannot_moderate_or_read_the_list(world):
    member = Client()
    member.force_login(world.member)
    expert = admin_client(world.expert)
    outsider = admin_client(ExpertFactory())
    paths = [INDEX, f"{INDEX}inspect/{world.question.pk}/", f"{INDEX}{world.question.pk}/moderer/"]
    for client in (member, expert, outsider, Client()):
        for path in paths:
            assert client.get(path).status_code in (302, 403), path
        response = client.post(f"{INDEX}{world.question.pk}/moderer/", {"action": "hide", "reason": "x"})
        assert response.status_code in (302, 403)
    assert not Question.objects.get(pk=world.question.pk).is_hidden


def test_staff_without_superuser_but_with_admin_access_can_moderate():
    from django.contrib.auth.models import Permission

    user = StaffFactory(is_superuser=False)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    question = QuestionFactory(author=UserFactory())
    client = admin_client(user)
    assert client.get(INDEX).status_code == 200
    assert client.post(f"{INDEX}{question.pk}/moderer/", {"action": "lock", "reason": "Stop"}).status_code == 302
    assert Question.objects.get(pk=question.pk).is_locked
