"""Account mail (verification codes, login codes, password resets) leaves through the task queue.

allauth renders the message in the request; the task only delivers it, so the
payload is plain JSON (django-tasks arguments must be serialisable).
"""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task


def message_to_payload(message: EmailMessage) -> dict:
    """The parts of a rendered message needed to send it again, as JSON-friendly data."""
    return {
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


@task()
def account_mail_send(payload: dict) -> None:
    """Deliver one rendered account mail through Django's mail API."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        headers=payload["headers"],
    )
    message.content_subtype = payload["content_subtype"]
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    message.send()
