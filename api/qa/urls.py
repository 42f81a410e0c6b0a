"""Q&A endpoints under /api/v1/ (the paths are a contract; see the README)."""

from django.urls import path

from . import views

urlpatterns = [
    path("cohorts/<str:slug>/questions/", views.CohortQuestionsView.as_view(), name="cohort-questions"),
    path("questions/<int:question_id>/", views.QuestionView.as_view(), name="question"),
    path("questions/<int:question_id>/answers/", views.QuestionAnswersView.as_view(), name="question-answers"),
    path("questions/<int:question_id>/comments/", views.QuestionCommentsView.as_view(), name="question-comments"),
    path("questions/<int:question_id>/me-too", views.QuestionMeTooView.as_view(), name="question-me-too"),
    path("questions/<int:question_id>/follow", views.QuestionFollowView.as_view(), name="question-follow"),
    path("questions/<int:question_id>/claim", views.QuestionClaimView.as_view(), name="question-claim"),
    path("questions/<int:question_id>/moderate", views.QuestionModerateView.as_view(), name="question-moderate"),
    path("answers/<int:answer_id>/", views.AnswerView.as_view(), name="answer"),
    path("answers/<int:answer_id>/accept", views.AnswerAcceptView.as_view(), name="answer-accept"),
    path("answers/<int:answer_id>/endorse", views.AnswerEndorseView.as_view(), name="answer-endorse"),
    path("experts/me/queue", views.ExpertQueueView.as_view(), name="expert-queue"),
]
