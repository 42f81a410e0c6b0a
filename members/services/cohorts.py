"""Staff create and change cohorts with their sessions and experts (named by email)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.exceptions import Conflict, DomainError, Forbidden
from members.models import Cohort, Session, User

from .waitlist import cohort_lock, offer_next_seats, seat_counts

COHORT_FIELDS = (
    "title",
    "slug",
    "summary",
    "target_group",
    "organizer",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "status",
    "price_net",
    "vat_rate",
    "allowed_role_levels",
    "requires_approval",
    "offer_hours",
    "venue",
    "online_fallback_url",
)
SESSION_FIELDS = ("title", "description", "starts_at", "ends_at", "venue", "online_url")


def _require_staff(by: User) -> None:
    if not (by.is_active and by.is_staff):
        raise Forbidden(_("Only staff can change cohorts."), code="staff_only")


def users_by_emails(emails: Iterable[str]) -> list[User]:
    """The users with these emails (case-insensitive); unknown emails raise a 400 naming them."""
    wanted = {e.strip().lower() for e in emails}
    if not wanted:
        return []
    found = list(User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=wanted))
    missing = wanted - {u.email.lower() for u in found}
    if missing:
        raise DomainError(
            _("No user with these email addresses: %(emails)s.") % {"emails": ", ".join(sorted(missing))},
            code="unknown_experts",
        )
    return found


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def cohort_slug_from_title(title: str) -> str:
    """A URL slug that spells Danish letters out (æ -> ae) instead of dropping them."""
    return slugify(title.translate(DANISH_LETTERS))[:100].strip("-")


def _check_window(cohort: Cohort) -> None:
    if cohort.registration_closes_at <= cohort.registration_opens_at:
        raise DomainError(_("Registration must close after it opens."), code="invalid_window")


def _save_sessions(cohort: Cohort, sessions: list[dict[str, Any]]) -> None:
    """Make the cohort's sessions exactly ``sessions`` (matched by number)."""
    numbers = [s["number"] for s in sessions]
    if len(numbers) != len(set(numbers)):
        raise DomainError(_("Session numbers must be unique."), code="invalid_sessions")
    for data in sessions:
        if data["ends_at"] <= data["starts_at"]:
            raise DomainError(
                _("Session %(number)s must end after it starts.") % {"number": data["number"]},
                code="invalid_sessions",
            )
    try:
        Session.objects.filter(cohort=cohort).exclude(number__in=numbers).delete()
    except (ProtectedError, RestrictedError) as exc:
        raise Conflict(_("A session with dependent content cannot be removed."), code="session_in_use") from exc
    existing = {s.number: s for s in Session.objects.filter(cohort=cohort)}
    for data in sessions:
        session = existing.get(data["number"]) or Session(cohort=cohort, number=data["number"])
        for field in SESSION_FIELDS:
            if field in data:
                setattr(session, field, data[field] if data[field] is not None else "")
        session.save()
        if "experts" in data:
            session.experts.set(users_by_emails(data["experts"]))


def cohort_create(*, by: User, data: dict[str, Any]) -> Cohort:
    """Create a cohort from validated ``data`` (model fields, ``sessions``, ``experts`` as emails)."""
    _require_staff(by)
    data = dict(data)
    sessions = data.pop("sessions", [])
    experts = data.pop("experts", [])
    if not data.get("slug"):
        data["slug"] = cohort_slug_from_title(data.get("title", ""))
        if not data["slug"]:
            raise DomainError(_("Give a slug; none can be made from this title."), code="invalid_slug")
    cohort = Cohort(**{k: v for k, v in data.items() if k in COHORT_FIELDS})
    _check_window(cohort)
    if Cohort.objects.filter(slug=cohort.slug).exists():
        raise Conflict(_("A cohort with this slug exists."), code="slug_taken")
    try:
        with transaction.atomic():
            cohort.save()
            cohort.experts.set(users_by_emails(experts))
            _save_sessions(cohort, sessions)
    except IntegrityError as exc:  # a concurrent create with the same slug
        raise Conflict(_("A cohort with this slug exists."), code="slug_taken") from exc
    return cohort


def cohort_update(*, cohort: Cohort, by: User, data: dict[str, Any], now: datetime | None = None) -> Cohort:
    """Change the given fields; ``sessions`` (if given) replaces the session list by number.

    Capacity may not drop below the seats already held (Conflict); raising it offers
    the new seats to the waiting list at once.
    """
    _require_staff(by)
    data = dict(data)
    sessions = data.pop("sessions", None)
    experts = data.pop("experts", None)
    try:
        with transaction.atomic():
            cohort = cohort_lock(cohort_id=cohort.pk)
            for field, value in data.items():
                if field in COHORT_FIELDS:
                    setattr(cohort, field, value)
            _check_window(cohort)
            if "slug" in data and Cohort.objects.filter(slug=cohort.slug).exclude(pk=cohort.pk).exists():
                raise Conflict(_("A cohort with this slug exists."), code="slug_taken")
            counts = seat_counts(cohort=cohort)
            if cohort.capacity < counts.held:
                raise Conflict(
                    _("Capacity cannot go below the %(held)s seats already taken.") % {"held": counts.held},
                    code="capacity_below_seats",
                )
            cohort.save()
            if experts is not None:
                cohort.experts.set(users_by_emails(experts))
            if sessions is not None:
                _save_sessions(cohort, sessions)
            offer_next_seats(cohort=cohort, now=now)
    except IntegrityError as exc:
        raise Conflict(_("The change conflicts with existing data."), code="conflict") from exc
    return cohort
