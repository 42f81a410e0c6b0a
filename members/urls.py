"""Member-facing non-API routes (calendar feeds and the like)."""

from django.urls import path

from members.views.calendar import personal_calendar

urlpatterns: list = [
    path("calendar/<str:token>.ics", personal_calendar, name="personal-calendar"),
]
