"""Run periodically (e.g. every 5 minutes from cron or a scheduler): end overdue seat offers, pass seats on."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from members.services.waitlist import offers_expire


class Command(BaseCommand):
    help = "Expire seat offers past their deadline and offer freed seats to the next on the waiting list."

    def handle(self, *args, **options):
        expired = offers_expire()
        self.stdout.write(f"{expired} offer(s) expired.")
