"""Who may call the cohort endpoints (organizing is for staff) and how often registrations may be written."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.throttling import ScopedRateThrottle


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class IsStaff(BasePermission):
    """Only active staff (organizers)."""

    message = "Only staff can do this."

    def has_permission(self, request, view) -> bool:
        return is_staff(request.user)


class RegistrationWriteThrottle(ScopedRateThrottle):
    """The "registration" rate (API_THROTTLE_REGISTRATION) on writes only; reading one's registration is free."""

    scope_attr = "throttle_scope"

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
