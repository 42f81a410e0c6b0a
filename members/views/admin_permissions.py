"""Who may use the cohort admin: staff (organizers) only, never experts or members."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy


def is_organizer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


class StaffPermissionPolicy(BasePermissionPolicy):
    """Staff may do ``actions``; everyone else nothing (experts reach the admin for the library only)."""

    def __init__(self, model, *, actions: frozenset[str]):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        return action in self.actions and is_organizer(user)

    def user_has_any_permission(self, user, actions):
        return bool(set(actions) & self.actions) and is_organizer(user)

    def users_with_any_permission(self, actions):
        if not set(actions) & self.actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_staff=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
