"""Page rendering cost: each Wagtail page type with 200 materials in the library, against a plain
Django view that renders the same data with one template, measured in one run.

    make bench-pages                                  # throwaway PostgreSQL
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/pages.py --requests 100

What it does:

1. Creates a fresh database ``test_<name>`` on the server in DATABASE_URL (Django's
   test-database creation, migrated; dropped afterwards).
2. One cohort with two sessions and a library of 200 materials (literature with a PDF,
   podcast episodes with audio, articles; every third attached to each session, tagged,
   recommended by an expert); a confirmed member signed in (session cookie).
3. For each page type, alternating rounds of the Wagtail page (routing, ``serve``,
   ``get_context``, the page's templates) and a plain Django view at ``/bench/plain/...``
   that applies the same access rule, runs its own queries for the same data and renders
   it with one template. Everything goes through the full middleware stack.
4. Prints mean ms per request (best round) and queries per request of each, and the
   ratio Wagtail / plain (time).
"""

from __future__ import annotations

import argparse
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
from django.db.models import Prefetch  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.shortcuts import get_object_or_404  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from cms.models import ArticlePage, LibraryIndexPage, LiteraturePage, MaterialPage, PodcastEpisodePage  # noqa: E402
from cms.selectors import (  # noqa: E402
    cohort_seat_summary,
    material_readable_by,
    materials_in_cohort,
    readable_ids,
    registration_of,
)
from members.models import Cohort, Session  # noqa: E402
from members.selectors import has_member_access  # noqa: E402

MATERIALS = 200

TEMPLATE = engines["django"].from_string("""<!DOCTYPE html><html lang="da"><head><title>{{ title }}</title></head><body>
<h1>{{ title }}</h1>
{% if cohort %}<p>{{ cohort.summary }}</p><p>{{ seats.left }} / {{ seats.capacity }}</p>
<p>{{ registration.status|default:"" }}</p>{% endif %}
{% for session in sessions %}<h2>{{ session.number }}. {{ session.title }}</h2>
<p>{{ session.starts_at|date:"l j. F Y H:i" }}</p>
<ul>{% for m in session.reading_list %}<li><a href="{{ m.url_path }}">{{ m.title }}</a></li>{% endfor %}</ul>
{% endfor %}
{% for m in materials %}<li><a href="{{ m.url_path }}">{{ m.title }}</a> {{ m.teaser }}
{% for s in m.sessions.all %}{{ s.number }}{% endfor %}{% for t in m.tags.all %}#{{ t.name }}{% endfor %}
{% if m.pk in readable %}open{% endif %}</li>{% endfor %}
{% if material %}<p>{{ material.teaser }}</p>
{% for s in material.sessions.all %}{{ s.title }}{% endfor %}{% for t in material.tags.all %}#{{ t.name }}{% endfor %}
{% for e in material.experts.all %}{{ e.get_full_name }}{% endfor %}
{% if can_read %}{{ material.summary|safe }}{{ material.reading_guidance|safe }}{{ material.show_notes|safe }}
{{ material.transcript|linebreaks }}{% for block in material.body %}{{ block }}{% endfor %}{% endif %}{% endif %}
</body></html>""")


def plain_cohort(request, slug: str):
    """The cohort page's data: cohort, live seats, own registration, sessions with reading lists."""
    cohort = get_object_or_404(Cohort, slug=slug)
    sessions = Session.objects.filter(cohort=cohort).order_by("number").prefetch_related(
        Prefetch("materials", queryset=materials_in_cohort(cohort.pk).order_by("title"), to_attr="reading_list")
    )
    return HttpResponse(TEMPLATE.render({
        "title": cohort.title, "cohort": cohort, "seats": cohort_seat_summary(cohort),
        "registration": registration_of(request.user, cohort), "sessions": sessions,
        "access": has_member_access(request.user, cohort),
    }, request))


def plain_library(request, pk: int):
    """The library listing's data: 20 materials by title with sessions, tags and readability."""
    library = get_object_or_404(LibraryIndexPage, pk=pk)
    materials = list(
        MaterialPage.objects.live().child_of(library).order_by("title").prefetch_related("sessions", "tags")[:20]
    )
    return HttpResponse(TEMPLATE.render({
        "title": library.title, "materials": materials, "readable": readable_ids(request.user, materials),
    }, request))


def plain_material(request, model: str, pk: int):
    """A material's data: the page, whether the user may read it, sessions, tags and experts."""
    cls = {"literature": LiteraturePage, "podcast": PodcastEpisodePage, "article": ArticlePage}[model]
    material = get_object_or_404(cls, pk=pk)
    return HttpResponse(TEMPLATE.render({
        "title": material.title, "material": material, "can_read": material_readable_by(material, request.user),
    }, request))


urlpatterns = [
    path("bench/plain/cohort/<slug:slug>/", plain_cohort),
    path("bench/plain/library/<int:pk>/", plain_library),
    path("bench/plain/<str:model>/<int:pk>/", plain_material),
    path("", include("config.urls")),
]


def build_data():
    """A cohort page, its library with MATERIALS materials, and a confirmed member."""
    from tests.factories import cms as pages
    from tests.factories.members import CohortFactory, ExpertFactory, RegistrationFactory, SessionFactory

    cohort = CohortFactory(slug="bench-cohort")
    sessions = [SessionFactory(cohort=cohort, number=n) for n in (1, 2)]
    expert = ExpertFactory()
    cohort.experts.add(expert)
    library = pages.library(cohort)
    pdf = pages.document("Bench PDF", "bench.pdf", pages.PDF_BYTES)
    audio = pages.document("Bench audio", "bench.mp3", pages.AUDIO_BYTES)
    first = {}
    for i in range(MATERIALS):
        kind = ("literature", "podcast", "article")[i % 3]
        if kind == "literature":
            page = pages.literature(library, pdf=pdf)
        elif kind == "podcast":
            page = pages.episode(library, audio=audio)
        else:
            page = pages.article(library)
        first.setdefault(kind, page)
        if i % 3 == 0:
            page.sessions.set(sessions)
        page.experts.set([expert])
        page.tags.add(f"emne-{i % 5}")
        page.save()
    member = RegistrationFactory(cohort=cohort).user
    return cohort, library, first, member


def measure(client: Client, url: str, requests: int) -> float:
    start = time.perf_counter()
    for _ in range(requests):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100, help="requests per round and view (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best counts (default 3)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (or run `make bench-pages`).")

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    results = []
    try:
        with override_settings(ROOT_URLCONF=__name__, DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            cohort, library, first, member = build_data()
            client = Client()
            client.force_login(member)
            cases = [
                ("CohortPage", library.get_parent().url, f"/bench/plain/cohort/{cohort.slug}/"),
                ("LibraryIndexPage", library.url, f"/bench/plain/library/{library.pk}/"),
                ("LiteraturePage", first["literature"].url, f"/bench/plain/literature/{first['literature'].pk}/"),
                ("PodcastEpisodePage", first["podcast"].url, f"/bench/plain/podcast/{first['podcast'].pk}/"),
                ("ArticlePage", first["article"].url, f"/bench/plain/article/{first['article'].pk}/"),
            ]
            for name, page_url, plain_url in cases:
                queries = {}
                for kind, url in (("page", page_url), ("plain", plain_url)):
                    measure(client, url, 10)  # warm-up
                    with CaptureQueriesContext(connection) as ctx:
                        client.get(url)
                    queries[kind] = len(ctx.captured_queries)
                best = {"page": float("inf"), "plain": float("inf")}
                for _ in range(args.rounds):
                    for kind, url in (("page", page_url), ("plain", plain_url)):
                        best[kind] = min(best[kind], measure(client, url, args.requests))
                results.append((name, best, queries))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"page rendering, {MATERIALS} materials in the library, {args.requests} requests x {args.rounds} rounds "
          "(best round), signed in as a confirmed member")
    print(f"  {'page type':20} {'Wagtail ms':>10} {'queries':>7} {'plain ms':>9} {'queries':>7} {'ratio':>6}")
    for name, best, queries in results:
        page_ms = 1000 * best["page"] / args.requests
        plain_ms = 1000 * best["plain"] / args.requests
        print(f"  {name:20} {page_ms:10.2f} {queries['page']:7d} {plain_ms:9.2f} {queries['plain']:7d} "
              f"{page_ms / plain_ms:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
