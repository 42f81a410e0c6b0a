"""Factories for accounts, organizations, cohorts and sessions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from members.models import Cohort, Organization, Registration, RoleLevel, Session, User


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Jobcenter {n}")
    slug = factory.Sequence(lambda n: f"jobcenter-{n}")
    city = "København"


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified primary email (pass ``verified=False`` to skip it)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.dk")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    organization = factory.SubFactory(OrganizationFactory)
    job_title = "Afdelingsleder"
    role_level = RoleLevel.MANAGER
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class ExpertFactory(UserFactory):
    is_expert = True
    job_title = "Professor"
    role_level = RoleLevel.SPECIALIST


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True
    job_title = "Konsulent"


class CohortFactory(factory.django.DjangoModelFactory):
    """A published cohort whose registration window is open now."""

    class Meta:
        model = Cohort
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Masterclass {n}")
    slug = factory.Sequence(lambda n: f"masterclass-{n}")
    summary = "En masterclass for ledere."
    capacity = 15
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    registration_closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    status = Cohort.Status.PUBLISHED
    price_net = Decimal("18000.00")
    vat_rate = Decimal("0.250")
    allowed_role_levels = factory.LazyFunction(lambda: list(RoleLevel.management()))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Session {n + 1}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=40))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4, minutes=30))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration written directly (tests of rules go through the services)."""

    class Meta:
        model = Registration

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
