"""Question list throughput: the DRF endpoint against a bare Django view running the same SQL, in one run.

    make bench-qa                                     # throwaway PostgreSQL
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/qa_list.py --requests 500

What it does:

1. Creates a fresh database ``test_<name>`` on the server in DATABASE_URL (Django's
   test-database creation, migrated; dropped afterwards).
2. One cohort with 20 confirmed members, 2 experts and 30 questions, each with 0-3
   answers and 0-4 me-toos; one member signed in (session cookie).
3. Measures, in-process through the Django test client with the full middleware
   stack (sessions, auth, allauth, locale, CSRF...), alternating rounds of:
   - ``GET /api/v1/cohorts/<slug>/questions/?page_size=20``: the real endpoint (DRF
     view, django-filter, cursor pagination, serializers, exception handling);
   - ``GET /bench/bare/<slug>/``: a plain Django view that checks the same access
     rule, executes the SQL the endpoint's queryset compiles to (same annotations:
     answer count, me-too count, accepted answer, author, session, material, my
     flags) with ``cursor.execute`` and returns the same 20 rows as JSON.
4. Prints requests per second (best of the rounds), mean latency, queries per
   request of each, and the ratio DRF / bare. Target: ratio >= 0.5.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from members.exceptions import NotFound  # noqa: E402
from qa import selectors  # noqa: E402

PAGE = 20


def bare_questions(request, slug: str):
    """The same rows as the API, from the same compiled SQL, as JSON; no DRF anywhere."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "Not signed in."}, status=401)
    try:
        cohort = selectors.cohort_for_qa(request.user, slug)
    except NotFound as exc:
        raise Http404 from exc
    queryset = selectors.with_list_fields(
        selectors.cohort_questions_visible_to(request.user, cohort), request.user
    ).order_by("-created_at", "-id")[: PAGE + 1]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [col[0] for col in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()[:PAGE]]
    results = [
        {
            "id": row["id"],
            "cohort": slug,
            "title": row["title"],
            "status": row["status"],
            "author": {"id": row["author_id"]},
            "session": row["session_id"],
            "material": row["material_id"],
            "answer_count": row["answer_count"],
            "me_too_count": row["me_too_count"],
            "has_accepted_answer": row["has_accepted_answer"],
            "me_too_by_me": row["me_too_by_me"],
            "followed_by_me": row["followed_by_me"],
            "is_hidden": row["is_hidden"],
            "is_locked": row["is_locked"],
            "created_at": row["created_at"].isoformat(),
        }
        for row in rows
    ]
    return JsonResponse({"next": None, "previous": None, "results": results})


urlpatterns = [
    path("bench/bare/<str:slug>/", bare_questions),
    path("", include("config.urls")),
]


def build_data() -> tuple[str, object]:
    """A cohort, its members and experts, 30 questions with answers and me-toos; returns (slug, a member)."""
    import random

    from qa.models import MeToo
    from tests.factories.members import CohortFactory, ExpertFactory, RegistrationFactory, SessionFactory
    from tests.factories.qa import AnswerFactory, QuestionFactory, answered

    rng = random.Random(4)
    cohort = CohortFactory(slug="bench-cohort")
    sessions = [SessionFactory(cohort=cohort, number=n) for n in (1, 2, 3, 4)]
    experts = [ExpertFactory(), ExpertFactory()]
    cohort.experts.add(*experts)
    members = [RegistrationFactory(cohort=cohort).user for _ in range(20)]
    for i in range(30):
        question = QuestionFactory(cohort=cohort, author=members[i % 20], session=rng.choice([None, *sessions]))
        answers = rng.randint(0, 3)
        if answers:
            first = answered(question, experts[0])
            for _ in range(answers - 1):
                AnswerFactory(question=question, author=experts[1])
            if rng.random() < 0.3:
                question.answers.filter(pk=first.pk).update(is_accepted=True)
        for member in rng.sample(members, rng.randint(0, 4)):
            if member.pk != question.author_id:
                MeToo.objects.get_or_create(question=question, user=member)
    return cohort.slug, members[0]


def measure(client: Client, url: str, requests: int) -> float:
    start = time.perf_counter()
    for _ in range(requests):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code} {response.content[:300]!r}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400, help="requests per round and view (default 400)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best counts (default 3)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (or run `make bench-qa`).")

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(ROOT_URLCONF=__name__, DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            slug, member = build_data()
            client = Client()
            client.force_login(member)
            urls = {
                "drf": f"/api/v1/cohorts/{slug}/questions/?page_size={PAGE}",
                "bare": f"/bench/bare/{slug}/",
            }
            queries, rows = {}, {}
            for name, url in urls.items():
                with CaptureQueriesContext(connection) as ctx:
                    body = json.loads(client.get(url).content)
                queries[name] = len(ctx.captured_queries)
                rows[name] = len(body["results"])
                measure(client, url, 50)  # warm-up
            best = {name: float("inf") for name in urls}
            for _ in range(args.rounds):
                for name, url in urls.items():
                    best[name] = min(best[name], measure(client, url, args.requests))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    rps = {name: args.requests / seconds for name, seconds in best.items()}
    print(f"question list, {PAGE} rows per page, {args.requests} requests x {args.rounds} rounds (best round)")
    for name, label in (("drf", "DRF endpoint"), ("bare", "bare Django view")):
        print(
            f"  {label:17} {rps[name]:8.1f} req/s  {1000 / rps[name]:6.2f} ms/request  "
            f"{queries[name]} queries/request  {rows[name]} rows"
        )
    ratio = rps["drf"] / rps["bare"]
    print(f"  ratio DRF / bare  {ratio:.2f} (target >= 0.5)")
    return 0 if ratio >= 0.5 and rows["drf"] == rows["bare"] == PAGE else 1


if __name__ == "__main__":
    raise SystemExit(main())
