"""Questions members put to a cohort's experts, and the answers.

The rules that change these rows live in ``qa.services``; who may see which
question lives in ``qa.selectors``. Models hold data and the constraints that
back every "only one" (one accepted answer, one me-too, one follow, one
endorsement, one digest per session).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Cohort, Session

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000
REASON_MAX_LENGTH = 500


class Question(models.Model):
    """A member's question to the experts of one cohort.

    Status: OPEN until the first answer, then ANSWERED (whether or not an answer
    is accepted yet; ``has_accepted_answer`` tells that), CLOSED by staff or the
    asker when no more answers are wanted. Hidden questions are seen only by staff
    and their author; locked questions take no more answers, comments or edits.
    """

    class Status(models.TextChoices):
        # With a context: the cohort's "Closed" (for registration) is another word in Danish.
        OPEN = "open", pgettext_lazy("question status", "Open")
        ANSWERED = "answered", pgettext_lazy("question status", "Answered")
        CLOSED = "closed", pgettext_lazy("question status", "Closed")

    cohort = models.ForeignKey(Cohort, related_name="questions", on_delete=models.CASCADE)
    session = models.ForeignKey(Session, related_name="questions", on_delete=models.SET_NULL, null=True, blank=True)
    material = models.ForeignKey(
        "wagtailcore.Page",
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("material"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="questions", on_delete=models.SET_NULL, null=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body_markdown = models.TextField(_("question"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)

    is_hidden = models.BooleanField(_("hidden"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    moderation_reason = models.CharField(_("moderation reason"), max_length=REASON_MAX_LENGTH, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True, blank=True
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="claimed_questions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    claimed_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [
            models.Index(fields=["cohort", "-created_at"], name="question_cohort_recent"),
            models.Index(fields=["status", "created_at"], name="question_status_oldest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimed_by__isnull=True) | Q(claimed_at__isnull=False), name="question_claim_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """An answer by one of the cohort's experts or by staff."""

    question = models.ForeignKey(Question, related_name="answers", on_delete=models.CASCADE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="answers", on_delete=models.SET_NULL, null=True)
    body_markdown = models.TextField(_("answer"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    is_accepted = models.BooleanField(_("accepted"), default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True, blank=True
    )
    endorsed_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="AnswerEndorsement", related_name="endorsed_answers", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_accepted=True), name="answer_one_accepted_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.author}"


class AnswerEndorsement(models.Model):
    """An expert vouching for an answer."""

    answer = models.ForeignKey(Answer, related_name="endorsements", on_delete=models.CASCADE)
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["answer", "expert"], name="endorsement_once_per_expert")]

    def __str__(self) -> str:
        return f"{self.expert} endorses {self.answer_id}"


class Comment(models.Model):
    """A follow-up on a question, or on one of its answers when ``answer`` is set."""

    question = models.ForeignKey(Question, related_name="comments", on_delete=models.CASCADE)
    answer = models.ForeignKey(Answer, related_name="comments", on_delete=models.CASCADE, null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True)
    body_markdown = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author} on {self.question_id}"


class MeToo(models.Model):
    """A member saying 'I want to know this too'."""

    question = models.ForeignKey(Question, related_name="me_toos", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="metoo_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user} +1 {self.question_id}"


class Follow(models.Model):
    """Someone who is mailed when the question gets an answer; the asker follows from the start."""

    question = models.ForeignKey(Question, related_name="follows", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="followed_questions", on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="follow_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.question_id}"


class QuestionRevision(models.Model):
    """The text of a question as it was before an edit."""

    question = models.ForeignKey(Question, related_name="revisions", on_delete=models.CASCADE)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True)
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body_markdown = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.question_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class AnswerRevision(models.Model):
    """The text of an answer as it was before an edit."""

    answer = models.ForeignKey(Answer, related_name="revisions", on_delete=models.CASCADE)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True)
    body_markdown = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.answer_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class SessionDigest(models.Model):
    """Records the pre-session digest of a session, so it goes out once even if runs overlap."""

    session = models.OneToOneField(Session, related_name="qa_digest", on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)
    recipient_count = models.PositiveIntegerField(default=0)
    open_count = models.PositiveIntegerField(default=0)
    answered_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Q&A digest")
        verbose_name_plural = _("Q&A digests")

    def __str__(self) -> str:
        return f"Digest {self.session}"
