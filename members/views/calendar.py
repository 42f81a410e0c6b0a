"""The personal iCalendar feed: ``/calendar/<feed_token>.ics``."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from members.ical import calendar_sessions_for, sessions_calendar
from members.selectors import user_for_feed_token


@require_GET
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A member's sessions as an iCalendar feed, addressed by their secret feed token.

    Calendar apps cannot sign in, so the token in the URL is the credential; an
    unknown (or rotated) token is a 404. Three queries whatever the number of sessions.
    """
    user = user_for_feed_token(token)
    if user is None:
        raise Http404
    sessions = calendar_sessions_for(user)
    substitute_ids = frozenset(s.pk for s in sessions if s.is_substitute and not s.is_member)
    body = sessions_calendar(sessions, name="Mine masterclass-sessioner", substitute_session_ids=substitute_ids)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="masterclass.ics"'
    # The URL is a secret: keep it out of shared caches.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
