"""A cohort with a library of three materials and one person per access role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Registration, SessionSubstitute
from tests.factories import cms as pages
from tests.factories.members import (
    CohortFactory,
    ExpertFactory,
    RegistrationFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)

SECRET = "samskabelsesstrategi"  # a word only the member-only fields contain


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test files go to a per-test folder that pytest cleans up."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _wagtail_roots(request):
    """Recreate Wagtail's migration rows if a transactional test flushed them earlier in the run."""
    if request.node.get_closest_marker("django_db") or "db" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        pages.ensure_wagtail_roots()


@dataclass
class Library:
    cohort: object
    sessions: list
    library: object
    literature: object
    episode: object
    article: object
    people: dict


READERS = {"member", "substitute_current", "expert", "staff"}
ROLES = [
    "anonymous", "outsider", "waitlisted", "member", "substitute_current", "substitute_not_current",
    "expert_other", "expert", "staff",
]


@pytest.fixture
def world(db) -> Library:
    """The library and the people of the visibility matrix (``ROLES``; ``READERS`` may read)."""
    now = timezone.now()
    cohort = CohortFactory()
    session1 = SessionFactory(cohort=cohort, number=1, starts_at=now - timedelta(hours=1),
                              ends_at=now + timedelta(days=1))
    session2 = SessionFactory(cohort=cohort, number=2, starts_at=now + timedelta(days=30),
                              ends_at=now + timedelta(days=30, hours=4))
    lib = pages.library(cohort)
    summary = f"<p>Hemmeligt resumé om {SECRET} for medlemmer.</p>"
    literature = pages.literature(lib, sessions=[session1], summary=summary, title="Rapport om relationel velfærd")
    episode = pages.episode(lib, sessions=[session1], transcript=f"Hemmelig transskription om {SECRET}.")
    article = pages.article(lib, body=[("paragraph", {"text": f"<p>Hemmelig artikeltekst om {SECRET}.</p>"})])

    member = UserFactory()
    registration = RegistrationFactory(cohort=cohort, user=member)
    waitlisted = UserFactory()
    RegistrationFactory(cohort=cohort, user=waitlisted, status=Registration.Status.WAITLISTED,
                        waitlist_position=1, confirmed_at=None)
    substitute_current = UserFactory(organization=member.organization)
    SessionSubstitute.objects.create(session=session1, registration=registration, substitute=substitute_current)
    substitute_not_current = UserFactory(organization=member.organization)
    SessionSubstitute.objects.create(session=session2, registration=registration, substitute=substitute_not_current)
    expert = ExpertFactory()
    cohort.experts.add(expert)
    other = CohortFactory()
    expert_other = ExpertFactory()
    other.experts.add(expert_other)
    people = {
        "anonymous": None,
        "outsider": UserFactory(),
        "waitlisted": waitlisted,
        "member": member,
        "substitute_current": substitute_current,
        "substitute_not_current": substitute_not_current,
        "expert_other": expert_other,
        "expert": expert,
        "staff": StaffFactory(),
    }
    return Library(cohort, [session1, session2], lib, literature, episode, article, people)


@pytest.fixture
def client_as(client):
    """``client_as(user)``: the Django test client signed in as ``user`` (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make
