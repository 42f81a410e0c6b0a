"""Cohort, registration and substitute endpoints: validate, call a service, serialize.

Status codes come from the domain errors (``api.errors``); every view here is thin.
A cohort a user may not see (a draft, for non-staff) is 404, as is an unknown slug.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from members.selectors import (
    cohort_registrations,
    cohorts_for_listing,
    cohorts_visible_to,
    has_member_access,
    registration_of,
)
from members.services.approvals import registration_approve, registration_reject
from members.services.cohorts import cohort_create, cohort_update
from members.services.registrations import offer_accept, registration_cancel, registration_create, registration_leave
from members.services.substitutes import substitute_name

from .permissions import IsStaff, RegistrationWriteThrottle, is_staff
from .renderers import CSVRenderer
from .serializers import (
    CancelInput,
    CohortInput,
    CohortOutput,
    ErrorOutput,
    ParticipantOutput,
    RegistrationOutput,
    RejectInput,
    SubstituteInput,
    SubstituteOutput,
)


def _err(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorOutput, description=description)


E400 = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description='Malformed JSON or invalid fields ({"field": ["message"]}), or a rule on the input '
    '({"detail", "code"}).',
)
E401 = _err("Not signed in.")
E403_STAFF = _err("Signed in, but not staff.")
E404 = _err("No such cohort (or a draft, for non-staff).")
E429 = _err("Too many registration requests; retry later.")


def _cohort_or_404(user, slug: str):
    return get_object_or_404(cohorts_visible_to(user), slug=slug)


def _cohort_body(request, cohort, *, detail: bool) -> dict:
    context = {"staff": is_staff(request.user)}
    if detail:
        context["member_access"] = context["staff"] or has_member_access(request.user, cohort)
    return CohortOutput(cohort, context=context).data


class CohortListView(APIView):
    """GET: published cohorts with seats, window, price and sessions (anyone). POST: create one (staff)."""

    def get_permissions(self):
        # Reading is open to anyone (also in the OpenAPI security); writing is for staff.
        return [AllowAny()] if self.request.method in SAFE_METHODS else [IsStaff()]

    @extend_schema(responses={200: CohortOutput(many=True)}, operation_id="cohorts_list")
    def get(self, request):
        cohorts = cohorts_for_listing(request.user)
        return Response(CohortOutput(cohorts, many=True, context={"staff": is_staff(request.user)}).data)

    @extend_schema(
        request=CohortInput,
        responses={
            201: CohortOutput,
            400: E400,
            401: E401,
            403: E403_STAFF,
            409: _err("The slug is taken (slug_taken)."),
        },
        operation_id="cohorts_create",
    )
    def post(self, request):
        data = CohortInput(data=request.data)
        data.is_valid(raise_exception=True)
        cohort = cohort_create(by=request.user, data=data.validated_data)
        cohort = cohorts_for_listing(request.user).get(pk=cohort.pk)
        return Response(_cohort_body(request, cohort, detail=True), status=201)


class CohortDetailView(APIView):
    """GET: one cohort (anyone; online links only for participants). PATCH: change it (staff)."""

    def get_permissions(self):
        # Reading is open to anyone (also in the OpenAPI security); writing is for staff.
        return [AllowAny()] if self.request.method in SAFE_METHODS else [IsStaff()]

    @extend_schema(responses={200: CohortOutput, 404: E404}, operation_id="cohorts_retrieve")
    def get(self, request, slug: str):
        cohort = get_object_or_404(cohorts_for_listing(request.user), slug=slug)
        return Response(_cohort_body(request, cohort, detail=True))

    @extend_schema(
        request=CohortInput,
        responses={
            200: CohortOutput,
            400: E400,
            401: E401,
            403: E403_STAFF,
            404: E404,
            409: _err("Capacity below the seats taken (capacity_below_seats), slug taken, or a session in use."),
        },
        operation_id="cohorts_partial_update",
    )
    def patch(self, request, slug: str):
        cohort = _cohort_or_404(request.user, slug)
        data = CohortInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        cohort = cohort_update(cohort=cohort, by=request.user, data=data.validated_data)
        cohort = cohorts_for_listing(request.user).get(pk=cohort.pk)
        return Response(_cohort_body(request, cohort, detail=True))


class RegistrationView(APIView):
    """The signed-in member's registration for a cohort: register (POST), read (GET), leave (DELETE)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [RegistrationWriteThrottle]
    throttle_scope = "registration"

    @extend_schema(
        request=None,
        responses={
            201: RegistrationOutput,
            200: OpenApiResponse(RegistrationOutput, description="Already registered: the same registration."),
            401: E401,
            403: _err("Ineligible role level (not_eligible) or unverified email (email_unverified)."),
            404: E404,
            409: _err(
                "Registration not open yet (registration_not_open), closed (registration_closed), "
                "cohort not published (not_published), or cancelled by staff before (registration_cancelled)."
            ),
            429: E429,
        },
        operation_id="cohorts_registration_create",
    )
    def post(self, request, slug: str):
        cohort = _cohort_or_404(request.user, slug)
        registration, created = registration_create(cohort=cohort, user=request.user)
        return Response(RegistrationOutput(registration).data, status=201 if created else 200)

    @extend_schema(
        responses={200: RegistrationOutput, 401: E401, 404: _err("No such cohort, or no registration for it.")},
        operation_id="cohorts_registration_retrieve",
    )
    def get(self, request, slug: str):
        cohort = _cohort_or_404(request.user, slug)
        registration = registration_of(request.user, cohort)
        if registration is None:
            return Response({"detail": "You have no registration for this cohort.", "code": "no_registration"}, 404)
        return Response(RegistrationOutput(registration).data)

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(
                RegistrationOutput,
                description="Left the waiting list, withdrew a registration awaiting approval, or declined the offer.",
            ),
            401: E401,
            404: _err("No such cohort, or no registration for it."),
            409: _err("A confirmed seat is binding (binding), or the registration already ended (already_ended)."),
            429: E429,
        },
        operation_id="cohorts_registration_destroy",
    )
    def delete(self, request, slug: str):
        cohort = _cohort_or_404(request.user, slug)
        registration = registration_leave(cohort=cohort, user=request.user)
        return Response(RegistrationOutput(registration).data)


class AcceptOfferView(APIView):
    """POST: accept the seat offered to the member before its deadline; the seat becomes confirmed."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [RegistrationWriteThrottle]
    throttle_scope = "registration"

    @extend_schema(
        request=None,
        responses={
            200: RegistrationOutput,
            401: E401,
            404: _err("No such cohort, or no registration for it."),
            409: _err("No open offer (no_offer) or the offer expired (offer_expired)."),
            429: E429,
        },
        operation_id="cohorts_registration_accept_offer",
    )
    def post(self, request, slug: str):
        cohort = _cohort_or_404(request.user, slug)
        registration, _changed = offer_accept(cohort=cohort, user=request.user)
        return Response(RegistrationOutput(registration).data)


class SubstituteView(APIView):
    """POST {"email"}: a confirmed member names a colleague to attend one session in their place."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [RegistrationWriteThrottle]
    throttle_scope = "registration"

    @extend_schema(
        request=SubstituteInput,
        responses={
            201: SubstituteOutput,
            200: OpenApiResponse(SubstituteOutput, description="The same colleague was already named."),
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description='Invalid input ({"email": [...]}), or an unknown colleague (substitute_unknown) '
                "or yourself (substitute_self) as {detail, code}.",
            ),
            401: E401,
            403: _err("The colleague is from another organization (substitute_other_org)."),
            404: _err("No such cohort or session (session_not_found)."),
            409: _err(
                "No confirmed seat (not_confirmed), session over (session_over), colleague unverified, "
                "already seated, or substituting for someone else."
            ),
            429: E429,
        },
        operation_id="cohorts_session_substitute",
    )
    def post(self, request, slug: str, number: int):
        cohort = _cohort_or_404(request.user, slug)
        data = SubstituteInput(data=request.data)
        data.is_valid(raise_exception=True)
        substitute, changed = substitute_name(
            cohort=cohort, user=request.user, session_number=number, email=data.validated_data["email"]
        )
        return Response(SubstituteOutput(substitute).data, status=201 if changed else 200)


class CohortRegistrationsView(APIView):
    """GET (staff): the cohort's registrations, seat holders first, then the waiting list in order. Also CSV."""

    permission_classes = [IsStaff]
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(
        responses={
            (200, "application/json"): ParticipantOutput(many=True),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="The same rows as CSV (?format=csv or Accept: text/csv)."
            ),
            401: E401,
            403: E403_STAFF,
            404: E404,
        },
        operation_id="cohorts_registrations_list",
    )
    def get(self, request, slug: str, format=None):
        cohort = _cohort_or_404(request.user, slug)
        rows = ParticipantOutput(cohort_registrations(cohort), many=True).data
        response = Response(rows)
        if getattr(request.accepted_renderer, "format", "") == "csv":
            response["Content-Disposition"] = f'attachment; filename="{cohort.slug}-registrations.csv"'
        return response


class RegistrationCancelView(APIView):
    """POST (staff): cancel any active registration, a confirmed seat too; the seat goes to the next in line."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=CancelInput,
        responses={
            200: RegistrationOutput,
            400: E400,
            401: E401,
            403: E403_STAFF,
            404: _err("No such registration."),
            409: _err("The registration already ended (already_ended)."),
        },
        operation_id="registrations_cancel",
    )
    def post(self, request, pk: int):
        data = CancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        registration = registration_cancel(
            registration_id=pk, by=request.user, reason=data.validated_data.get("reason", "")
        )
        return Response(RegistrationOutput(registration).data)


class RegistrationApproveView(APIView):
    """POST (staff): approve a registration awaiting approval (pending); it becomes a confirmed, binding seat."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={
            200: RegistrationOutput,
            401: E401,
            403: E403_STAFF,
            404: _err("No such registration."),
            409: _err("The registration is not awaiting approval (not_pending)."),
        },
        operation_id="registrations_approve",
    )
    def post(self, request, pk: int):
        registration = registration_approve(registration_id=pk, by=request.user)
        return Response(RegistrationOutput(registration).data)


class RegistrationRejectView(APIView):
    """POST {"reason"} (staff): reject a pending registration; its seat goes to the next in line."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=RejectInput,
        responses={
            200: RegistrationOutput,
            400: E400,
            401: E401,
            403: E403_STAFF,
            404: _err("No such registration."),
            409: _err("The registration is not awaiting approval (not_pending)."),
        },
        operation_id="registrations_reject",
    )
    def post(self, request, pk: int):
        data = RejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        registration = registration_reject(registration_id=pk, by=request.user, reason=data.validated_data["reason"])
        return Response(RegistrationOutput(registration).data)
