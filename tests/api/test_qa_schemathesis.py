"""Schemathesis against the whole /api/schema/ (every app's endpoints), in-process over WSGI.

For every operation of the schema, cases are drawn from four strategies: valid
and invalid inputs (schemathesis' positive and negative modes), each with
generated path parameters (mostly unknown ids and slugs: 404s) and with path
parameters pointing at real objects of a cohort the member belongs to, so
bodies and query strings are fuzzed against live rows. It runs signed in as a
confirmed member (X-Session-Token) and anonymously, with the checks
not_a_server_error, response_schema_conformance and ignored_auth.

The schema's operations are driven with ``operation.as_strategy`` inside one
test per identity rather than ``schemathesis.pytest.from_fixture``: the latter's
lazy loader reads ``Node._nodeid``, which pytest 9 removed.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import ignored_auth, response_schema_conformance

from config.wsgi import application
from tests.factories.qa import QAWorld, qa_world

CHECKS = [not_a_server_error, response_schema_conformance, ignored_auth]
MAX_EXAMPLES = 15  # per operation and identity: about a minute for the file
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: keep the run bounded; the failing case is printed
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def _wsgi_keeps_test_connection(db):
    """Like Django's test client: a request must not close the connection that holds the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(settings, _wsgi_keeps_test_connection):
    # Throttling has its own tests; here it would only turn later examples into 429s.
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(rates, "100000/min"),
    }
    return schemathesis.openapi.from_wsgi("/api/schema/", application)


def _real_path_parameters(operation, world: QAWorld) -> dict:
    """Values for the operation's path parameters that name the world's cohort, question and answer."""
    known = {"slug": world.cohort.slug, "question_id": world.question.pk, "answer_id": world.answer.pk}
    names = [p.name for p in operation.path_parameters]
    return {name: known[name] for name in names if name in known}


def _session_token(user) -> str:
    client = Client()
    client.force_login(user)
    return client.session.session_key


def _fuzz(schema, world: QAWorld, headers: dict) -> list[str]:
    """Fuzz every operation; returns one line per failing operation (empty when all pass)."""
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        strategies = [operation.as_strategy(mode) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]
        real = _real_path_parameters(operation, world)
        if real:
            strategies += [
                operation.as_strategy(mode, path_parameters=real)
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
            ]

        @given(case=st.one_of(strategies))
        @FUZZ_SETTINGS
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001  (schemathesis' FailureGroup is a BaseExceptionGroup; collect all)
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:2000]}")
    assert operations > 15, "the schema lost its operations"
    return failures


@pytest.mark.django_db
def test_whole_api_as_confirmed_member(api_schema):
    world = qa_world()
    failures = _fuzz(api_schema, world, {"X-Session-Token": _session_token(world.member)})
    assert not failures, "\n\n".join(failures)


@pytest.mark.django_db
def test_whole_api_anonymous(api_schema):
    world = qa_world()
    failures = _fuzz(api_schema, world, {})
    assert not failures, "\n\n".join(failures)
