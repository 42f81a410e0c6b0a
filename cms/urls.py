"""Non-page routes of the site: library files, the private podcast feed, search and public image renditions."""

from pathlib import Path

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from cms.views import feeds, files, search

app_name = "cms"

urlpatterns = [
    path("bibliotek/filer/<int:document_id>/", files.document, name="document"),
    # Tokens (secrets.token_urlsafe) and signatures are URL-safe base64: anything else is no match (404).
    re_path(r"^feeds/podcast/(?P<feed_token>[A-Za-z0-9_-]{1,100})\.xml$", feeds.podcast_feed, name="podcast_feed"),
    re_path(
        r"^feeds/podcast/fil/(?P<signed>[A-Za-z0-9_:-]{1,400})/(?P<filename>[A-Za-z0-9_.-]{1,100})$",
        feeds.enclosure,
        name="enclosure",
    ),
    path("soeg/", search.search, name="search"),
]


def public_image(request, path: str):
    """Image renditions (expert photos, article images) are public; on local storage only their folder
    is served. Documents live in MEDIA_ROOT/documents, which no URL maps to."""
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "images")


if not settings.S3_BUCKET:
    urlpatterns.append(re_path(r"^media/images/(?P<path>[^/]+)$", public_image, name="image_rendition"))
