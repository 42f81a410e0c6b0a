"""allauth customisation, kept in one place."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import respond_429
from django.conf import settings

from members.account_mail import account_mail_send, message_to_payload


@dataclass(frozen=True)
class PlatformSite:
    """What allauth's mail templates call ``current_site``: our name, not the request's host."""

    name: str
    domain: str


def platform_site() -> PlatformSite:
    return PlatformSite(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """Lower-cased emails; throttled logins answered 429; account mail sent by a task."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).lower()

    def validation_error(self, code: str, *args):
        """Answer "too many attempts" with HTTP 429, as clients expect of a rate limit.

        allauth reports its per-account limits (``login_failed``, ``request_login_code``)
        as a form error, i.e. 400; the headless API and the HTML pages alike get
        allauth's own 429 response instead.
        """
        request = allauth_context.request
        if code == "too_many_login_attempts" and request is not None:
            raise ImmediateHttpResponse(respond_429(request))
        return super().validation_error(code, *args)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's mail now (it needs the request), send it from the task queue.

        With the database queue the task row is written in the request's own
        transaction, so nothing is sent for work that rolls back.
        """
        ctx = {"request": allauth_context.request, "email": email, "current_site": platform_site(), **context}
        message = self.render_mail(template_prefix, email, ctx)
        account_mail_send.enqueue(message_to_payload(message))
