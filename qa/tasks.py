"""Background tasks of the Q&A (mail). Enqueued after commit via ``qa.notifications``."""

from __future__ import annotations

from django_tasks import task

from .digests import digest_context, digest_recipients
from .mail import cohort_experts, followers_with_access, question_url, send_personal
from .models import Answer, Question, SessionDigest


@task()
def send_question_asked(question_id: int) -> int:
    """Tell the cohort's experts (not the asker) that a question was asked; returns mails sent."""
    question = Question.objects.select_related("cohort", "author", "session").filter(pk=question_id).first()
    if question is None or question.is_hidden:
        return 0
    recipients = [user for user in cohort_experts(question.cohort) if user.pk != question.author_id]
    return send_personal("question_asked", recipients, {"question": question, "url": question_url(question.pk)})


@task()
def send_answer_posted(answer_id: int) -> int:
    """Tell the question's followers (not the answerer) that it got an answer; returns mails sent."""
    answer = Answer.objects.select_related("question", "question__cohort", "author").filter(pk=answer_id).first()
    if answer is None or answer.question.is_hidden:
        return 0
    recipients = [user for user in followers_with_access(answer.question) if user.pk != answer.author_id]
    return send_personal(
        "answer_posted",
        recipients,
        {"answer": answer, "question": answer.question, "url": question_url(answer.question_id)},
    )


@task()
def send_session_digest(session_id: int) -> int:
    """Send the pre-session digest recorded for ``session_id``; returns mails sent."""
    digest = SessionDigest.objects.select_related("session", "session__cohort").filter(session_id=session_id).first()
    if digest is None:
        return 0
    context = digest_context(digest)
    if not context["open_questions"] and not context["answered_questions"]:
        return 0
    return send_personal("session_digest", digest_recipients(digest.session), context)
