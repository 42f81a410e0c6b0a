"""Seat rush: N members register at once for 15 seats through the real HTTP stack, then the SQL ceiling.

    make bench-seats                                  # 1,000 members, throwaway PostgreSQL
    .venv/bin/python bench/seat_rush.py --members 1000 --workers 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/seat_rush.py

What it does, in one run:

1. A fresh database (a throwaway server via scripts/with_postgres.py, or a new database
   ``<name>_seat_rush`` on the server in DATABASE_URL, dropped afterwards), migrated.
2. N verified members created with bulk_create, each with an app session token
   (``X-Session-Token``) written beforehand (to the database, and to the cache too when the
   session engine is cached_db, as a login would), so no login is measured; one published
   cohort with 15 seats.
3. gunicorn (``config.wsgi``, production settings, ``--workers`` sync workers) and, if
   ``redis-server`` is installed, a throwaway Redis as the shared cache (as in production;
   otherwise the database cache). Mail tasks go to the database queue, as in production.
4. N concurrent ``POST /api/v1/cohorts/<slug>/registration`` (asyncio, raw HTTP/1.1, one
   connection each, all started at once, bounded by --timeout). Prints confirmed and
   waitlisted counts, errors, p50/p99 latency and registrations per second, and checks
   the database: exactly 15 confirmed, waiting positions 1..N-15.
5. The ceiling: one probe member is first registered in-process the way the view does it,
   recording each statement's SQL text (cohort lookup, verified-email check, then lock, counts,
   insert in one transaction); those very texts are replayed with psycopg from as many
   connections as gunicorn has workers (each sync worker uses one connection at a time), for a
   second cohort and the same N members. Authentication and the mail task's insert after
   commit are not allocation SQL and are not in the ceiling. Then the ratio.

Targets: 0 errors, exactly 15 confirmed, ratio >= 0.5.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import queue
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SEATS = 15


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=1000, help="members registering at once (default 1000)")
    parser.add_argument("--seats", type=int, default=SEATS, help="cohort capacity (default 15)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument(
        "--sql-connections",
        type=int,
        default=None,
        help="psycopg connections for the ceiling (default: --workers, the DB connections gunicorn uses)",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds the whole rush may take")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    return parser.parse_args()


# --- environment --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_database(url: str) -> str:
    """Create a fresh database next to the one in ``url``; return its URL."""
    import psycopg

    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "postgres") + "_seat_rush"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def server_env(database_url: str, cache_url: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


# --- data ----------------------------------------------------------------------------------


def prepare(n: int, seats: int, warm: int) -> dict:
    """Members with verified emails and app session tokens, and identical cohorts (HTTP, SQL, probe, warm-up).

    ``warm`` more members register for a separate two-seat cohort before the rush, so every
    worker has run the registration path once (lazy imports, first queries) before it is timed.
    """
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from members.models import Cohort, Organization, RoleLevel, User

    org = Organization.objects.create(name="Jobcenter Bench", slug="jobcenter-bench")
    password = make_password("bench-password-not-secret")
    users = User.objects.bulk_create(
        [
            User(
                email=f"member{i}@bench.example",
                first_name="Member",
                last_name=str(i),
                organization=org,
                role_level=RoleLevel.MANAGER,
                password=password,
            )
            for i in range(n + warm)
        ]
    )
    # One more member, registered in-process to record the service's SQL for the ceiling.
    probe = User.objects.create(
        email="probe@bench.example", organization=org, role_level=RoleLevel.MANAGER, password=password
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in [*users, probe]]
    )
    expires = timezone.now() + timedelta(days=1)
    store = SessionStore()
    sessions, tokens = [], []
    for user in users:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        tokens.append(key)
    Session.objects.bulk_create(sessions)
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        # With cached_db (a Redis cache) a login writes the session to the cache as well; loading
        # each one once through the configured engine puts it there the same way.
        engine = import_module(settings.SESSION_ENGINE)
        for key in tokens:
            engine.SessionStore(session_key=key).load()
    now = timezone.now()
    cohorts = [
        Cohort.objects.create(
            title=f"Seat rush {label}",
            slug=f"seat-rush-{label}",
            capacity=2 if label == "warm" else seats,
            registration_opens_at=now - timedelta(hours=1),
            registration_closes_at=now + timedelta(days=7),
            status=Cohort.Status.PUBLISHED,
            allowed_role_levels=RoleLevel.management(),
        )
        for label in ("http", "sql", "probe", "warm")
    ]
    from django.db import connections

    connections.close_all()
    return {
        "tokens": tokens[:n],
        "warm_tokens": tokens[n:],
        "user_ids": [u.pk for u in users[:n]],
        "emails": [u.email for u in users[:n]],
        "http": cohorts[0],
        "sql": cohorts[1],
        "probe": cohorts[2],
        "warm": cohorts[3],
        "probe_email": probe.email,
    }


def check_database(cohort_id: int, n: int, seats: int) -> tuple[int, bool]:
    """Confirmed count, and whether the waiting positions are exactly 1..n-seats."""
    from django.db import connections

    from members.models import Registration

    rows = Registration.objects.filter(cohort_id=cohort_id)
    confirmed = rows.filter(status=Registration.Status.CONFIRMED).count()
    positions = sorted(rows.filter(status=Registration.Status.WAITLISTED).values_list("waitlist_position", flat=True))
    connections.close_all()
    return confirmed, positions == list(range(1, n - seats + 1))


def cpu_busy_seconds() -> float | None:
    """CPU time the whole machine has spent busy so far (Linux ``/proc/stat``), or None elsewhere."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


PROCESS_KINDS = ("gunicorn", "postgres", "redis-server")


def cpu_by_process_kind() -> dict[str, float]:
    """CPU seconds used so far by the live processes of each kind (by program name), and by this client.

    Processes that end meanwhile are not counted, so this is for the HTTP phase, whose database
    connections (gunicorn's pool) stay open until the server stops.
    """
    tick = os.sysconf("SC_CLK_TCK")
    used = dict.fromkeys((*PROCESS_KINDS, "client"), 0.0)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat, open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                fields, command = stat.read().rsplit(")", 1)[1].split(), cmdline.read().decode(errors="replace")
        except OSError:
            continue
        # The program is the first or, under an interpreter, the second word: "postgres: …" for a
        # backend, "…/bin/python …/bin/gunicorn …" for a worker ("with_postgres.py" is neither).
        programs = [os.path.basename(word) for word in command.split("\0")[:2]]
        kind = "client" if int(pid) == os.getpid() else next(
            (k for k in PROCESS_KINDS if any(program.startswith(k) for program in programs)), None
        )
        if kind:
            used[kind] += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return used


def measured(func, *args, by_process: bool = False):
    """Run ``func(*args)``; add ``cpu`` (machine CPU seconds busy meanwhile, or None) to its result.

    With ``by_process``, also ``cpu_by_kind``: the CPU seconds of gunicorn, PostgreSQL, Redis and
    this client meanwhile (Linux only).
    """
    before = cpu_busy_seconds()
    kinds_before = cpu_by_process_kind() if by_process and before is not None else None
    result = func(*args)
    after = cpu_busy_seconds()
    result["cpu"] = after - before if before is not None and after is not None else None
    if kinds_before is not None:
        kinds_after = cpu_by_process_kind()
        result["cpu_by_kind"] = {k: kinds_after[k] - kinds_before[k] for k in kinds_before}
    return result


# --- the HTTP rush ----------------------------------------------------------------------------


async def register(port: int, path: str, token: str, deadline: float) -> tuple[int, dict | None, float]:
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Session-Token: {token}\r\n"
        "Accept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ).encode()
    started = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), deadline)
    try:
        writer.write(request)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), deadline)
    finally:
        writer.close()
    elapsed = time.perf_counter() - started
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    return status, data, elapsed


async def rush(port: int, slug: str, tokens: list[str], timeout: float) -> dict:
    path = f"/api/v1/cohorts/{slug}/registration"
    started = time.perf_counter()
    results = await asyncio.gather(*(register(port, path, t, timeout) for t in tokens), return_exceptions=True)
    wall = time.perf_counter() - started
    latencies, statuses, errors = [], {}, []
    for result in results:
        if isinstance(result, BaseException):
            errors.append(repr(result))
            continue
        status, data, elapsed = result
        latencies.append(elapsed)
        if status == 201 and data:
            statuses[data["status"]] = statuses.get(data["status"], 0) + 1
        else:
            errors.append(f"HTTP {status}: {data}")
    return {"wall": wall, "latencies": latencies, "statuses": statuses, "errors": errors}


def start_gunicorn(env: dict, port: int, workers: int, warm_slug: str, warm_tokens: list[str]) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            str(Path(PY).with_name("gunicorn")),
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "4096",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    import urllib.request

    for _ in range(200):
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response,
        ):
            if response.status == 200:
                # Warm every worker (imports, pools, the registration path with its mail task) so
                # the rush measures steady state: a cohort list each, then registrations for the
                # two-seat warm-up cohort, sent together so that every worker takes some.
                for _ in range(workers * 4):
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/cohorts/", timeout=5).read()
                warm = asyncio.run(rush(port, warm_slug, warm_tokens, 60))
                if warm["errors"]:
                    proc.terminate()
                    raise SystemExit(f"warm-up registrations failed: {warm['errors'][:3]}")
                return proc
        if proc.poll() is not None:
            raise SystemExit("gunicorn did not start")
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


# --- the SQL ceiling ----------------------------------------------------------------------------


def service_statements(slug: str, email: str) -> dict:
    """Register one probe member in-process the way the view does, recording every statement's text.

    The ceiling replays these texts (with its own parameters), so it issues exactly the SQL the
    service issues: the view's cohort lookup, the verified-email check, then lock, counts and
    insert in one transaction. Authentication and the mail task's insert (after commit) are not
    allocation SQL and are left out. Raises if the service's statements change shape.
    """
    from django.db import connection, connections
    from django.shortcuts import get_object_or_404

    from members.models import Cohort, Registration, User
    from members.selectors import cohorts_visible_to
    from members.services.registrations import registration_create

    user = User.objects.get(email=email)
    recorded: list[tuple[str, tuple]] = []

    def record(execute, sql, params, many, context):
        recorded.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        cohort = get_object_or_404(cohorts_visible_to(user), slug=slug)
        registration, _ = registration_create(cohort=cohort, user=user)
    shapes = [
        ("lookup", "SELECT", '"members_cohort"', "FOR UPDATE", False),
        ("verified", "SELECT", '"account_emailaddress"', "", True),
        ("lock", "SELECT", '"members_cohort"', "FOR UPDATE", True),
        ("counts", "SELECT", '"members_registration"', "COUNT(", True),
        ("insert", 'INSERT INTO "members_registration"', "", "", True),
    ]
    statements = {}
    for (name, head, table, marker, present), (sql, params) in zip(shapes, recorded, strict=False):
        if not (sql.startswith(head) and table in sql and (marker in sql) == present):
            raise SystemExit(f"the registration SQL changed ({name}: {sql[:120]}); update bench/seat_rush.py")
        statements[name] = (sql, params)
    if len(statements) != len(shapes) or registration.status != Registration.Status.CONFIRMED:
        raise SystemExit(f"unexpected registration statements: {[sql[:60] for sql, _ in recorded]}")
    columns = [f.column for f in Cohort._meta.concrete_fields]
    insert_sql = statements["insert"][0]
    statements["insert_columns"] = [c.strip(' "') for c in insert_sql.split("(", 2)[1].split(")")[0].split(",")]
    statements["capacity_index"] = columns.index("capacity")
    statements["probe"] = {"cohort_id": cohort.pk, "user_id": user.pk, "slug": slug, "email": email}
    connections.close_all()
    return statements


def sql_ceiling(
    database_url: str, statements: dict, slug: str, user_ids: list[int], emails: list[str], connections: int
) -> dict:
    """The service's registration statements, replayed with psycopg from ``connections`` connections."""
    import psycopg

    probe = statements["probe"]

    def slots(params: tuple) -> list[str | None]:
        # Which parameter is the probe's slug, cohort, member or email (by value and type).
        found = []
        for param in params:
            keys = [k for k, v in probe.items() if type(param) is type(v) and param == v]
            if len(keys) > 1:
                raise SystemExit(f"ambiguous probe parameter {param!r}")
            found.append(keys[0] if keys else None)
        return found

    templates = {k: slots(statements[k][1]) for k in ("lookup", "verified", "lock", "counts")}

    def swap(name: str, values: dict) -> tuple:
        return tuple(
            values[key] if key else param for key, param in zip(templates[name], statements[name][1], strict=True)
        )

    jobs: queue.Queue = queue.Queue()
    for job in zip(user_ids, emails, strict=True):
        jobs.put(job)
    outcomes: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(connections + 1)
    lookup, verified, lock_row, counts, insert = (
        statements[k] for k in ("lookup", "verified", "lock", "counts", "insert")
    )
    insert_columns, capacity_at = statements["insert_columns"], statements["capacity_index"]

    def worker():
        with psycopg.connect(database_url) as conn:
            conn.autocommit = True
            barrier.wait()
            while True:
                try:
                    user_id, email = jobs.get_nowait()
                except queue.Empty:
                    return
                values = {"slug": slug, "user_id": user_id, "email": email, "cohort_id": None}
                values["cohort_id"] = conn.execute(lookup[0], swap("lookup", values)).fetchone()[0]
                if conn.execute(verified[0], swap("verified", values)).fetchone() is None:
                    raise RuntimeError(f"{email} is not verified")
                with conn.transaction():
                    capacity = conn.execute(lock_row[0], swap("lock", values)).fetchone()[capacity_at]
                    held, waiting, last, own = conn.execute(counts[0], swap("counts", values)).fetchone()
                    if own is not None:
                        raise RuntimeError(f"member {user_id} registered twice")
                    now = datetime.now(UTC)
                    if held < capacity and waiting == 0:
                        status, position, confirmed_at = "confirmed", None, now
                    else:
                        status, position, confirmed_at = "waitlisted", (last or 0) + 1, None
                    row = dict(zip(insert_columns, insert[1], strict=True))
                    row.update(
                        cohort_id=values["cohort_id"],
                        user_id=user_id,
                        status=status,
                        waitlist_position=position,
                        created_at=now,
                        confirmed_at=confirmed_at,
                    )
                    conn.execute(insert[0], tuple(row[c] for c in insert_columns)).fetchone()
                with lock:
                    outcomes.append(status)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {"wall": wall, "confirmed": outcomes.count("confirmed"), "waitlisted": outcomes.count("waitlisted")}


# --- main ---------------------------------------------------------------------------------------


def main() -> int:
    args = parse_args()
    if not os.environ.get("DATABASE_URL"):
        # Re-run inside a throwaway PostgreSQL.
        return subprocess.call([PY, str(ROOT / "scripts" / "with_postgres.py"), "--", PY, *sys.argv])
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    database_url = bench_database(os.environ["DATABASE_URL"])
    from scripts.redis_server import throwaway_redis

    with throwaway_redis() as cache_url:
        env = server_env(database_url, cache_url)
        os.environ.update({k: v for k, v in env.items() if k != "PATH"})
        try:
            print(
                f"seat rush: {args.members} members, {args.seats} seats, {args.workers} gunicorn workers, "
                f"cache: {'redis' if cache_url else 'database'}",
                flush=True,
            )
            subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
            subprocess.run([PY, "manage.py", "createcachetable"], env=env, check=True, cwd=ROOT)
            data = prepare(args.members, args.seats, warm=args.workers * 4)
            statements = service_statements(data["probe"].slug, data["probe_email"])
            port = free_port()
            server = start_gunicorn(env, port, args.workers, data["warm"].slug, data["warm_tokens"])
            try:
                result = measured(
                    lambda: asyncio.run(
                        asyncio.wait_for(rush(port, data["http"].slug, data["tokens"], args.timeout), args.timeout + 5)
                    ),
                    by_process=True,
                )
            finally:
                server.terminate()
                server.wait(timeout=30)
            confirmed_db, positions_ok = check_database(data["http"].pk, args.members, args.seats)
            ceiling = measured(
                sql_ceiling,
                database_url,
                statements,
                data["sql"].slug,
                data["user_ids"],
                data["emails"],
                args.sql_connections or args.workers,
            )
            report(args, result, ceiling, confirmed_db, positions_ok)
            ok = (
                not result["errors"]
                and result["statuses"].get("confirmed") == args.seats
                and confirmed_db == args.seats
                and positions_ok
                and ceiling["confirmed"] == args.seats
            )
            return 0 if ok else 1
        finally:
            if not args.keep:
                from django.db import connections

                connections.close_all()
                drop_database(database_url)


def report(args, result, ceiling, confirmed_db, positions_ok) -> None:
    lat = sorted(result["latencies"]) or [0.0]
    p50 = statistics.median(lat)
    p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
    http_rate = args.members / result["wall"]
    sql_rate = args.members / ceiling["wall"]
    counts = result["statuses"]
    print(
        f"HTTP  confirmed={counts.get('confirmed', 0)} waitlisted={counts.get('waitlisted', 0)} "
        f"errors={len(result['errors'])}"
    )
    for error in result["errors"][:5]:
        print(f"      {error}")
    print(
        f"      database: confirmed={confirmed_db} waiting positions 1..{args.members - args.seats} "
        f"{'without gaps' if positions_ok else 'BROKEN'}"
    )
    print(
        f"      p50={p50 * 1000:.0f} ms p99={p99 * 1000:.0f} ms wall={result['wall']:.2f} s "
        f"rate={http_rate:.0f} registrations/s"
    )
    print(
        f"SQL   confirmed={ceiling['confirmed']} waitlisted={ceiling['waitlisted']} wall={ceiling['wall']:.2f} s "
        f"rate={sql_rate:.0f} registrations/s ({args.sql_connections or args.workers} psycopg connections)"
    )
    cores = os.cpu_count() or 1
    for label, run in (("HTTP", result), ("SQL", ceiling)):
        if run["cpu"] is not None:
            print(
                f"CPU   {label}: {run['cpu'] / run['wall']:.1f} of {cores} cores busy, "
                f"{run['cpu'] / args.members * 1000:.2f} ms per registration (whole machine)"
            )
        if run.get("cpu_by_kind"):
            parts = ", ".join(f"{k} {v / args.members * 1000:.2f}" for k, v in run["cpu_by_kind"].items())
            print(f"      by process: {parts} ms per registration")
    print(f"ratio HTTP/SQL = {http_rate / sql_rate:.2f} (target >= 0.5)")


if __name__ == "__main__":
    sys.exit(main())
