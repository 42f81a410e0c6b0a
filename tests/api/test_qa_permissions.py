"""Every Q&A endpoint against every role: who gets 2xx, 401, 403 or 404.

Roles without access to the cohort (anonymous aside) get 404 on every
cohort-scoped endpoint, exactly as for an id that does not exist.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories.qa import ROLES, WITH_ACCESS, QAWorld, qa_world

pytestmark = pytest.mark.django_db

Q = "/api/v1/questions/{question}"
A = "/api/v1/answers/{answer}"

# (name, method, path template, body, {role with access: expected status})
ENDPOINTS = [
    ("list", "get", "/api/v1/cohorts/{slug}/questions/", None, {}),
    (
        "ask",
        "post",
        "/api/v1/cohorts/{slug}/questions/",
        {"title": "Et spørgsmål", "body": "Tekst"},
        dict.fromkeys(WITH_ACCESS, 201),
    ),
    ("detail", "get", Q + "/", None, {}),
    ("edit", "patch", Q + "/", {"title": "Ny titel"}, {"member": 403, "substitute": 403, "expert": 403, "staff": 200}),
    ("delete", "delete", Q + "/", None, {"member": 403, "substitute": 403, "expert": 403, "staff": 204}),
    ("answers", "get", Q + "/answers/", None, {}),
    (
        "answer",
        "post",
        Q + "/answers/",
        {"body": "Et svar"},
        {"member": 403, "substitute": 403, "expert": 201, "staff": 201},
    ),
    ("comment", "post", Q + "/comments/", {"body": "Tak!"}, dict.fromkeys(WITH_ACCESS, 201)),
    ("accept", "post", A + "/accept", None, {"member": 403, "substitute": 403, "expert": 403, "staff": 200}),
    ("endorse", "post", A + "/endorse", None, {"member": 403, "substitute": 403, "expert": 200, "staff": 200}),
    (
        "edit answer",
        "patch",
        A + "/",
        {"body": "Rettet"},
        {"member": 403, "substitute": 403, "expert": 403, "staff": 200},
    ),
    ("me too", "post", Q + "/me-too", None, {}),
    ("me too withdraw", "delete", Q + "/me-too", None, {}),
    ("follow", "post", Q + "/follow", None, {}),
    ("unfollow", "delete", Q + "/follow", None, {}),
    (
        "claim",
        "post",
        "/api/v1/questions/{open_question}/claim",
        None,
        {"member": 403, "substitute": 403, "expert": 200, "staff": 200},
    ),
    (
        "release",
        "delete",
        "/api/v1/questions/{open_question}/claim",
        None,
        {"member": 403, "substitute": 403, "expert": 200, "staff": 200},
    ),
    (
        "moderate",
        "post",
        Q + "/moderate",
        {"action": "lock", "reason": "Tonen er for skarp"},
        {"member": 403, "substitute": 403, "expert": 403, "staff": 200},
    ),
]


def _client(world: QAWorld, role: str) -> APIClient:
    client = APIClient()
    user = world.user(role)
    if user is not None:
        client.force_authenticate(user=user)
    return client


def _expected(role: str, allowed: dict) -> int:
    if role == "anonymous":
        return 401
    if role not in WITH_ACCESS:
        return 404  # never a hint that the cohort or question exists
    return allowed.get(role, 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "template", "body", "allowed"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_permission_matrix(role, name, method, template, body, allowed):
    world = qa_world()
    path = template.format(
        slug=world.cohort.slug,
        question=world.question.pk,
        answer=world.answer.pk,
        open_question=world.open_question.pk,
    )
    response = getattr(_client(world, role), method)(path, body, format="json")
    expected = _expected(role, allowed)
    assert response.status_code == expected, (role, name, response.status_code, response.content[:300])
    if expected == 404:
        assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.parametrize("role", ROLES)
def test_expert_queue_matrix(role):
    """The queue is for experts and staff; each sees only their own cohorts' open questions."""
    world = qa_world()
    response = _client(world, role).get("/api/v1/experts/me/queue")
    expected = {"anonymous": 401, "other_expert": 200, "expert": 200, "staff": 200}.get(role, 403)
    assert response.status_code == expected
    if expected == 200:
        ids = [row["id"] for row in response.json()["results"]]
        assert (world.open_question.pk in ids) == (role != "other_expert")
        assert world.question.pk not in ids  # answered questions leave the queue


@pytest.mark.parametrize("role", ROLES)
def test_hidden_question_seen_by_staff_and_author_only(role):
    world = qa_world()
    world.question.is_hidden = True
    world.question.moderation_reason = "Personoplysninger"
    world.question.save()
    for path in (f"/api/v1/questions/{world.question.pk}/", f"/api/v1/questions/{world.question.pk}/answers/"):
        response = _client(world, role).get(path)
        expected = 401 if role == "anonymous" else 200 if role == "staff" else 404
        assert response.status_code == expected, (role, path)
    listed = _client(world, role).get(f"/api/v1/cohorts/{world.cohort.slug}/questions/")
    if listed.status_code == 200:
        assert (world.question.pk in [q["id"] for q in listed.json()["results"]]) == (role == "staff")
    author = _client(world, "asker").get(f"/api/v1/questions/{world.question.pk}/")
    assert author.status_code == 200
    assert author.json()["moderation_reason"] == "Personoplysninger"


def test_substitute_loses_access_after_the_session(django_user_model):
    """A substitute's access runs out SUBSTITUTE_ACCESS_DAYS_AFTER days after their session."""
    from datetime import timedelta

    from django.utils import timezone

    world = qa_world()
    past = timezone.now() - timedelta(days=30)
    world.session.starts_at, world.session.ends_at = past, past + timedelta(hours=4)
    world.session.save()
    response = _client(world, "substitute").get(f"/api/v1/cohorts/{world.cohort.slug}/questions/")
    assert response.status_code == 404
