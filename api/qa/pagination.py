"""Cursor pagination for question lists: stable under inserts, no COUNT query."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class QuestionCursorPagination(CursorPagination):
    """Newest questions first, 20 per page (``page_size`` up to 100)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created_at", "-id")


class QueueCursorPagination(QuestionCursorPagination):
    """The expert queue: oldest open question first."""

    ordering = ("created_at", "id")
