"""The scheduler for deployments without cron: run the periodic commands every ``--interval`` seconds.

    python manage.py run_periodic               # every 300 s until SIGTERM (docker-compose's scheduler)
    python manage.py run_periodic --once        # one round, exit 1 if a job failed (for cron or a test)

Each round runs ``expire_offers`` (overdue seat offers pass to the next in line), then
``send_session_reminders`` and ``send_qa_digests``. All three are safe to overlap with another
run (row locks and unique claim rows), so a second scheduler or a manual run does no harm.
A failing job is logged and the round goes on with the next one; the loop keeps running.
"""

from __future__ import annotations

import logging
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

logger = logging.getLogger(__name__)

JOBS = ("expire_offers", "send_session_reminders", "send_qa_digests")


class Command(BaseCommand):
    help = "Run expire_offers, send_session_reminders and send_qa_digests every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=300, help="seconds between rounds (default 300)")
        parser.add_argument("--once", action="store_true", help="run one round and exit (1 if a job failed)")

    def handle(self, *args, interval: int, once: bool, **options):
        if interval < 10:
            raise CommandError("--interval must be at least 10 seconds.")
        if once:
            failed = self.run_round()
            if failed:
                raise CommandError(f"failed: {', '.join(failed)}")
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"run_periodic: every {interval} s: {', '.join(JOBS)}")
        while not stop.is_set():
            self.run_round()
            stop.wait(interval)

    def run_round(self) -> list[str]:
        """Run every job once; return the names of those that failed."""
        failed = []
        for name in JOBS:
            _drop_stale_connections()
            try:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
            except Exception:
                logger.exception("periodic job %s failed", name)
                failed.append(name)
        _drop_stale_connections()
        return failed


def _drop_stale_connections() -> None:
    """What Django does between requests, for a long-lived process: close connections that broke or aged.

    Not inside a caller's transaction (``call_command`` from a test or a shell), which is not ours to end.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
