"""Account-level writes that are not allauth's business (personal feed tokens)."""

from __future__ import annotations

from members.models import User, new_feed_token


def feed_token_rotate(*, user: User) -> str:
    """Give ``user`` a new feed token and return it.

    The token is the secret in the personal calendar and podcast feed URLs, so
    rotating it revokes every URL handed out before (a leaked link stops working).
    """
    user.feed_token = new_feed_token()
    user.save(update_fields=["feed_token"])
    return user.feed_token
