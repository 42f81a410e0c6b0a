"""Permission classes of the Q&A API.

Everything needs a signed-in user (the project default). Which cohort and
question a user may touch is decided by ``qa.selectors`` and the services, so
that another cohort's data answers 404 rather than 403.
"""

from __future__ import annotations

from rest_framework.permissions import IsAuthenticated

from qa.selectors import QUEUE_REFUSAL


class IsExpertOrStaff(IsAuthenticated):
    """Experts and staff; the expert queue is theirs only."""

    message = QUEUE_REFUSAL

    def has_permission(self, request, view) -> bool:
        user = request.user
        return super().has_permission(request, view) and bool(user.is_expert or user.is_staff)
