"""The member-facing Q&A pages (the API lives under /api/v1/, see api/qa/)."""

from django.urls import path

from . import views

app_name = "qa"

urlpatterns = [
    path("spoergsmaal/hold/<slug:slug>/", views.cohort_questions, name="cohort_questions"),
    path("spoergsmaal/<int:pk>/", views.question_detail, name="question"),
    path("spoergsmaal/svar/<int:pk>/accepter/", views.answer_accept_view, name="answer_accept"),
]
