"""Accounts, organizations, cohorts, sessions and seats.

The rules that change these rows (seat allocation, the waiting list, substitutes)
live in ``members.services``; the queries that decide who may see what live in
``members.selectors``. Models hold data, constraints and derived read-only values.
"""

from __future__ import annotations

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    """An employer (municipality, job centre, agency); substitutes come from the same one."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DK")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    """Users are keyed by a case-insensitively unique email address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class RoleLevel(models.TextChoices):
    """Where a person sits in their organization; eligibility rules read it."""

    DIRECTOR = "director", _("Director / head of department")
    MANAGER = "manager", _("Manager")
    TEAM_LEAD = "team_lead", _("Team lead")
    SPECIALIST = "specialist", _("Specialist / consultant")
    PRACTITIONER = "practitioner", _("Practitioner")
    OTHER = "other", _("Other")

    @classmethod
    def management(cls) -> list[str]:
        """The levels that count as 'chef- eller lederniveau'."""
        return [cls.DIRECTOR, cls.MANAGER, cls.TEAM_LEAD]


def new_feed_token() -> str:
    """A secret for personal feed URLs (podcast RSS, calendar); rotating it revokes old URLs."""
    return secrets.token_urlsafe(32)


class User(AbstractBaseUser, PermissionsMixin):
    """A person on the platform; the profile fields live here, on the user itself.

    Roles: every account is a member; ``is_expert`` marks experts who answer
    questions; ``is_staff`` marks organizers who run cohorts and the admin.
    """

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        related_name="people",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    role_level = models.CharField(
        _("role level"), max_length=20, choices=RoleLevel.choices, default=RoleLevel.OTHER
    )
    bio = models.TextField(_("bio"), blank=True)
    is_expert = models.BooleanField(_("expert"), default=False)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    feed_token = models.CharField(_("feed token"), max_length=64, unique=True, default=new_feed_token, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def roles(self) -> list[str]:
        """The role names shown to clients: member, expert, staff."""
        roles = ["member"]
        if self.is_expert:
            roles.append("expert")
        if self.is_staff:
            roles.append("staff")
        return roles


def default_offer_hours() -> int:
    """A new cohort's time to accept a seat offer: SEAT_OFFER_HOURS_DEFAULT (48 unless configured)."""
    return settings.SEAT_OFFER_HOURS_DEFAULT


class CohortQuerySet(models.QuerySet["Cohort"]):
    def published(self) -> CohortQuerySet:
        """Cohorts the public may see (published, closed for registration, or finished)."""
        return self.exclude(status=Cohort.Status.DRAFT)

    def with_seat_counts(self) -> CohortQuerySet:
        """Annotate ``seats_taken`` (confirmed, offered, pending), ``seats_left`` and ``waitlist_length``.

        Correlated subqueries, so the annotation composes with other joins and prefetches.
        For display only: a decision about a seat re-counts under the cohort lock.
        """
        def count(statuses):
            rows = (
                Registration.objects.filter(cohort=models.OuterRef("pk"), status__in=statuses)
                .order_by()
                .values("cohort")
                .annotate(n=models.Count("id"))
                .values("n")
            )
            return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)

        return self.annotate(
            seats_taken=count(Registration.SEAT_HOLDING),
            waitlist_length=count([Registration.Status.WAITLISTED]),
        ).annotate(seats_left=Greatest(models.F("capacity") - models.F("seats_taken"), 0))


class Cohort(models.Model):
    """A masterclass series sold as a capped group of seats."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        FINISHED = "finished", _("Finished")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    organizer = models.CharField(_("organizer"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    price_net = models.DecimalField(
        _("price excl. VAT (DKK)"), max_digits=10, decimal_places=2, default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    vat_rate = models.DecimalField(
        _("VAT rate"), max_digits=4, decimal_places=3, default=Decimal("0.250"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    allowed_role_levels = models.JSONField(
        _("allowed role levels"), default=list, blank=True,
        help_text=_("Empty means everyone may register."),
    )
    requires_approval = models.BooleanField(_("requires staff approval"), default=False)
    offer_hours = models.PositiveIntegerField(
        _("hours to accept a seat offer"), default=default_offer_hours, validators=[MinValueValidator(1)]
    )
    venue = models.TextField(_("venue"), blank=True)
    online_fallback_url = models.URLField(_("online fallback"), blank=True)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("experts"), related_name="expert_cohorts", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["registration_opens_at", "title"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="cohort_registration_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def price_vat(self) -> Decimal:
        return (self.price_net * self.vat_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def price_gross(self) -> Decimal:
        return self.price_net + self.price_vat


class Session(models.Model):
    """One meeting of a cohort, numbered from 1."""

    cohort = models.ForeignKey(Cohort, related_name="sessions", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("experts"), related_name="expert_sessions", blank=True
    )
    venue = models.TextField(_("venue"), blank=True)
    online_url = models.URLField(_("online link"), blank=True)

    class Meta:
        ordering = ["cohort", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="session_number_unique"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.number}. {self.title}"


class Registration(models.Model):
    """One member's place in one cohort: a seat, an offer, or a place in the queue.

    Seat-holding statuses are CONFIRMED, OFFERED and PENDING (awaiting staff
    approval); only WAITLISTED rows carry a ``waitlist_position``, which runs
    1..n without gaps per cohort.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        OFFERED = "offered", _("Offered a seat")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined the offer")
        EXPIRED = "expired", _("Offer expired")
        WITHDRAWN = "withdrawn", _("Left the waiting list")
        REJECTED = "rejected", _("Not approved")

    SEAT_HOLDING = (Status.CONFIRMED, Status.OFFERED, Status.PENDING)
    # Not a "usage" of the cohort or user worth listing in Wagtail, and indexing it would add
    # several queries inside every seat transaction (while the cohort row is locked).
    wagtail_reference_index_ignore = True

    cohort = models.ForeignKey(Cohort, related_name="registrations", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="registrations", on_delete=models.CASCADE)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(_("waiting list position"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True, blank=True
    )
    end_reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["cohort", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="registration_one_per_member"),
            # Deferred so that closing a gap (position = position - 1) is one UPDATE.
            models.UniqueConstraint(
                fields=["cohort", "waitlist_position"],
                name="registration_waitlist_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(
                condition=(Q(status="waitlisted", waitlist_position__isnull=False, waitlist_position__gte=1)
                           | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True))),
                name="registration_position_iff_waitlisted",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_deadline",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"], name="registration_cohort_status")]

    def __str__(self) -> str:
        return f"{self.user} – {self.cohort} ({self.get_status_display()})"


class SessionSubstitute(models.Model):
    """A colleague who attends one session in place of a confirmed member.

    The seat stays the member's; the substitute gets the cohort's materials and
    Q&A while that session is current (see ``members.selectors``).
    """

    wagtail_reference_index_ignore = True

    session = models.ForeignKey(Session, related_name="substitutes", on_delete=models.CASCADE)
    registration = models.ForeignKey(Registration, related_name="substitutes", on_delete=models.CASCADE)
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="substitutions", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("substitute")
        verbose_name_plural = _("substitutes")
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="substitute_one_per_seat_session"),
            models.UniqueConstraint(fields=["session", "substitute"], name="substitute_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} for {self.registration.user} ({self.session})"


class SessionReminder(models.Model):
    """Records that a person was reminded of a session, so reminders go out once."""

    session = models.ForeignKey(Session, related_name="reminders", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="reminder_once_per_session")]

    def __str__(self) -> str:
        return f"{self.user} – {self.session}"
