"""The Q&A in the Wagtail admin: staff read and moderate questions (menu item 'Spørgsmål')."""

from __future__ import annotations

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from members.views.admin_permissions import StaffPermissionPolicy
from qa.admin_views import QuestionViewSet
from qa.models import Question

# Staff only, and viewing only: moderation has its own view that calls the service.
register_permission_policy(Question, StaffPermissionPolicy(Question, actions=frozenset({"view"})), exact_class=True)


@hooks.register("register_admin_viewset")
def register_question_admin():
    return QuestionViewSet()
