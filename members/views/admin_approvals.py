"""Wagtail admin actions for cohorts with ``requires_approval``: approve or reject a pending registration.

Both go through ``members.services.approvals`` (cohort lock, re-check, write); the
overview (``CohortOverviewView``) lists pending registrations with these two buttons.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.exceptions import DomainError
from members.models import Registration
from members.services.approvals import REASON_MAX_LENGTH, registration_approve, registration_reject

from .admin_cohorts import StaffOnlyView
from .admin_registrations import CancelRegistrationView


class ApproveRegistrationView(StaffOnlyView):
    """POST: approve a pending registration (it becomes a confirmed seat); back to the cohort overview."""

    def post(self, request, pk: int):
        registration = get_object_or_404(Registration.objects.select_related("user"), pk=pk)
        try:
            registration_approve(registration_id=pk, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The registration of %(name)s is approved.") % {"name": registration.user})
        return redirect("members_cohort:inspect", registration.cohort_id)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Sent to the member in the rejection mail."),
    )


class RejectRegistrationView(CancelRegistrationView):
    """GET: confirm rejecting a pending registration (with a reason); POST: reject it through the service.

    The held seat goes to the head of the waiting list in the same transaction
    (``registration_reject``); the member gets a mail after commit.
    """

    form_class = RejectForm
    template_name = "members/admin/registration_reject.html"
    page_title = gettext_lazy("Reject registration")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_pending"] = self.registration.status == Registration.Status.PENDING
        return context

    def form_valid(self, form):
        try:
            registration_reject(
                registration_id=self.registration.pk, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.next_url())
        messages.success(
            self.request, _("The registration of %(name)s is rejected.") % {"name": self.registration.user}
        )
        return redirect(self.next_url())
