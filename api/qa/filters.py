"""Query-string filters of the question list and the expert queue (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from qa.models import Question


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (NumberFilter would accept decimals)."""

    field_class = forms.IntegerField


class QuestionFilter(django_filters.FilterSet):
    """?status=open|answered|closed, ?session=<number>, ?material=<page id>, ?search=<words>."""

    status = django_filters.ChoiceFilter(choices=Question.Status.choices)
    session = IntegerFilter(field_name="session__number", min_value=1, max_value=32767, help_text="Session number.")
    material = IntegerFilter(field_name="material_id", min_value=1, max_value=2**31 - 1, help_text="Material page id.")
    search = django_filters.CharFilter(method="filter_search", max_length=200, help_text="Words in title or text.")

    class Meta:
        model = Question
        fields = ["status", "session", "material", "search"]

    def filter_search(self, queryset, name, value):
        """Every word must occur in the title or the text (case-insensitive)."""
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(body_markdown__icontains=word))
        return queryset


class QueueFilter(django_filters.FilterSet):
    """?cohort=<slug>, ?session=<number>."""

    cohort = django_filters.CharFilter(field_name="cohort__slug", max_length=100, help_text="Cohort slug.")
    session = IntegerFilter(field_name="session__number", min_value=1, max_value=32767, help_text="Session number.")

    class Meta:
        model = Question
        fields = ["cohort", "session"]
