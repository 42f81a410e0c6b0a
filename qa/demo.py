"""Demo Q&A for the Væksthuset employment masterclass (seed 004): members ask, the session's expert answers.

Runs after ``members.demo.cohorts``. Finds the cohort by its demo slug (or, failing
that, by organizer); with no such cohort it does nothing. Everything goes through
the Q&A services, so the demo obeys the same rules as real traffic. Idempotent: a
question is created only if the cohort has none with its title, and answers,
acceptance and me-toos are added only to questions created in the same run.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.test.utils import override_settings

from members.models import Cohort, Registration, Session, User

from .materials import material_for_cohort
from .models import Question
from .services.answers import answer_accept, answer_create
from .services.questions import question_create, question_me_too

VAEKSTHUSET_SLUG = "beskaeftigelsesfaglig-masterclass-2027"

# (session number or None, title, body, answer by the session's expert or None, accepted, me-toos)
QUESTIONS = [
    (
        1,
        "Hvordan går vi fra vidensoverførsel til vidensmobilisering i teamet?",
        "Vi sender jævnligt rapporter rundt til medarbejderne, men de bliver sjældent brugt i samtalerne med "
        "borgerne. Hvad er det første konkrete skridt, hvis vi vil *mobilisere* viden i stedet for at "
        "*overføre* den?",
        "Start i praksis frem for i rapporten: vælg én type samtale, fx den første samtale med en ny "
        "kontanthjælpsmodtager, og lad teamet undersøge, hvad der faktisk sker i den. Bring derefter et "
        "enkelt begreb fra forskningen ind, fx **gribning i samtaler**, og brug det som linse på jeres egne "
        "eksempler. Viden bliver mobiliseret, når den bruges til at se noget nyt i egen praksis.",
        True,
        2,
    ),
    (
        2,
        "Hvilke BIP-indikatorer giver mest mening at følge op på i de første samtaler?",
        "Vi vil gerne bruge resultaterne fra Beskæftigelsesindikatorprojektet mere systematisk, men "
        "medarbejderne oplever det som endnu et skema. Hvilke indikatorer vil du prioritere, hvis vi kun "
        "kan tage to-tre med i første omgang?",
        "Tag udgangspunkt i de indikatorer, der viste den tydeligste sammenhæng med job: borgerens egen "
        "**jobparathed** og **tro på at komme i job**, og så de sociale relationer. Brug dem som "
        "samtaleemner, ikke som afkrydsning, og følg op på udviklingen over tid. Det er progressionen, "
        "ikke startniveauet, der er interessant.",
        False,
        1,
    ),
    (
        3,
        "Hvordan giver vi medarbejderne mere autonomi uden at miste dokumentationen?",
        "Vi vil gerne inddrage borgerne mere og give medarbejderne mere råderum, men vi skal stadig kunne "
        "dokumentere, at lovgivningen overholdes. Hvordan har andre jobcentre grebet den balance an?",
        None,
        False,
        3,
    ),
    (
        4,
        "Har I eksempler på sparringsformater, hvor ledere tør give kritisk feedback?",
        "I vores ledergruppe bliver sparringen hurtigt høflig. Findes der formater, der gør det lettere at "
        "tage de reelle dilemmaer op uden at det bliver personligt?",
        None,
        False,
        1,
    ),
]


@contextmanager
def _no_mail_after_commit():
    """Silence the demo's own Q&A mail: the services enqueue it after commit, in registration order."""
    override = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    transaction.on_commit(override.enable)
    try:
        yield
    finally:
        transaction.on_commit(override.disable)


def _cohort() -> Cohort | None:
    return (
        Cohort.objects.filter(slug=VAEKSTHUSET_SLUG).first()
        or Cohort.objects.filter(organizer="Væksthuset").order_by("id").first()
    )


# Demo questions that point to a material of the cohort's library (cms.demo), by title.
MATERIALS = {
    1: "Vidensmobilisering i jobcentret",
    2: "Hvad BIP lærer os om vejen til job",
}


def _material_id(cohort: Cohort, number: int | None) -> int | None:
    """The id of the demo material for a session's question, if the CMS demo created it."""
    title = MATERIALS.get(number)
    if title is None:
        return None
    try:
        from cms.selectors import materials_in_cohort
    except ImportError:
        return None
    page = materials_in_cohort(cohort.pk).filter(title=title).first()
    if page is None:
        return None
    material_for_cohort(page.pk, cohort)  # the same rule the API applies
    return page.pk


def _expert_for(cohort: Cohort, number: int | None) -> User | None:
    session = Session.objects.filter(cohort=cohort, number=number).first() if number else None
    if session is not None and session.experts.exists():
        return session.experts.order_by("id").first()
    return cohort.experts.order_by("id").first()


def load() -> None:
    """Create the demo questions, answers, an accepted answer and me-toos (idempotent)."""
    cohort = _cohort()
    if cohort is None:
        return
    members = list(
        User.objects.filter(registrations__cohort=cohort, registrations__status=Registration.Status.CONFIRMED).order_by(
            "registrations__confirmed_at", "id"
        )[:8]
    )
    if len(members) < 2:
        return
    existing = set(Question.objects.filter(cohort=cohort).values_list("title", flat=True))
    with transaction.atomic(), _no_mail_after_commit():
        for index, (number, title, body, answer_text, accepted, me_toos) in enumerate(QUESTIONS):
            if title in existing:
                continue
            asker = members[index % len(members)]
            has_session = number is not None and Session.objects.filter(cohort=cohort, number=number).exists()
            question = question_create(
                user=asker,
                cohort=cohort,
                title=title,
                body=body,
                session_number=number if has_session else None,
                material_id=_material_id(cohort, number),
            )
            others = [m for m in members if m.pk != asker.pk][:me_toos]
            for other in others:
                question_me_too(user=other, question=question)
            expert = _expert_for(cohort, number)
            if answer_text and expert is not None:
                answer = answer_create(user=expert, question=question, body=answer_text)
                if accepted:
                    answer_accept(user=asker, answer=answer)
