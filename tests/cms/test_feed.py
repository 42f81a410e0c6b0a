"""The private podcast feed: RSS with iTunes and Podcasting 2.0 tags; signed, expiring, revocable enclosures."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from django.core import signing
from django.urls import reverse

from cms import podcast_feed
from members.models import Registration, new_feed_token

pytestmark = pytest.mark.django_db

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "podcast": "https://podcastindex.org/namespace/1.0"}


def _feed(client, user):
    response = client.get(reverse("cms:podcast_feed", args=[user.feed_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ElementTree.fromstring(response.content)


def _enclosure_path(root) -> str:
    url = root.find("channel/item/enclosure").get("url")
    return re.sub(r"^https?://[^/]+", "", url)


def test_feed_is_rss_with_itunes_and_podcasting20_tags_and_names_the_member(world, client):
    member = world.people["member"]
    root = _feed(client, member)
    channel = root.find("channel")
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert member.get_full_name() in channel.findtext("title")
    assert channel.findtext("itunes:block", namespaces=NS) == "yes"
    assert channel.findtext("podcast:locked", namespaces=NS) == "yes"
    assert channel.find("podcast:guid", NS) is not None
    item = channel.find("item")
    assert item.findtext("title") == world.episode.title
    assert item.findtext("itunes:duration", namespaces=NS) == "185"
    assert item.findtext("podcast:episode", namespaces=NS) == str(world.episode.episode_number)
    assert {p.text for p in item.findall("podcast:person", NS)} == {"Ottar Ness", "Jacob Storch"}
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "audio/mpeg" and enclosure.get("length") == "10240"
    assert world.episode.transcript not in ElementTree.tostring(root, encoding="unicode")


def test_enclosure_serves_audio_with_ranges_without_a_session(world, client):
    path = _enclosure_path(_feed(client, world.people["member"]))
    response = client.get(path, HTTP_RANGE="bytes=0-9")  # podcast apps have no cookie
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == bytes(range(10))


def test_rotated_token_stops_feed_and_enclosures_at_once(world, client):
    member = world.people["member"]
    old_token = member.feed_token
    path = _enclosure_path(_feed(client, member))
    member.feed_token = new_feed_token()
    member.save(update_fields=["feed_token"])
    assert client.get(reverse("cms:podcast_feed", args=[old_token])).status_code == 404
    assert client.get(path).status_code == 404
    assert client.get(reverse("cms:podcast_feed", args=[member.feed_token])).status_code == 200


def test_ended_membership_stops_enclosures_at_once(world, client):
    member = world.people["member"]
    path = _enclosure_path(_feed(client, member))
    Registration.objects.filter(user=member).update(status=Registration.Status.CANCELLED)
    assert client.get(path).status_code == 404
    assert _feed(client, member).find("channel/item") is None


def test_deactivated_account_loses_feed(world, client):
    member = world.people["member"]
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert client.get(reverse("cms:podcast_feed", args=[member.feed_token])).status_code == 404


def test_expired_or_tampered_enclosure_is_403(world, client, monkeypatch):
    path = _enclosure_path(_feed(client, world.people["member"]))
    signed = path.split("/")[-2]
    tampered = path.replace(signed, signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"))
    assert client.get(tampered).status_code == 403
    monkeypatch.setattr(podcast_feed, "ENCLOSURE_MAX_AGE", -1)
    assert client.get(path).status_code == 403


def test_enclosure_for_someone_else_cannot_be_forged(world, client):
    outsider = world.people["outsider"]
    forged = signing.TimestampSigner(salt="wrong").sign_object(
        {"u": outsider.pk, "e": world.episode.pk, "k": podcast_feed.token_fingerprint(outsider.feed_token)}
    )
    assert client.get(reverse("cms:enclosure", args=[forged, "x.mp3"])).status_code == 403
    # A correctly signed link for someone without access is refused too.
    genuine = podcast_feed.sign_enclosure(outsider, world.episode)
    assert client.get(reverse("cms:enclosure", args=[genuine, "x.mp3"])).status_code == 404
