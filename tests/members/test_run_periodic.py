"""run_periodic: the scheduler docker-compose runs, one round of all periodic commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from members.management.commands import run_periodic
from members.models import Registration, SessionReminder
from members.services.registrations import registration_cancel, registration_create
from tests.factories.members import CohortFactory, SessionFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Registration.Status
ROOT = Path(__file__).resolve().parents[2]


def overdue_offer():
    """A cohort of one seat whose freed seat was offered to the next member, the offer now overdue."""
    cohort = CohortFactory(capacity=1)
    holder, first, second = UserFactory.create_batch(3)
    for user in (holder, first, second):
        registration_create(cohort=cohort, user=user)
    registration_cancel(registration_id=Registration.objects.get(cohort=cohort, user=holder).pk, by=StaffFactory())
    offered = Registration.objects.get(cohort=cohort, user=first)
    assert offered.status == S.OFFERED
    Registration.objects.filter(pk=offered.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    return cohort, first, second


def test_one_round_expires_offers_and_sends_reminders(capsys):
    cohort, first, second = overdue_offer()
    member = UserFactory()
    running = CohortFactory(capacity=5)
    registration_create(cohort=running, user=member)
    session = SessionFactory(cohort=running, starts_at=timezone.now() + timedelta(hours=30))
    call_command("run_periodic", "--once")
    out = capsys.readouterr().out
    assert "1 offer(s) expired" in out
    assert Registration.objects.get(cohort=cohort, user=first).status == S.EXPIRED
    assert Registration.objects.get(cohort=cohort, user=second).status == S.OFFERED  # the seat passed on
    assert "1 reminder(s) queued" in out
    assert list(SessionReminder.objects.filter(session=session).values_list("user", flat=True)) == [member.pk]
    assert "digest(s) recorded" in out


def test_a_failing_job_does_not_stop_the_others(monkeypatch, capsys):
    cohort, first, _ = overdue_offer()
    real = run_periodic.call_command

    def failing_reminders(name, **kwargs):
        if name == "send_session_reminders":
            raise RuntimeError("mail queue down")
        return real(name, **kwargs)

    monkeypatch.setattr(run_periodic, "call_command", failing_reminders)
    with pytest.raises(CommandError, match="failed: send_session_reminders"):
        call_command("run_periodic", "--once")
    assert Registration.objects.get(cohort=cohort, user=first).status == S.EXPIRED
    assert "digest(s) recorded" in capsys.readouterr().out


def test_interval_below_ten_seconds_is_refused():
    with pytest.raises(CommandError, match="at least 10"):
        call_command("run_periodic", "--interval", "1")


@pytest.mark.django_db
def test_the_loop_runs_rounds_until_sigterm():
    """The scheduler process itself: a first round at start, then a clean exit on SIGTERM."""
    from django.db import connection

    url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": urlunsplit(url),
        "DATABASE_POOL": "false",
        "PYTHONUNBUFFERED": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "run_periodic", "--interval", "3600"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "digest(s) recorded" in line:  # the last job of the first round
                break
        assert any("offer(s) expired" in line for line in lines), lines
        assert any("digest(s) recorded" in line for line in lines), lines
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
