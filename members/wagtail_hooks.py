"""The organizers' admin for cohorts and registrations, under one menu item 'Hold'."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from members.models import Cohort, Registration
from members.views.admin_cohorts import CohortViewSet
from members.views.admin_permissions import StaffPermissionPolicy
from members.views.admin_registrations import RegistrationViewSet

# Organizers (staff) only. Deleting a cohort would delete its registrations, so
# organizers close or finish it instead; registrations change only through the
# seat services (the cancel action), never through an edit form.
register_permission_policy(Cohort, StaffPermissionPolicy(Cohort, actions=frozenset({"add", "change", "view"})),
                           exact_class=True)
register_permission_policy(Registration, StaffPermissionPolicy(Registration, actions=frozenset({"view"})),
                           exact_class=True)


class CohortsGroup(ViewSetGroup):
    menu_label = _("Cohorts")
    menu_icon = "group"
    menu_order = 110
    items = (CohortViewSet, RegistrationViewSet)


@hooks.register("register_admin_viewset")
def register_cohort_admin():
    return CohortsGroup()
