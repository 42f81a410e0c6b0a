"""The member-facing Q&A pages: the same visibility as the API, writes through the services, 4xx on bad input."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from qa.mail import question_url
from qa.models import Answer, Follow, Question
from tests.factories.members import SessionFactory
from tests.factories.qa import QuestionFactory, answered, qa_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return qa_world()


def as_user(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def list_url(cohort) -> str:
    return f"/spoergsmaal/hold/{cohort.slug}/"


def test_members_see_the_cohorts_questions_in_danish(world):
    hidden = QuestionFactory(cohort=world.cohort, title="Et skjult spørgsmål", is_hidden=True)
    for role in ("member", "substitute", "expert", "staff"):
        response = as_user(world.user(role)).get(list_url(world.cohort))
        assert response.status_code == 200, role
        html = response.content.decode()
        assert world.question.title in html and world.open_question.title in html
        assert f"/spoergsmaal/{world.question.pk}/" in html
        assert "Spørg eksperterne" in html
        assert (hidden.title in html) == (role == "staff"), role


@pytest.mark.parametrize("role", ["non_member", "other_member", "waitlisted", "other_expert"])
def test_no_access_is_404_for_the_list_and_the_question(world, role):
    client = as_user(world.user(role))
    assert client.get(list_url(world.cohort)).status_code == 404
    assert client.get(f"/spoergsmaal/{world.question.pk}/").status_code == 404
    assert client.post(list_url(world.cohort), {"title": "x", "body": "y"}).status_code == 404
    assert Question.objects.filter(title="x").count() == 0


def test_anonymous_is_sent_to_sign_in(world):
    response = Client().get(list_url(world.cohort))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Client().get("/spoergsmaal/999999/").status_code == 302


def test_unknown_cohort_and_question_are_404(world):
    client = as_user(world.member)
    assert client.get("/spoergsmaal/hold/findes-ikke/").status_code == 404
    assert client.get("/spoergsmaal/999999/").status_code == 404
    assert client.post("/spoergsmaal/svar/999999/accepter/").status_code == 404


def test_status_filter(world):
    html = as_user(world.member).get(list_url(world.cohort) + "?status=open").content.decode()
    assert world.open_question.title in html and world.question.title not in html
    html = as_user(world.member).get(list_url(world.cohort) + "?status=nonsense").content.decode()
    assert world.open_question.title in html and world.question.title in html


def test_ask_a_question_through_the_service(world, mailoutbox, django_capture_on_commit_callbacks):
    client = as_user(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(list_url(world.cohort), {
            "title": "Hvordan måler vi effekten af sparring?", "body": "Vi mangler **data**.", "session": "1",
        })
    question = Question.objects.get(title="Hvordan måler vi effekten af sparring?")
    assert response.status_code == 302 and response["Location"] == f"/spoergsmaal/{question.pk}/"
    assert question.author == world.member and question.session == world.session
    assert "<strong>data</strong>" in question.body_html
    assert Follow.objects.filter(question=question, user=world.member).exists()  # the service's follow
    assert any(question.title in m.subject or question.title in m.body for m in mailoutbox)  # experts told
    page = client.get(response["Location"]).content.decode()
    assert "Dit spørgsmål er sendt" in page


@pytest.mark.parametrize("data", [
    {"title": "", "body": "Tekst"},
    {"title": "Titel", "body": ""},
    {"title": "x" * 201, "body": "Tekst"},
    {"title": "Titel", "body": "x" * 10_001},
    {"title": "Titel", "body": "Tekst", "session": "99"},  # no such session
    {"title": "Titel", "body": "Tekst", "session": "abc"},
    {},
])
def test_bad_question_input_is_400_and_writes_nothing(world, data):
    before = Question.objects.count()
    response = as_user(world.member).post(list_url(world.cohort), data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert Question.objects.count() == before


def test_session_of_another_cohort_is_refused(world):
    other = SessionFactory(cohort=world.other_cohort, number=7)
    data = {"title": "T", "body": "B", "session": str(other.number)}
    response = as_user(world.member).post(list_url(world.cohort), data)
    assert response.status_code == 400
    assert not Question.objects.filter(title="T").exists()


def test_question_page_shows_answers_and_the_answer_form_to_experts_only(world):
    member_html = as_user(world.member).get(f"/spoergsmaal/{world.question.pk}/").content.decode()
    assert world.answer.body_html in member_html and world.question.body_html in member_html
    assert "Besvar spørgsmålet" not in member_html
    expert_html = as_user(world.expert).get(f"/spoergsmaal/{world.open_question.pk}/").content.decode()
    assert "Besvar spørgsmålet" in expert_html


def test_expert_answers_through_the_service(world):
    response = as_user(world.expert).post(f"/spoergsmaal/{world.open_question.pk}/", {"body": "Prøv *walk and talk*."})
    assert response.status_code == 302
    answer = Answer.objects.get(question=world.open_question)
    assert answer.author == world.expert and "<em>walk and talk</em>" in answer.body_html
    assert Question.objects.get(pk=world.open_question.pk).status == Question.Status.ANSWERED


@pytest.mark.parametrize("role", ["member", "substitute", "asker"])
def test_members_cannot_answer(world, role):
    response = as_user(world.user(role)).post(f"/spoergsmaal/{world.open_question.pk}/", {"body": "Mit svar"})
    assert response.status_code == 302
    assert not Answer.objects.filter(question=world.open_question).exists()


@pytest.mark.parametrize("data", [{"body": ""}, {"body": "x" * 10_001}, {}])
def test_bad_answer_input_is_400_and_writes_nothing(world, data):
    response = as_user(world.expert).post(f"/spoergsmaal/{world.open_question.pk}/", data)
    assert response.status_code == 400
    assert not Answer.objects.filter(question=world.open_question).exists()


def test_locked_question_takes_no_answer(world):
    Question.objects.filter(pk=world.open_question.pk).update(is_locked=True)
    client = as_user(world.expert)
    assert "Besvar spørgsmålet" not in client.get(f"/spoergsmaal/{world.open_question.pk}/").content.decode()
    client.post(f"/spoergsmaal/{world.open_question.pk}/", {"body": "Alligevel"})
    assert not Answer.objects.filter(question=world.open_question).exists()


def test_claimed_by_another_expert_is_a_form_error(world):
    from django.utils import timezone

    Question.objects.filter(pk=world.open_question.pk).update(claimed_by=world.expert2, claimed_at=timezone.now())
    world.cohort.experts.add(world.expert2)
    response = as_user(world.expert).post(f"/spoergsmaal/{world.open_question.pk}/", {"body": "Svar"})
    assert response.status_code == 400
    assert "En anden ekspert" in response.content.decode()
    assert not Answer.objects.filter(question=world.open_question).exists()


def test_the_asker_accepts_and_others_cannot(world):
    url = f"/spoergsmaal/svar/{world.answer.pk}/accepter/"
    as_user(world.member).post(url)
    assert not Answer.objects.get(pk=world.answer.pk).is_accepted
    assert as_user(world.other_member).post(url).status_code == 404
    response = as_user(world.asker).post(url)
    assert response.status_code == 302 and response["Location"] == f"/spoergsmaal/{world.question.pk}/"
    assert Answer.objects.get(pk=world.answer.pk).is_accepted
    assert as_user(world.asker).get(url).status_code == 405


def test_hidden_question_is_visible_to_its_author_with_the_reason(world):
    Question.objects.filter(pk=world.question.pk).update(is_hidden=True, moderation_reason="Personoplysninger")
    assert as_user(world.member).get(f"/spoergsmaal/{world.question.pk}/").status_code == 404
    html = as_user(world.asker).get(f"/spoergsmaal/{world.question.pk}/").content.decode()
    assert "Personoplysninger" in html


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow(world):
    client = as_user(world.member)
    client.get(list_url(world.cohort))
    few = _queries(client, list_url(world.cohort))
    for _ in range(10):
        answered(QuestionFactory(cohort=world.cohort), world.expert)
    assert _queries(client, list_url(world.cohort)) == few
    one = _queries(client, f"/spoergsmaal/{world.question.pk}/")
    for _ in range(5):
        answered(world.question, world.expert)
    assert _queries(client, f"/spoergsmaal/{world.question.pk}/") == one


def test_mail_links_open_the_question_page(world):
    path = "/" + question_url(world.question.pk).split("/", 3)[3]
    assert resolve(path).url_name == "question"
    assert as_user(world.asker).get(path).status_code == 200


def test_cohort_page_links_members_to_the_questions(world):
    from tests.factories.cms import cohort_page

    page = cohort_page(world.cohort)
    link = f'href="/spoergsmaal/hold/{world.cohort.slug}/"'
    assert link in as_user(world.member).get(page.url).content.decode()
    assert link not in as_user(world.non_member).get(page.url).content.decode()
    assert link not in Client().get(page.url).content.decode()
