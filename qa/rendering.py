"""Markdown to safe HTML, done once at write time so reads never render or sanitise."""

from __future__ import annotations

import markdown
import nh3

# What a question or answer needs: text structure, links, code. No images (they
# would load third-party URLs in members' mail and browsers), no raw HTML styling.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """Render ``text`` (Markdown) to HTML and strip everything not on the allow-list.

    nh3 removes script/style elements with their content, every ``on*`` handler,
    and links whose scheme is not http(s)/mailto (``javascript:`` included).
    Links get ``rel="noopener noreferrer nofollow"``.
    """
    html = markdown.markdown(text, extensions=["fenced_code", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
