"""Substitutes: a confirmed member sends a colleague to one session; the seat stays theirs.

The substitute's access to the cohort's materials and Q&A follows from the
``SessionSubstitute`` row and is decided in ``members.selectors`` (while the session is current).
"""

from __future__ import annotations

from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import notifications
from members.exceptions import Conflict, DomainError, Forbidden, NotFound
from members.models import Cohort, Registration, Session, SessionSubstitute, User

from .waitlist import cohort_lock


def substitute_name(
    *, cohort: Cohort, user: User, session_number: int, email: str, now: datetime | None = None
) -> tuple[SessionSubstitute, bool]:
    """Name the colleague with ``email`` as ``user``'s substitute for session ``session_number``.

    Rules: ``user`` holds a confirmed seat; the session exists and has not ended; the
    colleague is an existing, active user of the same organization with a verified
    email, not ``user``, holds no seat in the cohort and substitutes nobody else in that
    session. Naming someone else for the same session replaces the earlier substitute.
    Returns ``(substitute, changed)``; naming the same colleague again changes nothing.
    """
    now = now or timezone.now()
    email = (email or "").strip().lower()
    with transaction.atomic():
        # The cohort lock orders this after any concurrent cancellation of the seat.
        cohort_lock(cohort_id=cohort.pk)
        registration = Registration.objects.filter(cohort_id=cohort.pk, user=user).first()
        if registration is None or registration.status != Registration.Status.CONFIRMED:
            raise Conflict(_("Only a member with a confirmed seat can name a substitute."), code="not_confirmed")
        session = Session.objects.filter(cohort_id=cohort.pk, number=session_number).first()
        if session is None:
            raise NotFound(_("This cohort has no session with that number."), code="session_not_found")
        if session.ends_at <= now:
            raise Conflict(_("This session has already taken place."), code="session_over")
        colleague = User.objects.filter(email__iexact=email, is_active=True).select_related("organization").first()
        if colleague is None:
            raise DomainError(_("No member has that email address."), code="substitute_unknown")
        if colleague.pk == user.pk:
            raise DomainError(_("You cannot be your own substitute."), code="substitute_self")
        if user.organization_id is None or colleague.organization_id != user.organization_id:
            raise Forbidden(_("A substitute must come from your own organization."), code="substitute_other_org")
        if not EmailAddress.objects.filter(user=colleague, verified=True).exists():
            raise Conflict(
                _("Your colleague must verify their email address before they can be named."),
                code="substitute_unverified",
            )
        if Registration.objects.filter(
            cohort_id=cohort.pk, user=colleague, status__in=Registration.SEAT_HOLDING
        ).exists():
            raise Conflict(_("Your colleague already has a seat in this cohort."), code="substitute_registered")
        taken = SessionSubstitute.objects.filter(session=session, substitute=colleague).first()
        if taken is not None:
            if taken.registration_id == registration.pk:
                return taken, False
            raise Conflict(
                _("Your colleague is already a substitute for someone else in this session."),
                code="substitute_taken",
            )
        substitute, _created = SessionSubstitute.objects.update_or_create(
            session=session,
            registration=registration,
            defaults={"substitute": colleague, "created_at": now},
        )
        notifications.substitute_named(substitute.pk)
    return substitute, True
