"""Mail on a new question (experts), on an answer (followers), and the pre-session digest."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from qa.models import Question, SessionDigest
from qa.services.answers import answer_create
from qa.services.digests import digests_send_due
from qa.services.questions import question_create, question_follow, question_unfollow
from tests.factories.qa import QuestionFactory, qa_world


@pytest.mark.django_db
def test_new_question_mails_the_cohorts_experts(django_capture_on_commit_callbacks, settings):
    settings.QA_QUESTION_URL = "https://masterclass.example/spoergsmaal/{id}/"
    world = qa_world()
    with django_capture_on_commit_callbacks(execute=True):
        question = question_create(
            user=world.member,
            cohort=world.cohort,
            title="Borgerinddragelse i ledige forløb",
            body="Hvordan inddrager vi borgerne **tidligere**?",
            session_number=1,
        )
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([world.expert.email, world.expert2.email])
    message = mail.outbox[0]
    assert message.subject == f"[Masterclass] Nyt spørgsmål i {world.cohort.title}: Borgerinddragelse i ledige forløb"
    assert "har stillet et nyt spørgsmål til eksperterne" in message.body
    assert "Hvordan inddrager vi borgerne **tidligere**?" in message.body
    assert f"https://masterclass.example/spoergsmaal/{question.pk}/" in message.body
    assert "session 1" in message.body
    html = message.alternatives[0][0]
    assert "<strong>tidligere</strong>" in html and f"/spoergsmaal/{question.pk}/" in html


@pytest.mark.django_db
def test_mail_html_carries_only_the_sanitised_body(django_capture_on_commit_callbacks):
    world = qa_world()
    with django_capture_on_commit_callbacks(execute=True):
        question_create(
            user=world.member,
            cohort=world.cohort,
            title="<b>Fed titel</b>",
            body="Hej <script>alert(1)</script> [x](javascript:alert(1))",
        )
    html = mail.outbox[0].alternatives[0][0]
    assert "<script" not in html and "javascript:" not in html
    assert "&lt;b&gt;Fed titel&lt;/b&gt;" in html  # the title is text, escaped


@pytest.mark.django_db
def test_rolled_back_question_sends_nothing(django_capture_on_commit_callbacks):
    world = qa_world()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        question_create(user=world.member, cohort=world.cohort, title="t", body="b")
    assert len(callbacks) == 1  # queued for after commit, not sent inside the transaction
    assert mail.outbox == []


@pytest.mark.django_db
def test_answer_mails_the_followers_not_the_answerer(django_capture_on_commit_callbacks):
    world = qa_world()
    question_follow(user=world.member, question=world.open_question)
    question_follow(user=world.expert, question=world.open_question)
    from qa.models import Follow

    Follow.objects.get_or_create(question=world.open_question, user=world.asker)
    with django_capture_on_commit_callbacks(execute=True):
        answer_create(user=world.expert, question=world.open_question, body="Se *Caswells* bog.")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.asker.email, world.member.email])
    message = mail.outbox[0]
    assert message.subject == f"[Masterclass] Nyt svar på »{world.open_question.title}«"
    assert "Se *Caswells* bog." in message.body
    assert "fordi du følger spørgsmålet" in message.body


@pytest.mark.django_db
def test_unfollowing_asker_and_lost_access_get_no_answer_mail(django_capture_on_commit_callbacks):
    world = qa_world()
    question_follow(user=world.substitute, question=world.open_question)
    question_unfollow(user=world.asker, question=world.open_question)
    past = timezone.now() - timedelta(days=30)
    world.session.starts_at, world.session.ends_at = past, past + timedelta(hours=4)
    world.session.save()  # the substitute's access has run out
    with django_capture_on_commit_callbacks(execute=True):
        answer_create(user=world.expert, question=world.open_question, body="Svar")
    assert mail.outbox == []


def _digest_world():
    world = qa_world()
    now = timezone.now()
    world.session.starts_at, world.session.ends_at = now + timedelta(hours=20), now + timedelta(hours=24)
    world.session.save()
    QuestionFactory(cohort=world.cohort, author=world.member, title="Skjult", is_hidden=True)
    return world


@pytest.mark.django_db
def test_digest_lists_open_and_newly_answered_questions_in_danish(django_capture_on_commit_callbacks):
    world = _digest_world()
    with django_capture_on_commit_callbacks(execute=True):
        recorded = digests_send_due(hours=48)
    assert [d.session for d in recorded] == [world.session]
    digest = recorded[0]
    assert (digest.open_count, digest.answered_count) == (1, 1)
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = [world.expert, world.expert2, world.asker, world.member, world.substitute]
    confirmed_seat_holder = (
        world.cohort.registrations.filter(status="confirmed").exclude(user__in=[world.asker, world.member]).get().user
    )
    assert recipients == sorted(u.email for u in [*expected, confirmed_seat_holder])
    assert world.waitlisted.email not in recipients and world.other_member.email not in recipients
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == f"[Masterclass] Spørgsmål før session 1: {world.session.title}"
    assert "Åbne spørgsmål (1):" in body and world.open_question.title in body
    assert "Nye svar siden sidst (1):" in body and world.question.title in body
    assert "Skjult" not in body
    html = mail.outbox[0].alternatives[0][0]
    assert world.open_question.title in html and "Nye svar siden sidst (1)" in html
    assert "kl." in body


@pytest.mark.django_db
def test_digest_goes_out_once_per_session(django_capture_on_commit_callbacks):
    _digest_world()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_qa_digests", "--hours", "48")
    sent = len(mail.outbox)
    assert sent > 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_qa_digests", "--hours", "48")
    assert len(mail.outbox) == sent
    assert SessionDigest.objects.count() == 1


@pytest.mark.django_db
def test_second_digest_lists_only_answers_since_the_first(django_capture_on_commit_callbacks):
    from tests.factories.members import SessionFactory

    world = _digest_world()
    digests_send_due(hours=48)
    later = timezone.now() + timedelta(days=40)
    session2 = SessionFactory(cohort=world.cohort, number=2, starts_at=later, ends_at=later + timedelta(hours=4))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digests_send_due(now=later - timedelta(hours=10), hours=48)
    digest = SessionDigest.objects.get(session=session2)
    assert (digest.open_count, digest.answered_count) == (1, 0)
    assert "Nye svar siden sidst" not in mail.outbox[0].body


@pytest.mark.django_db
def test_no_digest_mail_without_questions(django_capture_on_commit_callbacks):
    world = _digest_world()
    Question.objects.filter(cohort=world.cohort).delete()
    with django_capture_on_commit_callbacks(execute=True):
        digests_send_due(hours=48)
    assert SessionDigest.objects.filter(session=world.session, recipient_count=0).exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_digest_runs_send_once():
    world = _digest_world()
    barrier = threading.Barrier(3)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(len(digests_send_due(hours=48)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 0, 1]
    assert SessionDigest.objects.filter(session=world.session).count() == 1
    subjects = [m.subject for m in mail.outbox if m.to[0] == world.expert.email]
    assert len(subjects) == 1
