"""Q&A endpoints: validate input, call a service, serialize the result.

Every lookup goes through ``qa.selectors`` (``questions_visible_to``), so a
question or cohort the user may not see is 404 on every endpoint.
"""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from qa import selectors
from qa.models import Question
from qa.services import answers, claims, comments, moderation, questions

from . import serializers as s
from .docs import READ_ERRORS, WRITE_ERRORS, errors
from .filters import QuestionFilter, QueueFilter
from .pagination import QuestionCursorPagination, QueueCursorPagination
from .permissions import IsExpertOrStaff
from .throttling import QAWriteThrottle


class QAView(APIView):
    """Base of the Q&A views: signed-in users, writes throttled per user."""

    throttle_classes = [QAWriteThrottle]


def _detail(request, question_id: int) -> Response:
    question = selectors.question_get(request.user, question_id)
    question.question_comments = list(selectors.question_comments(question))
    return Response(s.QuestionDetailOutput(question).data)


class CohortQuestionsView(QAView, generics.GenericAPIView):
    """GET: the cohort's questions (newest first, filterable, cursor-paginated). POST: ask a question."""

    pagination_class = QuestionCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = QuestionFilter
    serializer_class = s.QuestionListOutput

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no request
            return Question.objects.none()
        cohort = selectors.cohort_for_qa(self.request.user, self.kwargs["slug"])
        visible = selectors.cohort_questions_visible_to(self.request.user, cohort)
        return selectors.with_list_fields(visible, self.request.user)

    @extend_schema(
        operation_id="cohort_questions_list",
        responses={200: s.QuestionListOutput(many=True), **errors(400, *READ_ERRORS)},
    )
    def get(self, request, slug: str):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(s.QuestionListOutput(page, many=True).data)

    @extend_schema(
        operation_id="cohort_questions_create",
        request=s.QuestionCreateInput,
        responses={201: s.QuestionDetailOutput, **errors(*WRITE_ERRORS)},
    )
    def post(self, request, slug: str):
        cohort = selectors.cohort_for_qa(request.user, slug)
        data = _validated(s.QuestionCreateInput, request.data)
        question = questions.question_create(
            user=request.user,
            cohort=cohort,
            title=data["title"],
            body=data["body"],
            session_number=data.get("session"),
            material_id=data.get("material"),
        )
        response = _detail(request, question.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


def _validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class QuestionView(QAView):
    """GET a question; PATCH it (author within the edit window, or staff); DELETE it."""

    @extend_schema(operation_id="question_retrieve", responses={200: s.QuestionDetailOutput, **errors(*READ_ERRORS)})
    def get(self, request, question_id: int):
        return _detail(request, question_id)

    @extend_schema(
        operation_id="question_update",
        request=s.QuestionUpdateInput,
        responses={200: s.QuestionDetailOutput, **errors(*WRITE_ERRORS)},
    )
    def patch(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        data = _validated(s.QuestionUpdateInput, request.data, partial=True)
        changes = {key: data[key] for key in ("title", "body") if key in data}
        if "session" in data:
            changes["session_number"] = data["session"]
        if "material" in data:
            changes["material_id"] = data["material"]
        questions.question_update(user=request.user, question=question, **changes)
        return _detail(request, question_id)

    @extend_schema(operation_id="question_destroy", responses={204: None, **errors(*WRITE_ERRORS)})
    def delete(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        questions.question_delete(user=request.user, question=question)
        return Response(status=status.HTTP_204_NO_CONTENT)


class QuestionAnswersView(QAView):
    """GET the answers (accepted first); POST an answer (the cohort's experts and staff)."""

    @extend_schema(
        operation_id="question_answers_list", responses={200: s.AnswerOutput(many=True), **errors(*READ_ERRORS)}
    )
    def get(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        return Response(s.AnswerOutput(selectors.answers_for(question), many=True).data)

    @extend_schema(
        operation_id="question_answers_create",
        request=s.AnswerInput,
        responses={201: s.AnswerOutput, **errors(*WRITE_ERRORS)},
    )
    def post(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        data = _validated(s.AnswerInput, request.data)
        answer = answers.answer_create(user=request.user, question=question, body=data["body"])
        return Response(s.AnswerOutput(selectors.answers_for(question).get(pk=answer.pk)).data, status=201)


class QuestionCommentsView(QAView):
    """POST a follow-up comment on the question or on one of its answers."""

    @extend_schema(
        operation_id="question_comments_create",
        request=s.CommentInput,
        responses={201: s.CommentOutput, **errors(*WRITE_ERRORS)},
    )
    def post(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        data = _validated(s.CommentInput, request.data)
        comment = comments.comment_create(
            user=request.user, question=question, body=data["body"], answer_id=data.get("answer")
        )
        return Response(s.CommentOutput(comment).data, status=201)


class AnswerView(QAView):
    """PATCH an answer (its author within the edit window, or staff); the old text is kept."""

    @extend_schema(
        operation_id="answer_update", request=s.AnswerInput, responses={200: s.AnswerOutput, **errors(*WRITE_ERRORS)}
    )
    def patch(self, request, answer_id: int):
        answer = selectors.answer_get(request.user, answer_id)
        data = _validated(s.AnswerInput, request.data)
        answers.answer_update(user=request.user, answer=answer, body=data["body"])
        return Response(s.AnswerOutput(selectors.answers_for(answer.question).get(pk=answer.pk)).data)


class AnswerAcceptView(QAView):
    """POST: the asker (or staff) accepts this answer; any other accepted answer is unaccepted."""

    @extend_schema(operation_id="answer_accept", request=None, responses={200: s.AnswerOutput, **errors(*WRITE_ERRORS)})
    def post(self, request, answer_id: int):
        answer = answers.answer_accept(user=request.user, answer=selectors.answer_get(request.user, answer_id))
        return Response(s.AnswerOutput(selectors.answers_for(answer.question).get(pk=answer.pk)).data)


class AnswerEndorseView(QAView):
    """POST: an expert of the cohort endorses this answer (idempotent; not one's own)."""

    @extend_schema(
        operation_id="answer_endorse", request=None, responses={200: s.EndorseOutput, **errors(*WRITE_ERRORS)}
    )
    def post(self, request, answer_id: int):
        count = answers.answer_endorse(user=request.user, answer=selectors.answer_get(request.user, answer_id))
        return Response(s.EndorseOutput({"endorsement_count": count}).data)


class QuestionMeTooView(QAView):
    """POST: 'me too' on someone else's question (idempotent). DELETE: take it back."""

    @extend_schema(
        operation_id="question_me_too", request=None, responses={200: s.MeTooOutput, **errors(*WRITE_ERRORS)}
    )
    def post(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        count = questions.question_me_too(user=request.user, question=question)
        return Response(s.MeTooOutput({"me_too_count": count, "me_too_by_me": True}).data)

    @extend_schema(
        operation_id="question_me_too_withdraw", request=None, responses={200: s.MeTooOutput, **errors(*WRITE_ERRORS)}
    )
    def delete(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        count = questions.question_me_too_withdraw(user=request.user, question=question)
        return Response(s.MeTooOutput({"me_too_count": count, "me_too_by_me": False}).data)


class QuestionFollowView(QAView):
    """POST: follow (mail on answers). DELETE: unfollow. Both idempotent."""

    @extend_schema(
        operation_id="question_follow", request=None, responses={200: s.FollowOutput, **errors(*WRITE_ERRORS)}
    )
    def post(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        questions.question_follow(user=request.user, question=question)
        return Response(s.FollowOutput({"following": True}).data)

    @extend_schema(
        operation_id="question_unfollow", request=None, responses={200: s.FollowOutput, **errors(*WRITE_ERRORS)}
    )
    def delete(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        questions.question_unfollow(user=request.user, question=question)
        return Response(s.FollowOutput({"following": False}).data)


class QuestionClaimView(QAView):
    """POST: an expert claims an open question for QA_CLAIM_MINUTES (409 if a colleague holds it). DELETE: release."""

    @extend_schema(
        operation_id="question_claim", request=None, responses={200: s.QuestionListOutput, **errors(*WRITE_ERRORS)}
    )
    def post(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        claims.question_claim(user=request.user, question=question)
        return Response(s.QuestionListOutput(selectors.question_get(request.user, question_id)).data)

    @extend_schema(
        operation_id="question_claim_release",
        request=None,
        responses={200: s.QuestionListOutput, **errors(*WRITE_ERRORS)},
    )
    def delete(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        claims.question_release(user=request.user, question=question)
        return Response(s.QuestionListOutput(selectors.question_get(request.user, question_id)).data)


class QuestionModerateView(QAView):
    """POST (staff): hide, unhide, close, reopen, lock or unlock a question, with a reason."""

    @extend_schema(
        operation_id="question_moderate",
        request=s.ModerateInput,
        responses={200: s.QuestionDetailOutput, **errors(*WRITE_ERRORS)},
    )
    def post(self, request, question_id: int):
        question = selectors.question_get(request.user, question_id)
        data = _validated(s.ModerateInput, request.data)
        moderation.question_moderate(
            moderator=request.user, question=question, action=data["action"], reason=data["reason"]
        )
        return _detail(request, question_id)


class ExpertQueueView(QAView, generics.GenericAPIView):
    """GET: open, unanswered questions across the expert's cohorts, oldest first (?cohort=slug, ?session=n)."""

    permission_classes = [IsExpertOrStaff]
    pagination_class = QueueCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = QueueFilter
    serializer_class = s.QuestionListOutput

    def get_queryset(self):
        return selectors.expert_queue(self.request.user)

    @extend_schema(
        operation_id="expert_queue_list", responses={200: s.QuestionListOutput(many=True), **errors(400, 401, 403, 404)}
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(s.QuestionListOutput(page, many=True).data)
