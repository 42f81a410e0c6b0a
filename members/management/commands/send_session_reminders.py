"""Send the reminder mail before each session; run it periodically (e.g. every 15 minutes)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from members.services.session_reminders import session_reminders_send


class Command(BaseCommand):
    help = (
        "Remind confirmed members and substitutes of sessions starting between --from-hours and --to-hours "
        "from now. Each person is reminded once per session, also when runs overlap."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from-hours", type=float, default=24, help="start of the window (default 24)")
        parser.add_argument("--to-hours", type=float, default=48, help="end of the window (default 48)")

    def handle(self, *args, from_hours: float, to_hours: float, **options):
        if from_hours < 0 or to_hours <= from_hours:
            raise CommandError("--to-hours must be greater than --from-hours, and both non-negative.")
        count = session_reminders_send(from_hours=from_hours, to_hours=to_hours)
        self.stdout.write(f"send_session_reminders: {count} reminder(s) queued")
