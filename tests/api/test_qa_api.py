"""The Q&A API's behaviour: input errors, conflicts, throttling, pagination, filters, query counts."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from qa.models import Answer, Question
from tests.factories.qa import AnswerFactory, QuestionFactory, qa_world

pytestmark = pytest.mark.django_db


def _as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=user)
    return client


def _questions_url(world) -> str:
    return f"/api/v1/cohorts/{world.cohort.slug}/questions/"


def test_ask_returns_the_question_with_sanitised_html():
    world = qa_world()
    response = _as(world.member).post(
        _questions_url(world),
        {
            "title": "Dilemmakapacitet",
            "body": "Hvad gør vi?<script>alert(1)</script> **nu**",
            "session": 1,
        },
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "open" and data["session"] == {"number": 1, "title": world.session.title}
    assert "<script" not in data["body_html"] and "<strong>nu</strong>" in data["body_html"]
    assert data["followed_by_me"] is True
    assert data["author"]["id"] == world.member.pk


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "b"}, "title"),
        ({"title": "t"}, "body"),
        ({"title": "x" * 201, "body": "b"}, "title"),
        ({"title": "t", "body": "x" * 10_001}, "body"),
        ({"title": "t", "body": "b", "session": 7}, "session"),
        ({"title": "t", "body": "b", "session": "én"}, "session"),
        ({"title": "t", "body": "b", "material": 999_999}, "material"),
        ({"title": "t\x00", "body": "b"}, "title"),
    ],
)
def test_field_level_errors_change_nothing(payload, field):
    world = qa_world()
    before = Question.objects.count()
    response = _as(world.member).post(_questions_url(world), payload, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Question.objects.count() == before


def test_malformed_json_is_400():
    world = qa_world()
    response = _as(world.member).generic("POST", _questions_url(world), "{not json", content_type="application/json")
    assert response.status_code == 400


def test_answering_a_question_claimed_by_a_colleague_is_409():
    world = qa_world()
    qid = world.open_question.pk
    assert _as(world.expert).post(f"/api/v1/questions/{qid}/claim").status_code == 200
    second = _as(world.expert2).post(f"/api/v1/questions/{qid}/claim")
    assert second.status_code == 409 and second.json()["code"] == "claimed"
    response = _as(world.expert2).post(f"/api/v1/questions/{qid}/answers/", {"body": "Mit svar"}, format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "En anden ekspert er ved at svare på spørgsmålet.", "code": "claimed"}
    assert not Answer.objects.filter(question_id=qid).exists()
    claimed = _as(world.member).get(f"/api/v1/questions/{qid}/").json()
    assert claimed["claimed_by"]["id"] == world.expert.pk and claimed["claimed_until"]
    answer = _as(world.expert).post(f"/api/v1/questions/{qid}/answers/", {"body": "Svar"}, format="json")
    assert answer.status_code == 201


def test_accept_switches_via_the_api():
    world = qa_world()
    second = AnswerFactory(question=world.question, author=world.expert)
    client = _as(world.asker)
    assert client.post(f"/api/v1/answers/{world.answer.pk}/accept").json()["is_accepted"] is True
    assert client.post(f"/api/v1/answers/{second.pk}/accept").json()["is_accepted"] is True
    answers = client.get(f"/api/v1/questions/{world.question.pk}/answers/").json()
    assert [a["id"] for a in answers if a["is_accepted"]] == [second.pk]
    assert answers[0]["id"] == second.pk  # accepted first
    listed = client.get(_questions_url(world)).json()["results"]
    assert next(q for q in listed if q["id"] == world.question.pk)["has_accepted_answer"] is True


def test_writes_are_throttled_per_user(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "qa_write": "3/min"},
    }
    world = qa_world()
    client = _as(world.member)
    statuses = [client.post(f"/api/v1/questions/{world.question.pk}/follow").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    throttled = client.post(f"/api/v1/questions/{world.question.pk}/follow")
    assert throttled.json()["code"] == "throttled" and "Retry-After" in throttled.headers
    assert client.get(f"/api/v1/questions/{world.question.pk}/").status_code == 200  # reads are not throttled
    assert _as(world.substitute).post(f"/api/v1/questions/{world.question.pk}/follow").status_code == 200


def test_cursor_pagination_walks_every_question_once():
    world = qa_world()
    for _ in range(5):
        QuestionFactory(cohort=world.cohort, author=world.member)
    client = _as(world.member)
    seen, url = [], _questions_url(world) + "?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [q["id"] for q in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == Question.objects.filter(cohort=world.cohort).count()


def test_invalid_cursor_is_a_json_404():
    world = qa_world()
    response = _as(world.member).get(_questions_url(world) + "?cursor=nonsense")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_filters():
    world = qa_world()
    QuestionFactory(cohort=world.cohort, author=world.member, title="Borgerinddragelse og BIP")
    client = _as(world.member)

    def ids(query):
        response = client.get(_questions_url(world) + query)
        assert response.status_code == 200, response.content
        return {q["id"] for q in response.json()["results"]}

    assert ids("?status=answered") == {world.question.pk}
    assert world.open_question.pk in ids("?status=open")
    assert ids("?session=1") == {world.question.pk}
    assert {q.title for q in Question.objects.filter(pk__in=ids("?search=borgerinddragelse bip"))} == {
        "Borgerinddragelse og BIP"
    }
    assert ids("?material=12345") == set()
    for bad in ("?status=nope", "?session=abc", "?session=0", "?material=-1"):
        assert client.get(_questions_url(world) + bad).status_code == 400


def test_queue_is_oldest_first_and_filterable():
    world = qa_world()
    newer = QuestionFactory(cohort=world.cohort, author=world.member, session=world.session)
    client = _as(world.expert)
    rows = client.get("/api/v1/experts/me/queue").json()["results"]
    assert [r["id"] for r in rows] == [world.open_question.pk, newer.pk]
    assert [r["id"] for r in client.get("/api/v1/experts/me/queue?session=1").json()["results"]] == [newer.pk]
    other = client.get(f"/api/v1/experts/me/queue?cohort={world.other_cohort.slug}").json()["results"]
    assert other == []


def _list_queries(client, url, expected_rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) == expected_rows
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["cohort", "queue"])
def test_list_query_count_does_not_grow_with_page_size(django_assert_max_num_queries, url):
    world = qa_world()
    for i in range(20):
        question = QuestionFactory(cohort=world.cohort, author=world.member, session=world.session)
        if i % 2 and url == "cohort":
            AnswerFactory(question=question, author=world.expert)
    client = _as(world.expert)
    path = _questions_url(world) if url == "cohort" else "/api/v1/experts/me/queue"
    small = _list_queries(client, path + "?page_size=5", 5)
    large = _list_queries(client, path + "?page_size=20", 20)
    assert small == large
    with django_assert_max_num_queries(4):
        client.get(path + "?page_size=20")


def test_answers_query_count_is_bounded(django_assert_max_num_queries):
    world = qa_world()
    for _ in range(10):
        AnswerFactory(question=world.question, author=world.expert)
    client = _as(world.member)
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/questions/{world.question.pk}/answers/")
    assert len(response.json()) == 11


def test_moderation_via_api_requires_a_reason():
    world = qa_world()
    client = _as(world.staff)
    url = f"/api/v1/questions/{world.question.pk}/moderate"
    response = client.post(url, {"action": "hide"}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    assert client.post(url, {"action": "explode", "reason": "x"}, format="json").status_code == 400
    response = client.post(url, {"action": "hide", "reason": "Personfølsomt"}, format="json")
    assert response.status_code == 200 and response.json()["is_hidden"] is True
    assert _as(world.member).get(f"/api/v1/questions/{world.question.pk}/").status_code == 404


def test_detail_query_count_is_bounded(django_assert_max_num_queries):
    from qa.services.comments import comment_create

    world = qa_world()
    for _ in range(10):
        comment_create(user=world.member, question=world.question, body="Tak for svaret")
    with django_assert_max_num_queries(4):
        response = _as(world.member).get(f"/api/v1/questions/{world.question.pk}/")
    assert len(response.json()["comments"]) == 10
