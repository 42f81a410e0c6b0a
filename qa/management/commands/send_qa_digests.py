"""Periodic: mail each upcoming session's Q&A digest (open and newly answered questions) once."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from qa.services.digests import digests_send_due


class Command(BaseCommand):
    help = "Send the Q&A digest of every session starting within the next N hours (once per session)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=None, help="Look-ahead (default QA_DIGEST_HOURS_BEFORE).")

    def handle(self, *args, hours=None, **options):
        digests = digests_send_due(hours=hours)
        for digest in digests:
            self.stdout.write(
                f"{digest.session}: {digest.open_count} open, {digest.answered_count} newly answered, "
                f"{digest.recipient_count} recipients"
            )
        self.stdout.write(f"{len(digests)} digest(s) recorded.")
