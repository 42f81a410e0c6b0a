"""Load the demo data of every domain, idempotently: a second run changes nothing."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

# Each domain contributes a module with a `load()` function, run in this order.
DEMO_MODULES = [
    "members.demo.accounts",
    "members.demo.cohorts",
    "cms.demo",
    "qa.demo",
]


class Command(BaseCommand):
    help = "Load demo organizations, people, cohorts, library and Q&A from the seed documents."

    def handle(self, *args, **options):
        credentials = None
        for dotted in DEMO_MODULES:
            try:
                module = import_module(dotted)
            except ModuleNotFoundError as exc:
                if exc.name != dotted:
                    raise
                continue  # that domain has no demo data yet
            with transaction.atomic():
                result = module.load()
            if dotted == "members.demo.accounts":
                credentials = result
            self.stdout.write(f"demo: {dotted} loaded")
        if credentials:
            self.stdout.write(self.style.SUCCESS(
                f"\nDemo staff user (Wagtail admin at {settings.SITE_URL}/admin/):\n"
                f"  email:    {credentials['email']}\n  password: {credentials['password']}\n"
                "Every demo person shares that password (see README).\n"
            ))
