"""Forms of the member-facing Q&A pages: input shape only; the rules run in ``qa.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Cohort

from .models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH


class AskForm(forms.Form):
    title = forms.CharField(label=_("Your question in one line"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Details"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    session = forms.TypedChoiceField(label=_("Session"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = cohort.sessions.order_by("number").only("number", "title")
        self.fields["session"].choices = [("", _("Not about one session"))] + [
            (s.number, f"{s.number}. {s.title}") for s in sessions
        ]


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
