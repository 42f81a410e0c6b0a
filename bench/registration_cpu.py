"""CPU per seat registration in-process, one after another, and by phase: the rush's HTTP cost without contention.

    make bench-registration-cpu                        # throwaway PostgreSQL
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/registration_cpu.py --per-round 300

The seat rush (bench/seat_rush.py) measures the whole machine under load; this one says where a
single registration's CPU goes when nothing competes for the cores. In one run:

1. A fresh database (as in the seat rush, on a throwaway server unless DATABASE_URL is given),
   migrated; members with verified emails and app session tokens (``seat_rush.prepare``); a
   throwaway Redis as the cache when ``redis-server`` is installed; production settings and the
   database task queue: the configuration gunicorn gets in the rush.
2. ``POST /api/v1/cohorts/<slug>/registration`` for each member in turn, straight into the WSGI
   application (no server, no socket), a new 15-seat cohort per round. Prints the CPU time of
   this process per registration (best round); PostgreSQL's and Redis's CPU are not in it.
3. One more round with CPU timers around the phases (authentication, throttle, the view's cohort
   lookup, the service's verified-email check, lock, counts, insert, the mail task's enqueue
   after commit, the response serializer); the rest is Django, DRF, middleware and routing.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-round", type=int, default=300, help="registrations per round (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="untimed-phase rounds; the best is reported")
    return parser.parse_args()


def call(application, path: str, token: str) -> int:
    """One POST through the WSGI application; returns the status code."""
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1", "HTTP_ACCEPT": "application/json",
        "HTTP_X_SESSION_TOKEN": token, "CONTENT_LENGTH": "0", "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
    }
    status = []
    body = application(environ, lambda s, headers, exc_info=None: status.append(s))
    b"".join(body)
    return int(status[0].split()[0])


class PhaseTimers:
    """CPU timers wrapped around named functions for one round; ``stop`` puts the originals back."""

    def __init__(self):
        self.cpu: dict[str, float] = defaultdict(float)
        self._patched: list[tuple[object, str, object]] = []

    def wrap(self, owner, attribute: str, phase: str) -> None:
        original = getattr(owner, attribute)
        cpu = self.cpu

        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                cpu[phase] += time.process_time() - started

        self._patched.append((owner, attribute, original))
        setattr(owner, attribute, timed)

    def stop(self) -> None:
        for owner, attribute, original in reversed(self._patched):
            setattr(owner, attribute, original)


def timed_phases() -> PhaseTimers:
    from django_tasks.base import Task

    from api.authentication import AppSessionTokenAuthentication
    from api.cohorts import permissions, serializers, views
    from members.models import Registration
    from members.services import registrations

    timers = PhaseTimers()
    timers.wrap(AppSessionTokenAuthentication, "authenticate", "authentication (session, user, hash)")
    timers.wrap(permissions.RegistrationWriteThrottle, "allow_request", "throttle (Redis)")
    timers.wrap(views, "_cohort_or_404", "view: cohort lookup")
    timers.wrap(registrations, "member_check_verified", "service: verified-email check")
    timers.wrap(registrations, "cohort_lock", "service: lock (SELECT ... FOR UPDATE)")
    timers.wrap(registrations, "seat_counts", "service: counts")
    timers.wrap(Registration, "save", "service: insert")
    timers.wrap(Task, "enqueue", "mail task enqueue (after commit)")
    timers.wrap(serializers.RegistrationOutput, "to_representation", "response serializer")
    return timers


def run(per_round: int, rounds: int) -> int:
    import seat_rush  # bench/ is on sys.path (main)
    from django.core.wsgi import get_wsgi_application

    data = seat_rush.prepare(per_round, 15, warm=10)
    from django.utils import timezone

    from members.models import Cohort, RoleLevel

    application = get_wsgi_application()
    now = timezone.now()

    def new_cohort(label: str) -> str:
        return Cohort.objects.create(
            title=f"CPU {label}", slug=f"cpu-{label}", capacity=15, status=Cohort.Status.PUBLISHED,
            registration_opens_at=now - timedelta(hours=1), registration_closes_at=now + timedelta(days=7),
            allowed_role_levels=RoleLevel.management(),
        ).slug

    warm = new_cohort("warm")
    for token in data["warm_tokens"]:
        assert call(application, f"/api/v1/cohorts/{warm}/registration", token) == 201

    def one_round(label: str) -> float:
        path = f"/api/v1/cohorts/{new_cohort(label)}/registration"
        started = time.process_time()
        for token in data["tokens"]:
            status = call(application, path, token)
            if status != 201:
                raise SystemExit(f"registration answered {status}")
        return (time.process_time() - started) / len(data["tokens"]) * 1000

    results = [one_round(f"round-{n}") for n in range(rounds)]
    best = min(results)
    print(
        f"registration CPU in-process: {best:.2f} ms per request (best of {rounds} rounds of {per_round}; "
        f"rounds: {', '.join(f'{r:.2f}' for r in results)})"
    )
    timers = timed_phases()
    try:
        total = one_round("phases")
    finally:
        timers.stop()
    print(f"by phase (one more round with timers, {total:.2f} ms per request):")
    measured = 0.0
    for phase, seconds in sorted(timers.cpu.items(), key=lambda item: -item[1]):
        ms = seconds / per_round * 1000
        measured += ms
        print(f"  {phase:<42} {ms:5.2f} ms  {ms / total * 100:4.0f} %")
    rest = total - measured
    print(f"  {'the rest: Django, DRF, middleware, routing':<42} {rest:5.2f} ms  {rest / total * 100:4.0f} %")
    return 0


def main() -> int:
    args = parse_args()
    if not os.environ.get("DATABASE_URL"):
        return subprocess.call([PY, str(ROOT / "scripts" / "with_postgres.py"), "--", PY, *sys.argv])
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT / "bench"))
    import seat_rush

    from scripts.redis_server import throwaway_redis

    database_url = seat_rush.bench_database(os.environ["DATABASE_URL"])
    try:
        with throwaway_redis() as cache_url:
            env = seat_rush.server_env(database_url, cache_url)
            os.environ.update({k: v for k, v in env.items() if k != "PATH"})
            cache = "redis" if cache_url else "database"
            print(f"registration CPU: {args.per_round} members per round, cache: {cache}")
            subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
            subprocess.run([PY, "manage.py", "createcachetable"], env=env, check=True, cwd=ROOT)
            return run(args.per_round, args.rounds)
    finally:
        from django.db import connections

        connections.close_all()
        seat_rush.drop_database(database_url)


if __name__ == "__main__":
    sys.exit(main())
