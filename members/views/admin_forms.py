"""Forms of the cohort admin: the cohort itself and its sessions as an inline formset.

The forms only validate and collect; saving goes through ``members.services.cohorts``
(``cohort_create`` / ``cohort_update``), which holds the rules (capacity never below
the seats taken, new seats offered to the waiting list at once).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from members.models import Cohort, RoleLevel, Session, User
from members.services.cohorts import COHORT_FIELDS, SESSION_FIELDS


def _experts() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(is_expert=True, is_active=True).order_by("first_name", "last_name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Experts"),
    )


class CohortForm(WagtailAdminModelForm):
    """The cohort's own fields; role levels as checkboxes, experts limited to expert accounts."""

    allowed_role_levels = forms.MultipleChoiceField(
        label=_("Who may register"),
        choices=RoleLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked to let everyone register. 'Chef- eller lederniveau' is the first three."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"] = _experts()
        if self.instance.pk:
            self.initial["experts"] = list(self.instance.experts.values_list("pk", flat=True))

    class Meta:
        model = Cohort
        fields = [*COHORT_FIELDS, "experts"]


class SessionForm(forms.ModelForm):
    """One session row in the cohort form."""

    experts = _experts()

    class Meta:
        model = Session
        fields = ["number", "title", "description", "starts_at", "ends_at", "venue", "online_url", "experts"]
        widgets = {
            "starts_at": AdminDateTimeInput(),
            "ends_at": AdminDateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "venue": forms.Textarea(attrs={"rows": 2}),
        }


SessionFormSet = forms.inlineformset_factory(
    Cohort, Session, form=SessionForm, extra=1, can_delete=True, min_num=0, validate_min=False
)


def cohort_service_data(form: CohortForm, formset) -> dict[str, Any]:
    """Turn the validated form and formset into the ``data`` of ``cohort_create``/``cohort_update``."""
    data: dict[str, Any] = {name: form.cleaned_data[name] for name in COHORT_FIELDS if name in form.cleaned_data}
    data["experts"] = [user.email for user in form.cleaned_data.get("experts", [])]
    sessions = []
    for session_form in formset.forms:
        cleaned = getattr(session_form, "cleaned_data", None)
        if not cleaned or cleaned.get("DELETE") or not session_form.has_changed() and not session_form.instance.pk:
            continue
        row = {name: cleaned.get(name) for name in SESSION_FIELDS}
        row["number"] = cleaned["number"]
        row["experts"] = [user.email for user in cleaned.get("experts", [])]
        sessions.append(row)
    data["sessions"] = sessions
    return data
