"""Demo organizations and people: a staff organizer, the seeds' experts and several managers.

Idempotent: rows are looked up by natural key (slug, email) and created only if missing.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress

from members.models import Organization, RoleLevel, User

DEMO_PASSWORD = "masterclass-demo"
STAFF_EMAIL = "organizer@masterclass.local"

ORGANIZATIONS = [
    ("vaeksthuset", "Væksthuset", "København"),
    ("rv-lab", "RV Lab", "Aarhus"),
    ("aalborg-universitet", "Aalborg Universitet", "Aalborg"),
    ("ntnu", "NTNU", "Trondheim"),
    ("jobcenter-aarhus", "Jobcenter Aarhus", "Aarhus"),
    ("jobcenter-koebenhavn", "Jobcenter København", "København"),
    ("jobcenter-odense", "Jobcenter Odense", "Odense"),
    ("aarhus-kommune-sundhed-omsorg", "Aarhus Kommune, Sundhed og Omsorg", "Aarhus"),
]

# (email, first, last, organization slug, job title, role level, expert?, bio)
PEOPLE = [
    ("dorte.caswell@aau.example", "Dorte", "Caswell", "aalborg-universitet", "Professor i socialt arbejde",
     RoleLevel.SPECIALIST, True,
     "Professor ved Aalborg Universitet; medstifter af Center for udvikling af borgerinddragende "
     "beskæftigelsesindsatser (CUBB). Forsker i vidensmobilisering i jobcentrenes praksis."),
    ("charlotte.liebak@vaeksthuset.example", "Charlotte", "Liebak Hansen", "vaeksthuset",
     "Chef for Væksthusets Forskningscenter", RoleLevel.DIRECTOR, True,
     "Ph.d. fra AAU og hovedarkitekt bag Beskæftigelses Indikator Projektet (BIP)."),
    ("flemming.larsen@aau.example", "Flemming", "Larsen", "aalborg-universitet", "Professor",
     RoleLevel.SPECIALIST, True,
     "Forsker i dansk og international arbejdsmarkeds- og socialpolitik og i reformers betydning for "
     "kommunernes praksis."),
    ("leif.kongsgaard@vaeksthuset.example", "Leif", "Tøfting Kongsgaard", "vaeksthuset", "Faglig direktør",
     RoleLevel.DIRECTOR, True,
     "Faglig direktør i Væksthuset og ph.d.-stipendiat ved Aalborg Universitet; facilitator af "
     "masterclass-rækken."),
    ("jacob.storch@rvlab.example", "Jacob", "Storch", "rv-lab", "Stifter", RoleLevel.DIRECTOR, True,
     "Stifter af RV Lab og en af pionererne bag relationel velfærd i Danmark."),
    ("ottar.ness@ntnu.example", "Ottar", "Ness", "ntnu", "Professor", RoleLevel.SPECIALIST, True,
     "Professor ved NTNU; forsker i relationel velferd og mattering."),
    ("niels.hojberg@rvlab.example", "Niels", "Højberg", "rv-lab", "Rådgiver, tidl. stadsdirektør",
     RoleLevel.DIRECTOR, True, "Tidligere stadsdirektør i Aarhus Kommune; rådgiver om relationel velfærd."),
    ("mette.andersen@jobcenter-aarhus.example", "Mette", "Andersen", "jobcenter-aarhus", "Jobcenterchef",
     RoleLevel.DIRECTOR, False, ""),
    ("lars.nielsen@jobcenter-aarhus.example", "Lars", "Nielsen", "jobcenter-aarhus", "Afdelingsleder",
     RoleLevel.MANAGER, False, ""),
    ("sofie.jensen@jobcenter-kbh.example", "Sofie", "Jensen", "jobcenter-koebenhavn", "Teamleder",
     RoleLevel.TEAM_LEAD, False, ""),
    ("anders.poulsen@jobcenter-kbh.example", "Anders", "Poulsen", "jobcenter-koebenhavn", "Afdelingschef",
     RoleLevel.MANAGER, False, ""),
    ("camilla.holm@jobcenter-odense.example", "Camilla", "Holm", "jobcenter-odense", "Leder af ungeindsatsen",
     RoleLevel.MANAGER, False, ""),
    ("rasmus.berg@jobcenter-odense.example", "Rasmus", "Berg", "jobcenter-odense", "Jobkonsulent",
     RoleLevel.PRACTITIONER, False, ""),
    ("hanne.kjaer@aarhus-sundhed.example", "Hanne", "Kjær", "aarhus-kommune-sundhed-omsorg", "Områdechef",
     RoleLevel.DIRECTOR, False, ""),
    ("peter.lund@aarhus-sundhed.example", "Peter", "Lund", "aarhus-kommune-sundhed-omsorg", "Leder",
     RoleLevel.MANAGER, False, ""),
]


def _verified(user: User) -> None:
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def load() -> dict[str, str]:
    """Create the demo accounts; return the staff user's credentials for printing."""
    orgs = {}
    for slug, name, city in ORGANIZATIONS:
        orgs[slug], _ = Organization.objects.get_or_create(slug=slug, defaults={"name": name, "city": city})

    staff, created = User.objects.get_or_create(
        email=STAFF_EMAIL,
        defaults={
            "first_name": "Demo", "last_name": "Arrangør", "organization": orgs["vaeksthuset"],
            "job_title": "Kompetencekonsulent", "role_level": RoleLevel.SPECIALIST,
            "is_staff": True, "is_superuser": True,
        },
    )
    if created:
        staff.set_password(DEMO_PASSWORD)
        staff.save(update_fields=["password"])
    _verified(staff)

    for email, first, last, org, title, level, is_expert, bio in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first, "last_name": last, "organization": orgs[org], "job_title": title,
                "role_level": level, "is_expert": is_expert, "bio": bio,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        _verified(user)
    return {"email": STAFF_EMAIL, "password": DEMO_PASSWORD}
