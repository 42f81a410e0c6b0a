"""Rendering and sending the members domain's mail: Danish, text plus HTML, through Django's mail API.

Only tasks (``members.tasks``) call this, and they run after the seat transaction
has committed (``members.notifications``), so no mail leaves from inside one.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def subject_prefix() -> str:
    """The same prefix as the account mail from allauth, so every platform mail looks alike."""
    return getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "[Masterclass] ")


def send_templated_mail(
    *,
    template: str,
    to: list[str],
    subject: str,
    context: dict,
    cc: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Render ``members/email/<template>.txt`` and ``.html`` in Danish, Copenhagen time, and send them."""
    context = {"site_url": settings.SITE_URL, "site_name": settings.WAGTAIL_SITE_NAME, **context}
    with translation.override("da"), timezone.override(COPENHAGEN):
        text = render_to_string(f"members/email/{template}.txt", context)
        html = render_to_string(f"members/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject_prefix() + subject, body=text, to=to, cc=cc or [],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
