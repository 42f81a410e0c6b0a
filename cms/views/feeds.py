"""The private podcast feed and its enclosure files."""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from cms.files import serve_document_file
from cms.podcast_feed import build_feed, token_fingerprint, unsign_enclosure
from cms.selectors import episodes_for_feed
from members.models import User
from members.selectors import user_for_feed_token


@require_safe
def podcast_feed(request, feed_token: str):
    """RSS of the episodes the token's owner may hear; an unknown (e.g. rotated) token is 404."""
    user = user_for_feed_token(feed_token)
    if user is None:
        raise Http404
    response = HttpResponse(build_feed(user, request), content_type="application/rss+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def enclosure(request, signed: str, filename: str):
    """An episode's audio for a signed feed link, after re-checking the link, the token and access.

    Expired or tampered links are 403; a rotated token, a deactivated account or access
    that has ended (the episode is no longer in the member's feed) is 404.
    """
    try:
        payload = unsign_enclosure(signed)
    except signing.BadSignature:
        return HttpResponse(status=403)
    user = get_object_or_404(User, pk=payload.get("u"), is_active=True)
    if token_fingerprint(user.feed_token) != payload.get("k"):
        raise Http404
    episode = episodes_for_feed(user).filter(pk=payload.get("e")).first()
    if episode is None:
        raise Http404
    return serve_document_file(request, episode.audio)
