"""Input and output shapes of the cohort endpoints. No rules here: those live in members.services."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from rest_framework import serializers

from members.models import Cohort, Registration, RoleLevel

MAX_SEATS = 10_000
MAX_OFFER_HOURS = 24 * 30


# --- Output -----------------------------------------------------------------------------


class ErrorOutput(serializers.Serializer):
    """Every 4xx: a human message and a machine-readable code."""

    detail = serializers.CharField()
    code = serializers.CharField()


class PersonOutput(serializers.Serializer):
    """An expert as the public sees them; ``email`` only for staff."""

    name = serializers.CharField(source="get_full_name")
    job_title = serializers.CharField()
    organization = serializers.CharField(source="organization.name", allow_null=True, default=None)
    email = serializers.EmailField(required=False)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("staff"):
            data.pop("email", None)
        return data


class SessionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField()
    online_url = serializers.CharField(required=False, help_text="Only for participants, experts and staff.")
    experts = PersonOutput(many=True, source="experts.all")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("member_access"):
            data.pop("online_url", None)
        return data


class PriceOutput(serializers.Serializer):
    currency = serializers.CharField(default="DKK")
    net = serializers.DecimalField(max_digits=12, decimal_places=2, source="price_net")
    vat_rate = serializers.DecimalField(max_digits=4, decimal_places=3)
    vat = serializers.DecimalField(max_digits=12, decimal_places=2, source="price_vat")
    gross = serializers.DecimalField(max_digits=12, decimal_places=2, source="price_gross")


class CohortOutput(serializers.Serializer):
    """A cohort with its seats, window, price and sessions (the queryset carries the seat annotations)."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    target_group = serializers.CharField()
    organizer = serializers.CharField()
    status = serializers.ChoiceField(choices=Cohort.Status.choices)
    seats_total = serializers.IntegerField(source="capacity")
    seats_taken = serializers.IntegerField()
    seats_left = serializers.IntegerField()
    waitlist_length = serializers.IntegerField()
    registration_opens_at = serializers.DateTimeField()
    registration_closes_at = serializers.DateTimeField()
    registration_open = serializers.SerializerMethodField()
    price = PriceOutput(source="*")
    allowed_role_levels = serializers.ListField(child=serializers.ChoiceField(choices=RoleLevel.choices))
    requires_approval = serializers.BooleanField()
    offer_hours = serializers.IntegerField()
    venue = serializers.CharField()
    online_fallback_url = serializers.CharField(required=False, help_text="Only for participants, experts and staff.")
    experts = PersonOutput(many=True, source="experts.all")
    sessions = SessionOutput(many=True, source="sessions.all")

    def get_registration_open(self, cohort) -> bool:
        now = timezone.now()
        return (
            cohort.status == Cohort.Status.PUBLISHED
            and cohort.registration_opens_at <= now < cohort.registration_closes_at
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("member_access"):
            data.pop("online_fallback_url", None)
        return data


class RegistrationOutput(serializers.Serializer):
    """The member's own registration."""

    id = serializers.IntegerField()
    cohort = serializers.CharField(source="cohort.slug", help_text="The cohort's slug.")
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    waitlist_position = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    offered_at = serializers.DateTimeField(allow_null=True)
    offer_expires_at = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)


class ParticipantOutput(serializers.Serializer):
    """One row of the organizer's list (also the CSV columns)."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="user.get_full_name")
    email = serializers.EmailField(source="user.email")
    organization = serializers.CharField(source="user.organization.name", default="")
    job_title = serializers.CharField(source="user.job_title")
    role_level = serializers.CharField(source="user.role_level")
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    waitlist_position = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    offer_expires_at = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)


class SubstituteOutput(serializers.Serializer):
    session = serializers.IntegerField(source="session.number")
    name = serializers.CharField(source="substitute.get_full_name")
    email = serializers.EmailField(source="substitute.email")
    created_at = serializers.DateTimeField()


# --- Input ------------------------------------------------------------------------------


class SessionInput(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=999)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField(required=False, allow_blank=True, max_length=2_000)
    online_url = serializers.URLField(required=False, allow_blank=True, max_length=200)
    experts = serializers.ListField(child=serializers.EmailField(max_length=254), required=False, max_length=50)

    def validate(self, attrs):
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError({"ends_at": "A session must end after it starts."})
        return attrs


class CohortInput(serializers.Serializer):
    """Create (all required fields) or PATCH (``partial=True``) a cohort."""

    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=100, required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    target_group = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    organizer = serializers.CharField(required=False, allow_blank=True, max_length=200)
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_SEATS)
    registration_opens_at = serializers.DateTimeField()
    registration_closes_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=Cohort.Status.choices, required=False)
    price_net = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0"), required=False, coerce_to_string=True
    )
    vat_rate = serializers.DecimalField(
        max_digits=4, decimal_places=3, min_value=Decimal("0"), max_value=Decimal("1"), required=False
    )
    allowed_role_levels = serializers.ListField(
        child=serializers.ChoiceField(choices=RoleLevel.choices), required=False, max_length=len(RoleLevel.choices)
    )
    requires_approval = serializers.BooleanField(required=False)
    offer_hours = serializers.IntegerField(min_value=1, max_value=MAX_OFFER_HOURS, required=False)
    venue = serializers.CharField(required=False, allow_blank=True, max_length=2_000)
    online_fallback_url = serializers.URLField(required=False, allow_blank=True, max_length=200)
    experts = serializers.ListField(child=serializers.EmailField(max_length=254), required=False, max_length=50)
    sessions = SessionInput(many=True, required=False, max_length=100)

    def validate(self, attrs):
        opens, closes = attrs.get("registration_opens_at"), attrs.get("registration_closes_at")
        if opens and closes and closes <= opens:
            raise serializers.ValidationError({"registration_closes_at": "Registration must close after it opens."})
        if "allowed_role_levels" in attrs:
            attrs["allowed_role_levels"] = list(dict.fromkeys(attrs["allowed_role_levels"]))
        return attrs


class SubstituteInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class RejectInput(serializers.Serializer):
    """Why staff reject a pending registration; sent to the member."""

    reason = serializers.CharField(max_length=500, allow_blank=False, trim_whitespace=True)
