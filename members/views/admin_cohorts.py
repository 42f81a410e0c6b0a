"""Wagtail admin for cohorts: the list with seat counts, create/edit with sessions inline, and the overview.

Editing goes through ``members.services.cohorts``; the overview is the organizer's
everyday page (seats, confirmed list, offers, waiting list, substitutes) and links
to the registration actions in ``members.views.admin_registrations``.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from members.exceptions import DomainError
from members.models import Cohort, Registration, Session, SessionSubstitute
from members.services.cohorts import cohort_create, cohort_update
from members.services.waitlist import cohort_offer_free_seats

from .admin_forms import CohortForm, SessionFormSet, cohort_service_data
from .admin_permissions import is_organizer
from .admin_registrations import participants_csv_response

Status = Registration.Status


class CohortIndexView(generic.IndexView):
    """All cohorts with seats taken, left and the waiting list, in one query."""

    def get_base_queryset(self):
        return super().get_base_queryset().with_seat_counts()

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The title opens the overview (the everyday page); editing is in the row's menu.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(field_name, column_class, get_url=self.get_inspect_url, **kwargs)

    def get_list_more_buttons(self, instance):
        # The title already opens the overview (the inspect view); no second link to it.
        inspect_url = self.get_inspect_url(instance)
        return [b for b in super().get_list_more_buttons(instance) if b.url != inspect_url]


class SessionsFormsetMixin:
    """Adds the sessions formset to the create/edit view and saves both through the cohort services."""

    template_name = "members/admin/cohort_form.html"

    @cached_property
    def sessions_formset(self):
        instance = self.object if getattr(self, "object", None) is not None else Cohort()
        data = self.request.POST if self.request.method == "POST" else None
        return SessionFormSet(data, instance=instance, prefix="sessions")

    def is_valid(self, form):
        form_ok = super().is_valid(form)
        formset_ok = self.sessions_formset.is_valid()
        if form_ok and not formset_ok:
            self.produced_error_code = "validation_error"
            self.produced_error_message = _("The sessions have errors; see below.")
        return form_ok and formset_ok

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions_formset"] = self.sessions_formset
        return context

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_with_service(cohort_service_data(form, self.sessions_formset))
        except DomainError as exc:
            form.add_error(None, exc.message)
            self.produced_error_message = exc.message
            return self.form_invalid(form)
        log(instance=self.object, action=self.log_action, user=self.request.user)
        response = self.save_action()
        return self.run_after_hook() or response


class CohortCreateView(SessionsFormsetMixin, generic.CreateView):
    log_action = "wagtail.create"

    def save_with_service(self, data):
        return cohort_create(by=self.request.user, data=data)


class CohortEditView(SessionsFormsetMixin, generic.EditView):
    log_action = "wagtail.edit"

    def save_with_service(self, data):
        return cohort_update(cohort=self.object, by=self.request.user, data=data)


class CohortOverviewView(generic.InspectView):
    """One cohort at a glance: seats, the confirmed list, offers, the waiting list in order, substitutes.

    A fixed number of queries whatever the number of registrations (tests/members/test_admin.py).
    """

    template_name = "members/admin/cohort_overview.html"
    page_title = gettext_lazy("Cohort overview")

    def get_fields(self):
        return []

    def get_object(self, queryset=None):
        return get_object_or_404(Cohort.objects.prefetch_related("experts"), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        # Edit only: deleting is not offered (see the policy), the CSV button sits on the page.
        delete_url = self.get_delete_url()
        return [b for b in super().header_more_buttons if b.url != delete_url]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.object
        registrations = list(
            Registration.objects.filter(cohort=cohort).select_related("user__organization", "ended_by")
            .order_by("created_at", "pk")
        )
        by_status: dict[str, list[Registration]] = {}
        for registration in registrations:
            by_status.setdefault(registration.status, []).append(registration)
        waiting = sorted(by_status.get(Status.WAITLISTED, []), key=lambda r: r.waitlist_position)
        offered = sorted(by_status.get(Status.OFFERED, []), key=lambda r: r.offer_expires_at)
        held = sum(len(by_status.get(s, [])) for s in Registration.SEAT_HOLDING)
        ended = [r for r in registrations if r.status not in (*Registration.SEAT_HOLDING, Status.WAITLISTED)]
        context.update(
            cohort=cohort,
            seats_taken=held,
            seats_left=max(cohort.capacity - held, 0),
            confirmed=by_status.get(Status.CONFIRMED, []),
            pending=by_status.get(Status.PENDING, []),
            offered=offered,
            waiting=waiting,
            ended=sorted(ended, key=lambda r: r.ended_at or r.created_at, reverse=True),
            sessions=list(Session.objects.filter(cohort=cohort).prefetch_related("experts").order_by("number")),
            substitutes=list(
                SessionSubstitute.objects.filter(session__cohort=cohort)
                .select_related("session", "registration__user", "substitute__organization")
                .order_by("session__number", "pk")
            ),
            can_offer=held < cohort.capacity and bool(waiting) and cohort.status in (
                Cohort.Status.PUBLISHED, Cohort.Status.CLOSED),
            offer_url=reverse("members_cohort:offer_next", args=(cohort.pk,)),
            csv_url=reverse("members_cohort:participants_csv", args=(cohort.pk,)),
            cancel_url_name="members_registration:cancel",
            approve_url_name="members_registration:approve",
            reject_url_name="members_registration:reject",
        )
        return context


class StaffOnlyView(View):
    """Base of the plain action views: staff only (403 otherwise), like the viewsets' policy."""

    def dispatch(self, request, *args, **kwargs):
        if not is_organizer(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ParticipantsCsvView(StaffOnlyView):
    """GET: the cohort's registrations as a CSV file for Excel (semicolon-separated, UTF-8 with BOM)."""

    def get(self, request, pk: int):
        cohort = get_object_or_404(Cohort, pk=pk)
        return participants_csv_response(cohort)


class OfferNextSeatView(StaffOnlyView):
    """POST: offer every free seat to the head of the waiting list now (e.g. after raising capacity).

    A seat freed by a cancellation or an expired offer is passed on by the services
    already; this is the organizer's explicit push, under the same cohort lock.
    """

    def post(self, request, pk: int):
        cohort = get_object_or_404(Cohort, pk=pk)
        offered = cohort_offer_free_seats(cohort_id=cohort.pk)
        if offered:
            names = ", ".join(str(r.user) for r in Registration.objects.filter(
                pk__in=[r.pk for r in offered]).select_related("user"))
            messages.success(request, _("Seat offered to: %(names)s.") % {"names": names})
        else:
            messages.warning(
                request, _("No seat was offered: no free seat, nobody waiting, or the cohort is not open.")
            )
        return redirect("members_cohort:inspect", pk)


class SeatsColumn(Column):
    """'taken / capacity' with the seats left, from the index annotations."""

    cell_template_name = "members/admin/seats_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(taken=instance.seats_taken, capacity=instance.capacity, left=instance.seats_left)
        return context


class CohortViewSet(ModelViewSet):
    """Menu item 'Hold': cohorts with their sessions and experts.

    Permissions come from ``StaffPermissionPolicy`` registered for Cohort in ``members.wagtail_hooks``.
    """

    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    menu_order = 110
    add_to_admin_menu = False
    url_prefix = "hold"
    name = "members_cohort"
    inspect_view_enabled = True
    index_view_class = CohortIndexView
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    inspect_view_class = CohortOverviewView
    copy_view_enabled = False
    list_display = [
        "title",
        StatusTagColumn(
            "status", label=gettext_lazy("Status"), accessor="get_status_display",
            primary=lambda cohort: cohort.status == Cohort.Status.PUBLISHED,
        ),
        SeatsColumn("seats", label=gettext_lazy("Seats taken")),
        Column("waitlist_length", label=gettext_lazy("Waiting list")),
        "registration_closes_at",
    ]
    list_filter = ["status"]
    search_fields = ["title", "summary", "organizer"]
    ordering = ["-registration_opens_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("title"), FieldPanel("slug"), FieldPanel("status"), FieldPanel("organizer")],
                heading=gettext_lazy("Cohort"),
            ),
            MultiFieldPanel([FieldPanel("summary"), FieldPanel("target_group")], heading=gettext_lazy("Description")),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"), FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at"),
                    FieldPanel("allowed_role_levels"), FieldPanel("requires_approval"), FieldPanel("offer_hours"),
                ],
                heading=gettext_lazy("Seats and registration"),
            ),
            MultiFieldPanel([FieldPanel("price_net"), FieldPanel("vat_rate")], heading=gettext_lazy("Price")),
            MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_fallback_url")], heading=gettext_lazy("Place")),
            FieldPanel("experts"),
        ],
        base_form_class=CohortForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/deltagere.csv", ParticipantsCsvView.as_view(), name="participants_csv"),
            path("<int:pk>/tilbyd-plads/", OfferNextSeatView.as_view(), name="offer_next"),
        ]
