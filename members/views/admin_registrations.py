"""Wagtail admin for registrations: a filterable read-only list, the staff cancel action, the CSV export.

Registrations are never edited by hand: every change of a seat goes through the
seat services (``members.services.registrations``), which keep the invariants.
"""

from __future__ import annotations

import csv
from functools import cached_property

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from members.exceptions import DomainError
from members.models import Cohort, Registration
from members.services.registrations import registration_cancel

from .admin_permissions import is_organizer

Status = Registration.Status
ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.PENDING, Status.WAITLISTED)
# Seat holders first, then the queue in order, then the ended ones.
STATUS_ORDER = {Status.CONFIRMED: 0, Status.OFFERED: 1, Status.PENDING: 2, Status.WAITLISTED: 3}


def participants_csv_response(cohort: Cohort) -> HttpResponse:
    """The cohort's registrations as CSV: name, organization, email, status, position (and more).

    Semicolon-separated UTF-8 with a byte-order mark, so Danish Excel opens it
    with the columns and the letters æøå right. Two queries.
    """
    registrations = sorted(
        Registration.objects.filter(cohort=cohort).select_related("user__organization"),
        key=lambda r: (STATUS_ORDER.get(r.status, 9), r.waitlist_position or 0, r.created_at, r.pk),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"deltagere-{slugify(cohort.slug)}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([
        _("Name"), _("Organization"), _("Email"), _("Status"), _("Position"), _("Job title"), _("Registered"),
        _("Offer expires"),
    ])
    for r in registrations:
        user = r.user
        writer.writerow([
            user.get_full_name(), user.organization.name if user.organization else "", user.email,
            r.get_status_display(), r.waitlist_position or "", user.job_title,
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(r.offer_expires_at).strftime("%Y-%m-%d %H:%M") if r.offer_expires_at else "",
        ])
    return response


class RegistrationIndexView(generic.IndexView):
    """Every registration, filterable by cohort and status; one query per page."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user__organization", "cohort")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in ACTIVE:
            from wagtail.admin.widgets import ListingButton

            buttons.append(ListingButton(
                _("Cancel registration"), url=reverse("members_registration:cancel", args=(instance.pk,)),
                icon_name="cross", priority=40,
            ))
        return buttons


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Sent to the member in the cancellation mail."),
    )


class CancelRegistrationView(WagtailAdminTemplateMixin, FormView):
    """GET: confirm cancelling a registration (with a reason); POST: cancel it through the seat service.

    A freed seat goes to the head of the waiting list in the same transaction
    (``registration_cancel``); the member gets a mail after commit.
    """

    form_class = CancelForm
    template_name = "members/admin/registration_cancel.html"
    page_title = gettext_lazy("Cancel registration")
    header_icon = "cross"

    def dispatch(self, request, *args, **kwargs):
        if not is_organizer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def registration(self) -> Registration:
        return get_object_or_404(
            Registration.objects.select_related("user__organization", "cohort"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.registration.user)

    def get_breadcrumbs_items(self):
        cohort = self.registration.cohort
        return [
            *self.breadcrumbs_items,
            {"url": reverse("members_cohort:index"), "label": _("Cohorts")},
            {"url": reverse("members_cohort:inspect", args=(cohort.pk,)), "label": str(cohort)},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={self.request.get_host()}):
            return candidate
        return reverse("members_cohort:inspect", args=(self.registration.cohort_id,))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(registration=self.registration, next=self.next_url(),
                       is_active=self.registration.status in ACTIVE)
        return context

    def form_valid(self, form):
        try:
            registration_cancel(
                registration_id=self.registration.pk, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.next_url())
        messages.success(
            self.request, _("The registration of %(name)s is cancelled.") % {"name": self.registration.user}
        )
        return redirect(self.next_url())


class RegistrationViewSet(ModelViewSet):
    """Menu item 'Tilmeldinger': every registration, read-only, with the cancel action."""

    model = Registration
    icon = "list-ul"
    menu_label = gettext_lazy("Registrations")
    url_prefix = "tilmeldinger"
    name = "members_registration"
    index_view_class = RegistrationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never rendered: the policy allows viewing only
    list_display = [
        "user",  # the title column: opens the registration, its menu holds the cancel action
        Column("organization", label=gettext_lazy("Organization"), accessor="user.organization"),
        Column("cohort", label=gettext_lazy("Cohort"), accessor="cohort"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        primary=lambda r: r.status == Status.CONFIRMED),
        Column("waitlist_position", label=gettext_lazy("Position")),
        DateColumn("created_at", label=gettext_lazy("Registered")),
    ]
    list_filter = ["cohort", "status"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    inspect_view_fields = [
        "cohort", "user", "status", "waitlist_position", "created_at", "confirmed_at", "offered_at",
        "offer_expires_at", "ended_at", "ended_by", "end_reason",
    ]

    def get_urlpatterns(self):
        # Imported here: the approval views build on this module's cancel view.
        from .admin_approvals import ApproveRegistrationView, RejectRegistrationView

        return [
            *super().get_urlpatterns(),
            path("<int:pk>/annuller/", CancelRegistrationView.as_view(), name="cancel"),
            path("<int:pk>/godkend/", ApproveRegistrationView.as_view(), name="approve"),
            path("<int:pk>/afvis/", RejectRegistrationView.as_view(), name="reject"),
        ]
