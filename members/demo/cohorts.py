"""Demo cohorts from the seeds: Væksthuset's employment masterclass and RV Lab's relational welfare masterclass.

Both are created through the cohort service and filled through the seat services
(``registration_create``, ``registration_cancel``, ``substitute_name``), so the demo
obeys the same invariants as real traffic: 15 seats held, a waiting list 1..n, one
open offer after a cancellation, and a substitute for one session.

Idempotent: a cohort is created only if its slug is missing, and a person is
registered only if they have no registration for that cohort yet, so a second run
changes nothing.

Dates: the seeds describe past runs (Væksthuset 2021; RV Lab 12-13 August 2026,
already over on the demo's "today"). For a live demo both are moved to the next
occurrence on the same days and months in 2027, with registration open now.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from members.demo.accounts import DEMO_PASSWORD, STAFF_EMAIL, _verified
from members.models import Cohort, Organization, Registration, RoleLevel, Session, User
from members.services.cohorts import cohort_create
from members.services.registrations import registration_cancel, registration_create
from members.services.substitutes import substitute_name

CPH = ZoneInfo("Europe/Copenhagen")
VAEKSTHUSET_SLUG = "beskaeftigelsesfaglig-masterclass-2027"
RV_LAB_SLUG = "masterclass-i-relationel-velfaerd-2027"


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


# Seed 004 ran Mondays 7 June, 30 August, 4 October and 22 November 2021, 10:00-14:30 in
# Copenhagen; moved to the same dates in 2027 (which are Mondays again).
VAEKSTHUSET = {
    "title": "Beskæftigelsesfaglig masterclass",
    "slug": VAEKSTHUSET_SLUG,
    "organizer": "Væksthuset",
    "summary": (
        "Et lukket netværk for chefer og ledere i beskæftigelsesindsatsen, hvor forskning og praksis mødes. "
        "Fire sessioner med hver sin forsker, litteratur og podcasts mellem møderne, og eksperter der svarer "
        "på spørgsmål undervejs."
    ),
    "target_group": "Chefer og ledere i beskæftigelsesfaglige organisationer (chef- eller lederniveau).",
    "capacity": 15,
    "registration_opens_at": _at(2026, 11, 1, 9),
    "registration_closes_at": _at(2027, 5, 17, 12),
    "status": Cohort.Status.PUBLISHED,
    "price_net": Decimal("18000.00"),
    "vat_rate": Decimal("0.250"),
    "allowed_role_levels": list(RoleLevel.management()),
    "offer_hours": 48,
    "venue": "Væksthuset, København",
    "online_fallback_url": "https://meet.example.org/vaeksthuset-masterclass",
    "experts": [
        "dorte.caswell@aau.example", "charlotte.liebak@vaeksthuset.example",
        "flemming.larsen@aau.example", "leif.kongsgaard@vaeksthuset.example",
    ],
    "sessions": [
        {
            "number": 1, "title": "Hvordan får vi forskning og praksis til at spille sammen?",
            "description": "Vidensmobilisering i stedet for vidensoverførsel: begreber fra international "
                           "forskning, der har ændret hverdagen i jobcentrene.",
            "starts_at": _at(2027, 6, 7, 10), "ends_at": _at(2027, 6, 7, 14, 30),
            "experts": ["dorte.caswell@aau.example"],
        },
        {
            "number": 2, "title": "Hvordan bringer vi flere mennesker i udsatte positioner i job?",
            "description": "Hvad Beskæftigelses Indikator Projektet (BIP) viser om vejen til job, og hvilke "
                           "forandringer resultaterne kalder på i praksis.",
            "starts_at": _at(2027, 8, 30, 10), "ends_at": _at(2027, 8, 30, 14, 30),
            "experts": ["charlotte.liebak@vaeksthuset.example"],
        },
        {
            "number": 3,
            "title": "Hvordan skaber vi innovative løsninger gennem borgerinddragelse og frontlinjepraksis?",
            "description": "Fra en NPM-orienteret til en værdiorienteret styring: hvad samskabelse kræver af "
                           "medarbejdere og ledelse.",
            "starts_at": _at(2027, 10, 4, 10), "ends_at": _at(2027, 10, 4, 14, 30),
            "experts": ["flemming.larsen@aau.example"],
        },
        {
            "number": 4, "title": "Hvordan skaber vi rum for beskæftigelsesfagligheden?",
            "description": "Organisatorisk dilemmakapacitet og en kritisk refleksiv sparringskultur på chef- "
                           "og ledelsesniveau.",
            "starts_at": _at(2027, 11, 22, 10), "ends_at": _at(2027, 11, 22, 14, 30),
            "experts": ["leif.kongsgaard@vaeksthuset.example"],
        },
    ],
}

# Seed 000: 12-13 August 2026 in Aarhus (day 1 09:30-17:00, day 2 09:00-15:00), moved to 2027.
RV_LAB = {
    "title": "Masterclass i Relationel Velfærd",
    "slug": RV_LAB_SLUG,
    "organizer": "RV Lab",
    "summary": (
        "To dage med faglig fordybelse i relationel velfærd som et nordisk systemskifte: mattering, "
        "borgerens liv som udgangspunkt og civilsamfundets rolle."
    ),
    "target_group": "Ledere, konsulenter og fagpersoner, der kender relationel velfærd og vil arbejde strategisk "
                    "med, hvad det betyder i praksis.",
    # The seed says only "deliberately limited"; 20 is our choice for the demo.
    "capacity": 20,
    "registration_opens_at": _at(2026, 11, 1, 9),
    "registration_closes_at": _at(2027, 6, 30, 23, 59),
    "status": Cohort.Status.PUBLISHED,
    # DEMO PRICE: the seed names no price; 7,500 DKK excl. VAT is a placeholder for the demo.
    "price_net": Decimal("7500.00"),
    "vat_rate": Decimal("0.250"),
    "allowed_role_levels": [],
    "offer_hours": 48,
    "venue": "RV Lab, Vestergade 43, 8000 Aarhus C",
    "online_fallback_url": "",
    "experts": ["jacob.storch@rvlab.example", "ottar.ness@ntnu.example", "niels.hojberg@rvlab.example"],
    "sessions": [
        {
            "number": 1, "title": "Dag 1: Systemskifte og mattering som fundament",
            "description": "Fra systemperspektiv til relationel tænkning, mattering som tankeperspektiv og de "
                           "organisatoriske implikationer. Frivillig fællesspisning kl. 18.30.",
            "starts_at": _at(2027, 8, 12, 9, 30), "ends_at": _at(2027, 8, 12, 17),
            "experts": ["jacob.storch@rvlab.example", "ottar.ness@ntnu.example"],
        },
        {
            "number": 2, "title": "Dag 2: At starte med borgeren og bevæge sig udad",
            "description": "At tage udgangspunkt i borgerens liv, og hvad det betyder for organisering, ledelse "
                           "og samarbejde.",
            "starts_at": _at(2027, 8, 13, 9), "ends_at": _at(2027, 8, 13, 15),
            "experts": ["jacob.storch@rvlab.example", "ottar.ness@ntnu.example", "niels.hojberg@rvlab.example"],
        },
    ],
}

EXTRA_ORGANIZATIONS = [
    ("jobcenter-aalborg", "Jobcenter Aalborg", "Aalborg"),
    ("jobcenter-randers", "Jobcenter Randers", "Randers"),
    ("jobcenter-esbjerg", "Jobcenter Esbjerg", "Esbjerg"),
    ("jobcenter-vejle", "Jobcenter Vejle", "Vejle"),
    ("jobcenter-horsens", "Jobcenter Horsens", "Horsens"),
    ("jobcenter-herning", "Jobcenter Herning", "Herning"),
]

# Fictional managers who fill the Væksthuset cohort (email, first, last, organization slug, job title, level).
EXTRA_MANAGERS = [
    ("karen.moller@jobcenter-aalborg.example", "Karen", "Møller", "jobcenter-aalborg", "Jobcenterchef",
     RoleLevel.DIRECTOR),
    ("thomas.kristensen@jobcenter-aalborg.example", "Thomas", "Kristensen", "jobcenter-aalborg", "Afdelingsleder",
     RoleLevel.MANAGER),
    ("louise.rasmussen@jobcenter-randers.example", "Louise", "Rasmussen", "jobcenter-randers", "Teamleder",
     RoleLevel.TEAM_LEAD),
    ("martin.sorensen@jobcenter-randers.example", "Martin", "Sørensen", "jobcenter-randers", "Afdelingsleder",
     RoleLevel.MANAGER),
    ("anne.larsen@jobcenter-esbjerg.example", "Anne", "Larsen", "jobcenter-esbjerg", "Beskæftigelseschef",
     RoleLevel.DIRECTOR),
    ("jesper.pedersen@jobcenter-esbjerg.example", "Jesper", "Pedersen", "jobcenter-esbjerg", "Teamleder",
     RoleLevel.TEAM_LEAD),
    ("maria.christensen@jobcenter-vejle.example", "Maria", "Christensen", "jobcenter-vejle",
     "Leder af virksomhedsservice", RoleLevel.MANAGER),
    ("henrik.johansen@jobcenter-vejle.example", "Henrik", "Johansen", "jobcenter-vejle", "Afdelingschef",
     RoleLevel.MANAGER),
    ("birgitte.olsen@jobcenter-horsens.example", "Birgitte", "Olsen", "jobcenter-horsens", "Jobcenterchef",
     RoleLevel.DIRECTOR),
    ("morten.thomsen@jobcenter-horsens.example", "Morten", "Thomsen", "jobcenter-horsens", "Teamleder",
     RoleLevel.TEAM_LEAD),
    ("pia.madsen@jobcenter-herning.example", "Pia", "Madsen", "jobcenter-herning", "Afdelingsleder",
     RoleLevel.MANAGER),
    ("soren.hansen@jobcenter-herning.example", "Søren", "Hansen", "jobcenter-herning", "Leder af ungeindsatsen",
     RoleLevel.MANAGER),
    # Not registered: Lars Nielsen's colleague, named as his substitute for session 2.
    ("jonas.krogh@jobcenter-aarhus.example", "Jonas", "Krogh", "jobcenter-aarhus", "Afdelingsleder",
     RoleLevel.MANAGER),
]

# Arrival order for Væksthuset: the first 15 get seats, the rest queue (1..4).
VAEKSTHUSET_REGISTRANTS = [
    "mette.andersen@jobcenter-aarhus.example", "lars.nielsen@jobcenter-aarhus.example",
    "sofie.jensen@jobcenter-kbh.example", "anders.poulsen@jobcenter-kbh.example",
    "camilla.holm@jobcenter-odense.example", "hanne.kjaer@aarhus-sundhed.example",
    "peter.lund@aarhus-sundhed.example",
    *[email for email, *_ in EXTRA_MANAGERS[:12]],
]
# A staff cancellation frees a seat, which goes to waiting position 1 as an offer.
VAEKSTHUSET_CANCELLED = ("anders.poulsen@jobcenter-kbh.example", "Demo: afbud, ny stilling uden for feltet.")
VAEKSTHUSET_SUBSTITUTE = ("lars.nielsen@jobcenter-aarhus.example", 2, "jonas.krogh@jobcenter-aarhus.example")

RV_LAB_REGISTRANTS = [
    "hanne.kjaer@aarhus-sundhed.example", "peter.lund@aarhus-sundhed.example",
    "rasmus.berg@jobcenter-odense.example", "mette.andersen@jobcenter-aarhus.example",
    "karen.moller@jobcenter-aalborg.example",
]

# Registrations are dated as if they arrived a few minutes apart on 2 November 2026,
# so the demo loads the same whenever it runs (also after registration has closed).
FIRST_ARRIVAL = _at(2026, 11, 2, 9, 0)


@contextmanager
def _no_mail_after_commit():
    """Keep the demo's registration mails out of the console.

    The seat services enqueue mail after commit; callbacks run in the order they were
    registered, so switching the mail backend off before them and on again after them
    silences exactly the demo's own mail.
    """
    override = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    transaction.on_commit(override.enable)
    try:
        yield
    finally:
        transaction.on_commit(override.disable)


def _people() -> dict[str, User]:
    orgs = {}
    for slug, name, city in EXTRA_ORGANIZATIONS:
        orgs[slug], _ = Organization.objects.get_or_create(slug=slug, defaults={"name": name, "city": city})
    for email, first, last, org_slug, title, level in EXTRA_MANAGERS:
        org = orgs.get(org_slug) or Organization.objects.get(slug=org_slug)
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "organization": org, "job_title": title,
                      "role_level": level},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        _verified(user)
    return {u.email: u for u in User.objects.all()}


def _cohort(data: dict, staff: User) -> Cohort:
    existing = Cohort.objects.filter(slug=data["slug"]).first()
    return existing or cohort_create(by=staff, data=data)


def _register(cohort: Cohort, emails: list[str], people: dict[str, User]) -> None:
    already = set(Registration.objects.filter(cohort=cohort).values_list("user__email", flat=True))
    for minutes, email in enumerate(emails):
        if email not in already:
            registration_create(cohort=cohort, user=people[email], now=FIRST_ARRIVAL + timedelta(minutes=7 * minutes))


def load() -> None:
    """Create both demo cohorts with sessions, experts and registrations (idempotent)."""
    staff = User.objects.get(email=STAFF_EMAIL)
    people = _people()
    with _no_mail_after_commit():
        vaeksthuset = _cohort(VAEKSTHUSET, staff)
        _register(vaeksthuset, VAEKSTHUSET_REGISTRANTS, people)
        email, reason = VAEKSTHUSET_CANCELLED
        seat = Registration.objects.filter(cohort=vaeksthuset, user__email=email).first()
        if seat is not None and seat.status == Registration.Status.CONFIRMED and seat.ended_at is None:
            registration_cancel(registration_id=seat.pk, by=staff, reason=reason)

        holder, number, colleague = VAEKSTHUSET_SUBSTITUTE
        session = Session.objects.get(cohort=vaeksthuset, number=number)
        if session.ends_at > timezone.now():
            substitute_name(cohort=vaeksthuset, user=people[holder], session_number=number, email=colleague)

        rv_lab = _cohort(RV_LAB, staff)
        _register(rv_lab, RV_LAB_REGISTRANTS, people)
