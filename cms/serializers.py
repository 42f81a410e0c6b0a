"""Small serializer fields for the Wagtail API v2 (kept apart from models to avoid import cycles)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers


class MaterialFileField(serializers.Field):
    """A library file as ``{id, title, download_url}``; the URL is the permission-checked view, never storage."""

    def to_representation(self, document):
        if document is None:
            return None
        url = reverse("cms:document", args=[document.pk])
        request = self.context.get("request")
        return {
            "id": document.pk,
            "title": document.title,
            "download_url": request.build_absolute_uri(url) if request else url,
        }


class CohortSummaryField(serializers.Field):
    """The cohort a page belongs to, by slug and title (public facts only)."""

    def to_representation(self, cohort):
        if cohort is None:
            return None
        return {"id": cohort.pk, "slug": cohort.slug, "title": cohort.title}


class SessionListField(serializers.Field):
    """The sessions a material is attached to: number, title and start."""

    def to_representation(self, sessions):
        return [
            {"id": s.pk, "number": s.number, "title": s.title, "starts_at": s.starts_at.isoformat()}
            for s in sessions.all()
        ]


class TagListField(serializers.Field):
    """Tag names, sorted."""

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())
