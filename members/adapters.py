"""allauth customisation, kept in one place."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Store emails lower-cased so the case-insensitive unique constraint holds."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).lower()
