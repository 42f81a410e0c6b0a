"""Input and output shapes of the Q&A API. Inputs only validate; outputs only present."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from qa.models import BODY_MAX_LENGTH, REASON_MAX_LENGTH, TITLE_MAX_LENGTH, Question
from qa.selectors import claim_is_live
from qa.services.moderation import ACTIONS

MAX_ID = 2**63 - 1
MAX_PAGE_ID = 2**31 - 1


def _body(**kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=BODY_MAX_LENGTH, trim_whitespace=True, help_text="Markdown; rendered and sanitised.", **kwargs
    )


# --- inputs ------------------------------------------------------------------------------


class QuestionCreateInput(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    body = _body()
    session = serializers.IntegerField(
        min_value=1, max_value=32767, required=False, allow_null=True, help_text="Session number in the cohort."
    )
    material = serializers.IntegerField(
        min_value=1,
        max_value=MAX_PAGE_ID,
        required=False,
        allow_null=True,
        help_text="Id of a literature, podcast or article page.",
    )


class QuestionUpdateInput(QuestionCreateInput):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH, required=False)
    body = _body(required=False)


class AnswerInput(serializers.Serializer):
    body = _body()


class CommentInput(serializers.Serializer):
    body = _body()
    answer = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        help_text="Comment on this answer of the question instead of the question itself.",
    )


class ModerateInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=ACTIONS)
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for hide, close and lock; shown to the author.",
    )


# --- outputs ------------------------------------------------------------------------------


class QAPersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="get_full_name")
    is_expert = serializers.BooleanField()


class QASessionRefOutput(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()


class QAMaterialRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class CommentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    answer = serializers.IntegerField(source="answer_id", allow_null=True)
    author = QAPersonOutput(allow_null=True)
    body_markdown = serializers.CharField()
    body_html = serializers.CharField()
    created_at = serializers.DateTimeField()


class QuestionListOutput(serializers.Serializer):
    """A row of a question list: what a list needs, no bodies."""

    id = serializers.IntegerField()
    cohort = serializers.CharField(source="cohort.slug")
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Question.Status.choices)
    author = QAPersonOutput(allow_null=True)
    session = QASessionRefOutput(allow_null=True)
    material = QAMaterialRefOutput(allow_null=True)
    answer_count = serializers.IntegerField()
    me_too_count = serializers.IntegerField()
    has_accepted_answer = serializers.BooleanField()
    me_too_by_me = serializers.BooleanField()
    followed_by_me = serializers.BooleanField()
    is_hidden = serializers.BooleanField()
    is_locked = serializers.BooleanField()
    claimed_by = serializers.SerializerMethodField()
    claimed_until = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(QAPersonOutput(allow_null=True))
    def get_claimed_by(self, question):
        return QAPersonOutput(question.claimed_by).data if claim_is_live(question) else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_claimed_until(self, question):
        if not claim_is_live(question):
            return None
        until = question.claimed_at + timedelta(minutes=settings.QA_CLAIM_MINUTES)
        return serializers.DateTimeField().to_representation(until)


class QuestionDetailOutput(QuestionListOutput):
    """One question with its text, moderation state and the comments on it."""

    body_markdown = serializers.CharField()
    body_html = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    moderation_reason = serializers.CharField()
    comments = CommentOutput(many=True, source="question_comments")


class AnswerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.IntegerField(source="question_id")
    author = QAPersonOutput(allow_null=True)
    body_markdown = serializers.CharField()
    body_html = serializers.CharField()
    is_accepted = serializers.BooleanField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    endorsement_count = serializers.SerializerMethodField()
    endorsed_by = serializers.SerializerMethodField()
    comments = CommentOutput(many=True)
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.IntegerField())
    def get_endorsement_count(self, answer) -> int:
        return len(answer.endorsements.all())

    @extend_schema_field(QAPersonOutput(many=True))
    def get_endorsed_by(self, answer):
        return QAPersonOutput([e.expert for e in answer.endorsements.all()], many=True).data


class MeTooOutput(serializers.Serializer):
    me_too_count = serializers.IntegerField()
    me_too_by_me = serializers.BooleanField()


class FollowOutput(serializers.Serializer):
    following = serializers.BooleanField()


class EndorseOutput(serializers.Serializer):
    endorsement_count = serializers.IntegerField()


class QAErrorOutput(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
