"""Wagtail admin for the Q&A: staff read every cohort's questions and moderate them.

Questions are never edited here: the list and the question page are read-only, and the
one write, moderation (hide, close, lock and their undo, with a reason the author sees),
goes through ``qa.services.moderation.question_moderate`` like the API's moderation endpoint.
"""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from members.exceptions import DomainError
from members.views.admin_permissions import is_organizer

from .models import Answer, Question
from .services.moderation import moderation_actions_for, question_moderate

# Labels of the moderation actions, in the order they are offered.
ACTION_LABELS = {
    "hide": gettext_lazy("Hide (only staff and the author see it)"),
    "unhide": gettext_lazy("Show again"),
    "close": gettext_lazy("Close (no more answers wanted)"),
    "reopen": gettext_lazy("Reopen"),
    "lock": gettext_lazy("Lock (no answers, comments or edits)"),
    "unlock": gettext_lazy("Unlock"),
}


def moderation_state(question: Question) -> str:
    """'Skjult, låst' for the list: empty while nothing is moderated, so the exceptions stand out."""
    flags = ((question.is_hidden, _("Hidden")), (question.is_locked, _("Locked")))
    return ", ".join(str(label) for flag, label in flags if flag)


class QuestionIndexView(generic.IndexView):
    """Every question of every cohort, newest first; filter by cohort, status, hidden, locked. One query per page."""

    def get_base_queryset(self):
        return (
            super().get_base_queryset()
            .select_related("cohort", "author")
            .annotate(answer_count=Count("answers", distinct=True))
        )


class QuestionInspectView(generic.InspectView):
    """One question with its answers and moderation state, and the moderation form's link."""

    template_name = "qa/admin/question_inspect.html"
    page_title = gettext_lazy("Question")

    def get_fields(self):
        return []

    def get_object(self, queryset=None):
        answers = Answer.objects.select_related("author").order_by("created_at", "pk")
        return get_object_or_404(
            Question.objects.select_related("cohort", "author", "session", "moderated_by", "claimed_by")
            .prefetch_related(Prefetch("answers", queryset=answers)),
            pk=self.pk,
        )

    @cached_property
    def header_more_buttons(self):
        return []  # read-only: no edit or delete

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            question=self.object,
            answers=list(self.object.answers.all()),
            moderate_url=reverse("qa_question:moderate", args=(self.object.pk,)),
        )
        return context


class ModerateForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required to hide, close or lock; the author sees it."),
    )

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, ACTION_LABELS[a]) for a in moderation_actions_for(question)]


class ModerateQuestionView(WagtailAdminTemplateMixin, FormView):
    """GET: the moderation form for one question; POST: apply the action through the moderation service."""

    form_class = ModerateForm
    template_name = "qa/admin/question_moderate.html"
    page_title = gettext_lazy("Moderate question")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not is_organizer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def question(self) -> Question:
        return get_object_or_404(Question.objects.select_related("cohort", "author"), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "question": self.question}

    def get_page_subtitle(self):
        return self.question.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("qa_question:index"), "label": _("Questions")},
            {"url": self.inspect_url, "label": self.question.title},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def inspect_url(self) -> str:
        return reverse("qa_question:inspect", args=(self.question.pk,))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": self.question,
            "back_url": self.inspect_url,
        }

    def form_valid(self, form):
        action = form.cleaned_data["action"]
        try:
            question_moderate(
                moderator=self.request.user, question=self.question, action=action,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        except DomainError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.inspect_url)
        messages.success(
            self.request,
            _("“%(title)s”: %(action)s.") % {"title": self.question.title, "action": ACTION_LABELS[action]},
        )
        return redirect(self.inspect_url)


class QuestionViewSet(ModelViewSet):
    """Menu item 'Spørgsmål': every question, read-only, with moderation."""

    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    menu_order = 120
    add_to_admin_menu = True
    url_prefix = "spoergsmaal"
    name = "qa_question"
    index_view_class = QuestionIndexView
    inspect_view_enabled = True
    inspect_view_class = QuestionInspectView
    copy_view_enabled = False
    form_fields = ["title"]  # never rendered: the policy allows viewing only
    list_display = [
        "title",
        Column("cohort", label=gettext_lazy("Cohort"), accessor="cohort"),
        Column("author", label=gettext_lazy("Asked by"), accessor="author"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        primary=lambda q: q.status == Question.Status.OPEN),
        Column("answer_count", label=gettext_lazy("Answers")),
        Column("moderation", label=gettext_lazy("Moderation"), accessor=moderation_state),
        DateColumn("created_at", label=gettext_lazy("Asked")),
    ]
    list_filter = ["cohort", "status", "is_hidden", "is_locked"]
    search_fields = ["title", "body_markdown"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/moderer/", ModerateQuestionView.as_view(), name="moderate"),
        ]
