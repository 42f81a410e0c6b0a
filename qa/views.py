"""The Q&A as web pages for members and experts: a cohort's questions, asking, answering, accepting.

Thin views over ``qa.selectors`` (who sees what: the same rule as the API) and ``qa.services``
(every write and its rules). A cohort or question the user may not see is a 404, as in the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members.exceptions import DomainError, NotFound

from . import selectors
from .forms import AnswerForm, AskForm
from .models import Question
from .services.answers import answer_accept, answer_create
from .services.questions import question_create
from .services.rules import may_accept, may_answer

PAGE_SIZE = 25


def _add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_questions(request, slug: str):
    """GET: the cohort's questions, newest first (``?status=`` filters). POST: ask one."""
    try:
        cohort = selectors.cohort_for_qa(request.user, slug)
    except NotFound as exc:
        raise Http404 from exc
    form = AskForm(request.POST if request.method == "POST" else None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = question_create(
                user=request.user, cohort=cohort, title=data["title"], body=data["body"],
                session_number=data["session"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your question is posted; the experts have been told."))
            return redirect("qa:question", pk=question.pk)
    questions = selectors.with_list_fields(selectors.cohort_questions_visible_to(request.user, cohort), request.user)
    status = request.GET.get("status")
    if status in Question.Status.values:
        questions = questions.filter(status=status)
    page = Paginator(questions.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "qa/cohort_questions.html", {
        "cohort": cohort, "form": form, "page_obj": page, "status": status if status in Question.Status.values else "",
        "statuses": Question.Status.choices,
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def question_detail(request, pk: int):
    """GET: a question with its answers and comments. POST (the cohort's experts and staff): answer it."""
    try:
        question = selectors.question_get(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    form = None
    if may_answer(request.user, question):
        form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Only the cohort's experts can answer, and only while the question is open."))
            return redirect("qa:question", pk=question.pk)
        if form.is_valid():
            try:
                answer_create(user=request.user, question=question, body=form.cleaned_data["body"])
            except ValidationError as exc:
                _add_errors(form, exc)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Your answer is posted; the asker and followers have been told."))
                return redirect("qa:question", pk=question.pk)
    return render(request, "qa/question_detail.html", {
        "question": question,
        "cohort": question.cohort,
        "answers": list(selectors.answers_for(question)),
        "comments": list(selectors.question_comments(question)),
        "form": form,
        "can_accept": may_accept(request.user, question),
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def answer_accept_view(request, pk: int):
    """POST (the asker or staff): accept an answer; the previously accepted one is unaccepted."""
    try:
        answer = selectors.answer_get(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    try:
        answer_accept(user=request.user, answer=answer)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Answer accepted."))
    return redirect("qa:question", pk=answer.question_id)
