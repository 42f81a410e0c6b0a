"""A member's private podcast feed: RSS 2.0 with iTunes (feedgen's extension) and Podcasting 2.0 tags.

Enclosure URLs are signed (``TimestampSigner``) with the member's id, the episode and a
fingerprint of the member's current feed token, and expire after
``PODCAST_ENCLOSURE_MAX_AGE`` seconds; the enclosure view re-checks access when the file
is fetched, so a rotated token or an ended membership stops the files at once.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core import signing
from django.urls import reverse
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from cms.selectors import episodes_for_feed

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ENCLOSURE_SALT = "cms.podcast.enclosure"
ENCLOSURE_MAX_AGE = getattr(settings, "PODCAST_ENCLOSURE_MAX_AGE", 6 * 3600)


class PodcastIndexExtension(BaseExtension):
    """Channel-level Podcasting 2.0 tags: ``podcast:locked`` (never import elsewhere) and ``podcast:guid``."""

    def __init__(self):
        self.guid: str | None = None
        self.owner_email: str = ""

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
        locked.text = "yes"
        if self.owner_email:
            locked.set("owner", self.owner_email)
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        return rss_feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item-level Podcasting 2.0 tags: ``podcast:episode`` and one ``podcast:person`` per guest."""

    def __init__(self):
        self.episode: int | None = None
        self.guests: list[str] = []

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, entry):
        if self.episode is not None:
            xml_elem(f"{{{PODCAST_NS}}}episode", entry).text = str(self.episode)
        for guest in self.guests:
            person = xml_elem(f"{{{PODCAST_NS}}}person", entry)
            person.set("role", "guest")
            person.text = guest
        return entry


def token_fingerprint(feed_token: str) -> str:
    """A short digest of the feed token, so signed links die when the token is rotated."""
    return hashlib.sha256(feed_token.encode()).hexdigest()[:16]


def sign_enclosure(user, episode) -> str:
    """The signed, expiring part of an enclosure URL for ``user`` and ``episode``."""
    payload = {"u": user.pk, "e": episode.pk, "k": token_fingerprint(user.feed_token)}
    return signing.TimestampSigner(salt=ENCLOSURE_SALT).sign_object(payload)


def unsign_enclosure(value: str) -> dict:
    """The payload of a signed enclosure value; raises ``signing.BadSignature`` (incl. expiry)."""
    return signing.TimestampSigner(salt=ENCLOSURE_SALT).unsign_object(value, max_age=ENCLOSURE_MAX_AGE)


def build_feed(user, request) -> bytes:
    """The RSS document of the episodes ``user`` may hear, titled with their name."""
    site = settings.SITE_URL
    name = user.get_full_name() or user.email
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.title(f"Masterclass-podcast for {name}")
    fg.link(href=request.build_absolute_uri("/"), rel="alternate")
    fg.description(f"Personligt podcast-feed for {name}. Del det ikke: adressen er din adgangsnøgle.")
    fg.language("da")
    fg.generator("Masterclass-netværket")
    fg.podcast.itunes_author("Masterclass-netværket")
    fg.podcast.itunes_block(True)  # a private feed: podcast directories must not list it
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_category("Education")
    fg.podcastindex.guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site}/feeds/podcast/{user.pk}"))
    fg.podcastindex.owner_email = settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">")
    for episode in episodes_for_feed(user):
        audio = episode.audio
        extension = audio.file_extension or "mp3"
        url = request.build_absolute_uri(
            reverse("cms:enclosure", args=[sign_enclosure(user, episode), f"episode-{episode.pk}.{extension}"])
        )
        entry = fg.add_entry(order="append")
        entry.guid(str(episode.translation_key), permalink=False)
        entry.title(episode.title)
        entry.description(episode.teaser)
        entry.link(href=request.build_absolute_uri(episode.get_url(request) or "/"))
        entry.enclosure(url, str(audio.get_file_size() or 0), audio.content_type)
        if episode.first_published_at:
            entry.published(episode.first_published_at)
        entry.podcast.itunes_duration(episode.duration_seconds)
        entry.podcast.itunes_episode(episode.episode_number)
        entry.podcastindex.episode = episode.episode_number
        entry.podcastindex.guests = [g.strip() for g in episode.guests.split(",") if g.strip()]
    return fg.rss_str(pretty=True)
