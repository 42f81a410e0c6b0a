"""End to end in headless Chromium: a member signs in, reads a literature page, downloads its PDF,
and plays an episode's audio (the browser's media request is answered 200 or 206)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.selectors import library_collection
from tests.cms.conftest import SECRET

# serialized_rollback: transactional tests flush the database; this restores the rows migrations made
# (Wagtail's root page, locale and root collection) before each test.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]
DEMO_MP3 = Path(__file__).resolve().parents[2] / "cms" / "demo_files" / "podcast-01-mattering.mp3"


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # while one runs; the test's own ORM calls are synchronous, so allow them for this test only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _real_audio(world):
    """Swap the episode's audio for the demo MP3, so Chromium can decode it."""
    Document = get_document_model()
    data = DEMO_MP3.read_bytes()
    doc = Document(title="Demo-lyd", collection=library_collection(), file_size=len(data))
    doc.file.save("demo-episode.mp3", ContentFile(data), save=False)
    doc.save()
    world.episode.audio = doc
    world.episode.save_revision().publish()
    return doc


def test_member_reads_downloads_and_listens(world, live_server, browser):
    member = world.people["member"]
    _real_audio(world)
    context = browser.new_context(accept_downloads=True, locale="da-DK")
    page = context.new_page()

    page.goto(f"{live_server.url}/accounts/login/?next={world.literature.url}")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", "correct-horse-battery")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}{world.literature.url}")
    assert SECRET in page.inner_text("[data-testid=member-content]")

    with page.expect_download() as download_info:
        page.click("[data-testid=pdf-link]")
    download = download_info.value
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    media_statuses = []
    page.on("response", lambda r: media_statuses.append(r.status) if "/bibliotek/filer/" in r.url else None)
    page.goto(f"{live_server.url}{world.episode.url}")
    duration = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const audio = document.querySelector('[data-testid=episode-audio]');
            audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
            audio.addEventListener('error', () => reject(new Error('media error ' + audio.error.code)));
            audio.load();
        })"""
    )
    assert duration > 1
    assert media_statuses and set(media_statuses) <= {200, 206}
    seek = page.evaluate(
        """async () => {
            const src = document.querySelector('[data-testid=episode-audio]').src;
            const response = await fetch(src, {headers: {Range: 'bytes=100-199'}});
            return [response.status, (await response.arrayBuffer()).byteLength];
        }"""
    )
    assert seek == [206, 100]
    context.close()


def test_outsider_gets_the_teaser_and_no_file(world, live_server, browser):
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(f"{live_server.url}{world.literature.url}")
    assert response.status == 200
    assert page.locator("[data-testid=member-prompt]").is_visible()
    assert SECRET not in page.content()
    file_response = page.goto(f"{live_server.url}/bibliotek/filer/{world.literature.pdf.pk}/")
    assert "/accounts/login/" in page.url and file_response.status == 200  # the sign-in page, not the file
    context.close()
