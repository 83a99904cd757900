"""Staff forms for complaints. They only collect answers: every rule is checked by the service
the view calls, and its errors come back onto these forms (`apply_service_errors`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import User
from hearth.complaints import rules
from hearth.complaints.models import (
    Answer,
    Category,
    Channel,
    Complaint,
    Decision,
    ExclusionReason,
    RootCause,
)
from hearth.complaints.self_assessment import REQUIREMENTS
from hearth.contacts.models import ContactChannel
from hearth.core.forms import DATE_HINT, DatePartsField, GovukErrors
from hearth.core.permissions import Can, roles_with

NONE_WORDS = {"none", "none.", "no", "nothing", "no outstanding actions", "n/a"}


def handlers() -> QuerySet[User]:
    """Active staff whose role handles complaints."""
    roles = roles_with(Can.HANDLE_COMPLAINTS)
    return User.objects.filter(Q(role__in=roles) | Q(is_superuser=True), is_active=True).order_by(
        "first_name", "last_name", "username"
    )


class HandlerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


def _date(label: Any, **kwargs: Any) -> DatePartsField:
    return DatePartsField(label=label, **kwargs)


class SentByMixin(GovukErrors, forms.Form):
    """For a complainant with no person record, Hearth cannot write to them: the officer says
    how they sent it themselves."""

    sent_by = forms.ChoiceField(
        label=gettext_lazy("How did you send it?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=gettext_lazy(
            "We hold no person record for this complainant, so Hearth cannot send it. Send it "
            "yourself using the contact details on the complaint, then say how."
        ),
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        if complaint.complainant_id:
            del self.fields["sent_by"]


def _on_field(label: Any) -> DatePartsField:
    return _date(label, help_text=DATE_HINT)


class ComplaintForm(GovukErrors, forms.Form):
    """A complaint taken by phone, email, letter or in person."""

    channel = forms.ChoiceField(
        label=gettext_lazy("How was the complaint made?"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
    )
    received_on = _date(gettext_lazy("Date received"))
    tenancy_ref = forms.CharField(
        label=gettext_lazy("Tenancy reference"),
        required=False,
        help_text=gettext_lazy("The complaint is then from the lead tenant. Leave empty if none."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    contact_name = forms.CharField(
        label=gettext_lazy("Name of the person complaining"), required=False
    )
    contact_email = forms.CharField(label=gettext_lazy("Email address"), required=False)
    contact_phone = forms.CharField(label=gettext_lazy("Phone number"), required=False)
    contact_address = forms.CharField(
        label=gettext_lazy("Postal address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    representative_name = forms.CharField(
        label=gettext_lazy("Name of someone complaining for them (if any)"), required=False
    )
    representative_relationship = forms.CharField(
        label=gettext_lazy("Their relationship (for example advocate, councillor)"), required=False
    )
    category = forms.ChoiceField(
        label=gettext_lazy("What is it about?"), choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=gettext_lazy("What happened"), widget=forms.Textarea(attrs={"rows": 6})
    )
    desired_outcome = forms.CharField(
        label=gettext_lazy("What they want us to do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    about_case_type = forms.CharField(widget=forms.HiddenInput, required=False)
    about_case_ref = forms.CharField(
        label=gettext_lazy("Reference of the request it is about (if any)"),
        required=False,
        help_text=gettext_lazy(
            "For example a repair reference, when a request becomes a complaint."
        ),
    )

    def clean_tenancy_ref(self) -> Any:
        from hearth.tenancies.models import Tenancy

        ref = self.cleaned_data["tenancy_ref"].strip()
        if not ref:
            return None
        tenancy = Tenancy.objects.filter(ref__iexact=ref).first()
        if tenancy is None:
            raise forms.ValidationError(_("There is no tenancy %(ref)s") % {"ref": ref})
        return tenancy


class AcknowledgeForm(SentByMixin):
    definition = forms.CharField(
        label=gettext_lazy("What we understand the complaint to be, and what they want"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("This is sent to the resident: write it to them, in plain English."),
    )
    on = _on_field(gettext_lazy("Date acknowledged"))

    field_order = ["definition", "on", "sent_by"]


class ExtendForm(SentByMixin):
    days = forms.IntegerField(
        label=gettext_lazy("How many working days more?"),
        min_value=1,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Why we need more time"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The resident is told this, with the Housing Ombudsman's details."),
    )
    on = _on_field(gettext_lazy("Date the resident was told"))
    field_order = ["days", "reason", "on", "sent_by"]


def money(value: str, *, field: str) -> Decimal | None:
    value = value.strip().lstrip("£").replace(",", "")
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise forms.ValidationError(_("Enter an amount in pounds, like 50 or 75.50")) from None
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise forms.ValidationError(_("Enter an amount in pounds, like 50 or 75.50"))
    return amount


class RespondForm(SentByMixin):
    """The structured response (Code 6.11 and 6.21): the letter is built from these answers."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=gettext_lazy("The reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Address every point raised; refer to policy, law or good practice."
        ),
    )
    remedy = forms.CharField(
        label=gettext_lazy("Putting things right"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What we offer to put things right, or why no remedy is due."),
    )
    apology = forms.BooleanField(label=gettext_lazy("We apologise"), required=False)
    compensation = forms.CharField(
        label=gettext_lazy("Compensation in pounds (if any)"),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
    )
    offset_against_arrears = forms.BooleanField(
        label=gettext_lazy("Set the compensation against rent arrears"), required=False
    )
    resident_consented_to_offset = forms.BooleanField(
        label=gettext_lazy("The resident agreed to that"), required=False
    )
    outstanding_actions = forms.CharField(
        label=gettext_lazy("Outstanding actions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line; each is tracked until done. Write 'None' if none."),
    )
    actions_due_on = _date(
        gettext_lazy("Outstanding actions due by"),
        required=False,
        help_text=gettext_lazy("Leave empty if there are none"),
    )
    how_to_escalate = forms.CharField(
        label=gettext_lazy("How to escalate"), widget=forms.Textarea(attrs={"rows": 4})
    )
    on = _on_field(gettext_lazy("Date sent"))
    field_order = [
        "decision", "reasons", "remedy", "apology", "compensation", "offset_against_arrears",
        "resident_consented_to_offset", "outstanding_actions", "actions_due_on",
        "how_to_escalate", "on", "sent_by",
    ]  # fmt: skip

    def clean_compensation(self) -> Decimal | None:
        return money(self.cleaned_data["compensation"], field="compensation")

    def action_lines(self) -> list[str]:
        lines = [
            line.strip(" -•\t") for line in self.cleaned_data["outstanding_actions"].splitlines()
        ]
        return [line for line in lines if line and line.lower() not in NONE_WORDS]


def escalation_text(stage: int) -> str:
    ombudsman = rules.OMBUDSMAN
    if stage == 1:
        return _(
            "If you are not happy with this response, ask us to look at your complaint again at "
            "stage 2: use the button in your account, reply to this letter, or call us. You do "
            "not have to say why. Someone who was not involved at stage 1 will review it."
        )
    return (
        _(
            "This is our final response. If you are still unhappy, you can ask the %(name)s to "
            "investigate: phone %(phone)s, email %(email)s, write to %(address)s, or visit "
            "%(website)s."
        )
        % ombudsman
    )


class EscalateForm(GovukErrors, forms.Form):
    on = _on_field(gettext_lazy("Date the resident asked"))
    reason = forms.CharField(
        label=gettext_lazy("Why they are unhappy (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("They do not have to give reasons."),
    )


class ExcludeForm(SentByMixin):
    reason = forms.ChoiceField(
        label=gettext_lazy("Grounds for not taking it on"),
        choices=ExclusionReason.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation for the resident"), widget=forms.Textarea(attrs={"rows": 5})
    )
    issue_date = _date(
        gettext_lazy("When the issue happened or they became aware of it"),
        required=False,
        help_text=gettext_lazy("Needed for the 12 months ground"),
    )
    on = _on_field(gettext_lazy("Date of the decision"))
    field_order = ["reason", "explanation", "issue_date", "on", "sent_by"]


class WithdrawForm(GovukErrors, forms.Form):
    note = forms.CharField(label=gettext_lazy("What the resident said (optional)"), required=False)
    on = _on_field(gettext_lazy("Date withdrawn"))


class AssignForm(GovukErrors, forms.Form):
    handler = HandlerChoiceField(
        label=gettext_lazy("Who handles this stage?"), queryset=User.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers()  # type: ignore[attr-defined]


class LinkForm(GovukErrors, forms.Form):
    tenancy_ref = forms.CharField(
        label=gettext_lazy("Tenancy reference"),
        help_text=gettext_lazy("The complaint will be from this tenancy's lead tenant."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    clean_tenancy_ref = ComplaintForm.clean_tenancy_ref


class LearningForm(GovukErrors, forms.Form):
    root_cause = forms.ChoiceField(
        label=gettext_lazy("Root cause"), choices=RootCause.choices, widget=forms.RadioSelect
    )
    lessons_learned = forms.CharField(
        label=gettext_lazy("What we learned"), widget=forms.Textarea(attrs={"rows": 4})
    )
    improvement = forms.CharField(
        label=gettext_lazy("What we changed as a result (if anything)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ActionForm(GovukErrors, forms.Form):
    description = forms.CharField(label=gettext_lazy("What will be done"), max_length=500)
    due_on = _date(gettext_lazy("Due by"), required=False)
    owner = HandlerChoiceField(
        label=gettext_lazy("Who is responsible"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hearth.accounts.models import STAFF_ROLES

        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role__in=STAFF_ROLES, is_active=True
        ).order_by("first_name", "last_name")


class DoneForm(GovukErrors, forms.Form):
    note = forms.CharField(label=gettext_lazy("What was done (optional)"), required=False)
    on = _on_field(gettext_lazy("Date done"))


class SelfAssessmentForm(GovukErrors, forms.Form):
    """One yes / partly / no and the evidence, for each requirement of the Code's checklist."""

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for requirement in REQUIREMENTS:
            found = answers.get(requirement.clause)
            self.fields[f"answer_{requirement.clause}"] = forms.ChoiceField(
                label=f"{requirement.clause}: {requirement.text}",
                choices=Answer.choices,
                widget=forms.RadioSelect,
                initial=found.answer if found else None,
            )
            self.fields[f"evidence_{requirement.clause}"] = forms.CharField(
                label=_("Evidence for %(clause)s") % {"clause": requirement.clause},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=found.evidence if found else requirement.enforced_by,
            )

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            r.clause: (
                self.cleaned_data[f"answer_{r.clause}"],
                self.cleaned_data[f"evidence_{r.clause}"],
            )
            for r in REQUIREMENTS
        }


class CategoryMappingForm(GovukErrors, forms.Form):
    """One Hearth category for each of the landlord's own categories (from imports)."""

    def __init__(self, *args: Any, landlord_categories: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.landlord_categories = [text for text, _current in landlord_categories]
        choices = [("", _("Not mapped yet")), *Category.choices]
        for index, (text, current) in enumerate(landlord_categories):
            self.fields[f"category_{index}"] = forms.ChoiceField(
                label=text,
                choices=choices,
                required=False,
                initial=current,
                error_messages={"invalid_choice": _("Choose a Hearth category for “%s”") % text},
            )

    def chosen(self) -> list[tuple[str, str]]:
        """(landlord category, Hearth category) for each row given a category."""
        return [
            (text, self.cleaned_data[f"category_{index}"])
            for index, text in enumerate(self.landlord_categories)
            if self.cleaned_data.get(f"category_{index}")
        ]
