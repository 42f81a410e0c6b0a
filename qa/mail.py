"""Who gets Q&A mail, and the mail itself (Danish texts in templates/qa/email/)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from members.models import Registration, User
from members.selectors import has_member_access

from .models import Question


def question_url(question_id: int) -> str:
    """The link to a question in mail (QA_QUESTION_URL)."""
    return settings.QA_QUESTION_URL.replace("{id}", str(question_id))


def cohort_experts(cohort) -> list[User]:
    """The cohort's experts: named on the cohort or on any of its sessions."""
    return list(
        User.objects.filter(Q(expert_cohorts=cohort) | Q(expert_sessions__cohort=cohort), is_active=True)
        .distinct()
        .order_by("id")
    )


def cohort_members(cohort) -> list[User]:
    """The cohort's confirmed members."""
    return list(
        User.objects.filter(
            registrations__cohort=cohort, registrations__status=Registration.Status.CONFIRMED, is_active=True
        ).order_by("id")
    )


def followers_with_access(question: Question) -> list[User]:
    """The question's followers who may still read it (a substitute's access ends)."""
    followers = User.objects.filter(followed_questions__question=question, is_active=True).order_by("id")
    return [user for user in followers if has_member_access(user, question.cohort)]


def send_personal(template: str, recipients: Iterable[User], context: dict) -> int:
    """Render ``qa/email/<template>_subject.txt`` and ``_body.txt``/``_body.html`` per recipient, in Danish.

    Text plus an HTML alternative (extending the members' mail layout; question and
    answer bodies are the sanitised HTML stored at write time), sent over one connection.
    """
    messages = []
    with translation.override("da"):
        for user in recipients:
            ctx = {**context, "recipient": user, "site_url": settings.SITE_URL, "site_name": settings.WAGTAIL_SITE_NAME}
            subject = render_to_string(f"qa/email/{template}_subject.txt", ctx).strip()
            message = EmailMultiAlternatives(
                subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
                body=render_to_string(f"qa/email/{template}_body.txt", ctx),
                to=[user.email],
            )
            message.attach_alternative(render_to_string(f"qa/email/{template}_body.html", ctx), "text/html")
            messages.append(message)
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
