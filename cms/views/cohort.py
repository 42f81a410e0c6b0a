"""Context for a cohort's public page: live seats, the member's own status, sessions with reading lists."""

from __future__ import annotations

from django.db.models import Prefetch

from cms.models import CohortPage, LibraryIndexPage
from cms.selectors import cohort_seat_summary, materials_in_cohort, registration_of
from cms.views.library import login_url
from members.models import Session
from members.selectors import has_member_access


def cohort_page_context(page: CohortPage, request) -> dict:
    """Everything the cohort page shows beyond its own fields, in a fixed number of queries.

    Seats left and the registration window come from the seat domain at request time; each
    session carries its reading and listening list (titles and teasers are public).
    """
    cohort = page.cohort
    user = request.user
    sessions = list(
        Session.objects.filter(cohort=cohort)
        .order_by("number")
        .prefetch_related(
            "experts",
            Prefetch("materials", queryset=materials_in_cohort(cohort.pk).order_by("title"), to_attr="reading_list"),
        )
    )
    profiles = list(page.expert_profiles.select_related("expert", "photo"))
    if profiles:
        experts = [{"user": p.expert, "photo": p.photo, "bio": p.bio or p.expert.bio} for p in profiles]
    else:
        experts = [{"user": u, "photo": None, "bio": u.bio} for u in cohort.experts.order_by("last_name")]
    return {
        "cohort": cohort,
        "seats": cohort_seat_summary(cohort),
        "registration": registration_of(user, cohort),
        "has_access": has_member_access(user, cohort),
        "sessions": sessions,
        "experts": experts,
        "library": LibraryIndexPage.objects.live().child_of(page).first(),
        "registration_api_url": f"/api/v1/cohorts/{cohort.slug}/registration",
        "login_url": login_url(request),
    }
