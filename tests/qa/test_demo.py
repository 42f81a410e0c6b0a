"""The Q&A demo: questions in the Væksthuset cohort, answered by its experts, idempotent."""

from __future__ import annotations

import pytest

from qa import demo
from qa.models import Answer, MeToo, Question
from tests.factories.members import ExpertFactory, RegistrationFactory, SessionFactory
from tests.factories.qa import qa_world

pytestmark = pytest.mark.django_db


def test_no_cohort_no_demo():
    demo.load()
    assert not Question.objects.exists()


def test_demo_is_realistic_and_idempotent(django_capture_on_commit_callbacks):
    from django.core import mail

    world = qa_world()
    world.cohort.slug = demo.VAEKSTHUSET_SLUG
    world.cohort.save()
    for number in (2, 3, 4):
        session = SessionFactory(cohort=world.cohort, number=number)
        session.experts.add(ExpertFactory())
    for _ in range(3):
        RegistrationFactory(cohort=world.cohort)
    before = Question.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    assert mail.outbox == []  # the demo's own mail is silenced
    created = Question.objects.filter(cohort=world.cohort).exclude(pk__in=[world.question.pk, world.open_question.pk])
    assert created.count() == len(demo.QUESTIONS) == Question.objects.count() - before
    assert Answer.objects.filter(question__in=created, is_accepted=True).count() == 1
    assert created.filter(status=Question.Status.OPEN).count() == 2
    assert MeToo.objects.filter(question__in=created).count() == 7
    first = created.get(title__startswith="Hvordan går vi fra vidensoverførsel")
    assert first.answers.get().author in first.session.experts.all()
    counts = (Question.objects.count(), Answer.objects.count(), MeToo.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    assert (Question.objects.count(), Answer.objects.count(), MeToo.objects.count()) == counts
