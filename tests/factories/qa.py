"""Factories for questions, answers and their extras, and ``qa_world``: one cohort with every role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import factory
from django.utils import timezone

from members.models import Cohort, Registration, Session, User
from qa.models import Answer, Follow, Question
from qa.rendering import render_markdown
from tests.factories.cohort_extras import SessionSubstituteFactory
from tests.factories.members import (
    CohortFactory,
    ExpertFactory,
    RegistrationFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question written directly (rule tests go through ``qa.services``)."""

    class Meta:
        model = Question

    cohort = factory.SubFactory(CohortFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Hvordan arbejder vi med vidensmobilisering? ({n})")
    body_markdown = "Vi har svært ved at **omsætte forskning** til praksis i jobcentret."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body_markdown))


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(ExpertFactory)
    body_markdown = "Start med at **samle** medarbejderne om én konkret indsats."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body_markdown))


def answered(question: Question, expert: User, **kwargs) -> Answer:
    """Add an answer and move the question to ANSWERED, as the service would."""
    answer = AnswerFactory(question=question, author=expert, **kwargs)
    question.status = Question.Status.ANSWERED
    question.answered_at = answer.created_at
    question.save(update_fields=["status", "answered_at"])
    return answer


@dataclass
class QAWorld:
    """A cohort with a question (answered), an open question, and one user per role."""

    cohort: Cohort
    session: Session
    other_cohort: Cohort
    asker: User
    member: User
    substitute: User
    waitlisted: User
    other_member: User
    non_member: User
    expert: User
    expert2: User
    other_expert: User
    staff: User
    question: Question
    answer: Answer
    open_question: Question

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def qa_world() -> QAWorld:
    """Build the world every permission test starts from."""
    cohort = CohortFactory()
    now = timezone.now()
    session = SessionFactory(
        cohort=cohort, number=1, starts_at=now + timedelta(days=10), ends_at=now + timedelta(days=10, hours=4)
    )
    other_cohort = CohortFactory()
    asker = RegistrationFactory(cohort=cohort).user
    member = RegistrationFactory(cohort=cohort).user
    seat = RegistrationFactory(cohort=cohort)
    substitute = SessionSubstituteFactory(registration=seat, session=session).substitute
    waitlisted = RegistrationFactory(
        cohort=cohort, status=Registration.Status.WAITLISTED, waitlist_position=1, confirmed_at=None
    ).user
    other_member = RegistrationFactory(cohort=other_cohort).user
    expert, expert2, other_expert = ExpertFactory(), ExpertFactory(), ExpertFactory()
    cohort.experts.add(expert)
    session.experts.add(expert2)
    other_cohort.experts.add(other_expert)
    question = QuestionFactory(cohort=cohort, author=asker, session=session)
    Follow.objects.create(question=question, user=asker)
    answer = answered(question, expert2)
    open_question = QuestionFactory(cohort=cohort, author=asker)
    return QAWorld(
        cohort=cohort,
        session=session,
        other_cohort=other_cohort,
        asker=asker,
        member=member,
        substitute=substitute,
        waitlisted=waitlisted,
        other_member=other_member,
        non_member=UserFactory(),
        expert=expert,
        expert2=expert2,
        other_expert=other_expert,
        staff=StaffFactory(),
        question=question,
        answer=answer,
        open_question=open_question,
    )


ROLES = (
    "anonymous",
    "non_member",
    "other_member",
    "waitlisted",
    "member",
    "substitute",
    "other_expert",
    "expert",
    "staff",
)
WITH_ACCESS = ("member", "substitute", "expert", "staff")
