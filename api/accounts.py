"""The signed-in user's own account."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView


class OrganizationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    job_title = serializers.CharField()
    role_level = serializers.CharField()
    organization = OrganizationOutput(allow_null=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=["member", "expert", "staff"]))


class MeView(APIView):
    """GET /api/v1/me: who am I (email, name, organization, roles)."""

    @extend_schema(responses={200: MeOutput}, operation_id="me_retrieve")
    def get(self, request):
        return Response(MeOutput(request.user).data)
