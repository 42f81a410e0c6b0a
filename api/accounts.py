"""The signed-in user's own account."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from members.ical import personal_calendar_url
from members.services.accounts import feed_token_rotate


class OrganizationOutput(serializers.Serializer):
    """The member's organization, as clients show it."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class MeOutput(serializers.Serializer):
    """The signed-in user's profile and roles (member, expert, staff)."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    job_title = serializers.CharField()
    role_level = serializers.CharField()
    organization = OrganizationOutput(allow_null=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=["member", "expert", "staff"]))
    calendar_feed_url = serializers.SerializerMethodField()

    def get_calendar_feed_url(self, user) -> str:
        return personal_calendar_url(user)


class MeView(APIView):
    """GET /api/v1/me: who am I (email, name, organization, roles)."""

    @extend_schema(responses={200: MeOutput}, operation_id="me_retrieve")
    def get(self, request):
        return Response(MeOutput(request.user).data)


class FeedTokenOutput(serializers.Serializer):
    feed_token = serializers.CharField()
    calendar_feed_url = serializers.CharField()


class FeedTokenView(APIView):
    """POST /api/v1/me/feed-token: rotate the secret in the personal feed URLs; the old URLs stop working."""

    @extend_schema(request=None, responses={200: FeedTokenOutput}, operation_id="me_feed_token_rotate")
    def post(self, request):
        token = feed_token_rotate(user=request.user)
        body = {"feed_token": token, "calendar_feed_url": personal_calendar_url(request.user)}
        return Response(FeedTokenOutput(body).data)
