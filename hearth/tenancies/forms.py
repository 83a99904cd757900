"""Forms staff use to change people's records: support needs, cautionary alerts, contact details
and preferences (on a resident's behalf), the household and a tenancy's end. The services check
the rules; these forms check what was typed and give GOV.UK error messages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors
from hearth.tenancies.models import MemberRole, PreferredChannel, SupportNeed
from hearth.tenancies.services import clean_email, clean_phone
from hearth.tenancies.services.alerts import CATEGORY_MAX_LENGTH, TEXT_MAX_LENGTH, clean_review_on
from hearth.tenancies.services.support import DESCRIPTION_MAX_LENGTH


class TelInput(forms.TextInput):
    input_type = "tel"


def _text(label: Any, *, limit: int, required: Any = None, hint: Any = "") -> forms.CharField:
    """A textarea with GOV.UK messages for empty (if `required` is the message) and too long."""
    messages = {"max_length": _("This must be %(limit)s characters or fewer") % {"limit": limit}}
    if required:
        messages["required"] = required
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=limit,
        required=bool(required),
        error_messages=messages,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "true"}),
    )


class SupportNeedForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of support need"),
        choices=SupportNeed.Kind.choices,
        error_messages={
            "required": _("Choose the kind of support need"),
            "invalid_choice": _("Choose the kind of support need"),
        },
        widget=forms.RadioSelect,
    )
    description = _text(
        _("What they need, and what staff should do"),
        limit=DESCRIPTION_MAX_LENGTH,
        required=_("Describe the support need and what staff should do"),
        hint=_("For example, Deaf: contact by text or email, never by phone."),
    )
    review_on = DatePartsField(
        label=_("Review date (optional)"),
        help_text=_("When to check it still applies, for example 27 3 2027"),
        required=False,
    )


class AlertForm(GovukErrors, forms.Form):
    category = forms.CharField(
        label=_("Kind of alert"),
        help_text=_("For example, Verbal abuse, Dog on premises, Asbestos, Lone visits not safe"),
        max_length=CATEGORY_MAX_LENGTH,
        error_messages={
            "required": _("Enter the kind of alert, for example Verbal abuse"),
            "max_length": _("The kind of alert must be 60 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    reason = _text(
        _("What staff must know and do, and why"),
        limit=TEXT_MAX_LENGTH,
        required=_("Enter what staff must know and do, and why"),
        hint=_("Every member of staff who visits or calls will read this. Keep to the facts."),
    )
    review_on = DatePartsField(
        label=_("Review by"),
        help_text=_("Within the next year, for example 27 3 2027"),
        error_messages={"required": _("Enter the date the alert must be reviewed by")},
    )

    def clean_review_on(self) -> date:
        return clean_review_on(self.cleaned_data["review_on"])


class AlertReviewForm(GovukErrors, forms.Form):
    note = _text(
        _("What did you check?"),
        limit=TEXT_MAX_LENGTH,
        required=_("Enter what you checked and why the alert stays"),
        hint=_("For example, spoke to the police liaison officer; the risk remains."),
    )
    review_on = DatePartsField(
        label=_("Next review by"),
        help_text=_("Within the next year, for example 27 3 2027"),
        error_messages={"required": _("Enter the date the alert must be reviewed by")},
    )

    def clean_review_on(self) -> date:
        return clean_review_on(self.cleaned_data["review_on"])


class AlertEndForm(GovukErrors, forms.Form):
    note = _text(
        _("Why is the alert no longer needed?"),
        limit=TEXT_MAX_LENGTH,
        required=_("Enter why the alert is no longer needed"),
    )


class ContactDetailsForm(GovukErrors, forms.Form):
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("A mobile number if they want text messages. Leave empty to remove it."),
        required=False,
        max_length=40,
        error_messages={"max_length": _("The phone number must be 40 characters or fewer")},
        widget=TelInput(
            attrs={"autocomplete": "off", "class": "govuk-input--width-20", "spellcheck": "false"}
        ),
    )
    email = forms.CharField(
        label=_("Email address"),
        help_text=_("Leave empty to remove it."),
        required=False,
        max_length=254,
        error_messages={"max_length": _("The email address must be 254 characters or fewer")},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    # The services check these again; checking here lists every mistake at once.
    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        return clean_email(self.cleaned_data["email"])


FORMAT_CHOICES = [
    ("large_print", _("Large print")),
    ("easy_read", _("Easy read")),
    ("interpreter_needed", _("An interpreter when we speak to them")),
]


class ContactPreferencesForm(GovukErrors, forms.Form):
    channel = forms.ChoiceField(
        label=_("How do they want us to contact them?"),
        choices=PreferredChannel.choices,
        error_messages={
            "required": _("Choose how they want us to contact them"),
            "invalid_choice": _("Choose how they want us to contact them"),
        },
        widget=forms.RadioSelect,
    )
    language = forms.CharField(
        label=_("Language"),
        help_text=_("For example, English, Turkish, Yiddish or Somali"),
        max_length=40,
        error_messages={
            "required": _("Enter the language they want us to use"),
            "max_length": _("The language must be 40 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    formats = forms.MultipleChoiceField(
        label=_("Do they need any of these?"),
        help_text=_("Select all that apply"),
        choices=FORMAT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Select only the options shown")},
        widget=forms.CheckboxSelectMultiple,
    )
    representative_name = forms.CharField(
        label=_("Name of someone who speaks for them (optional)"),
        help_text=_("A relative, friend, advocate or support worker. Leave empty if none."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The name must be 200 characters or fewer")},
    )
    representative_relationship = forms.CharField(
        label=_("How do they know them? (optional)"),
        help_text=_("For example, daughter, or advocate from a named organisation"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("This must be 100 characters or fewer")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    representative_contact = forms.CharField(
        label=_("How can we contact them? (optional)"),
        help_text=_("A phone number or email address"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("This must be 200 characters or fewer")},
    )

    def preferences(self) -> dict[str, Any]:
        """The form's answers as update_contact_preferences takes them."""
        data = self.cleaned_data
        chosen = set(data.get("formats") or [])
        return {
            "channel": data["channel"],
            "language": data["language"],
            **{name: name in chosen for name, _label in FORMAT_CHOICES},
            "representative_name": data["representative_name"],
            "representative_relationship": data["representative_relationship"],
            "representative_contact": data["representative_contact"],
        }


class HouseholdMemberForm(GovukErrors, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={
            "required": _("Enter their full name"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label=_("Are they a tenant?"),
        help_text=_(
            "A joint tenant holds the tenancy with the lead tenant and is responsible for it."
        ),
        choices=[
            (MemberRole.HOUSEHOLD_MEMBER.value, _("No, a household member")),
            (MemberRole.JOINT_TENANT.value, _("Yes, a joint tenant")),
        ],
        error_messages={
            "required": _("Choose whether they are a joint tenant or a household member"),
            "invalid_choice": _("Choose whether they are a joint tenant or a household member"),
        },
        widget=forms.RadioSelect,
    )
    relationship = forms.CharField(
        label=_("Relationship to the lead tenant (optional)"),
        help_text=_("For example, partner, son or carer"),
        required=False,
        max_length=60,
        error_messages={"max_length": _("The relationship must be 60 characters or fewer")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    date_of_birth = DatePartsField(
        label=_("Date of birth (optional)"),
        help_text=_("For example, 31 3 1980"),
        required=False,
    )
    phone = ContactDetailsForm.base_fields["phone"]
    email = ContactDetailsForm.base_fields["email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("Phone number (optional)")
        self.fields["phone"].help_text = ""
        self.fields["email"].label = _("Email address (optional)")
        self.fields["email"].help_text = ""

    clean_phone = ContactDetailsForm.clean_phone
    clean_email = ContactDetailsForm.clean_email


class TenancyEndForm(GovukErrors, forms.Form):
    end_date = DatePartsField(
        label=_("When does the tenancy end?"),
        help_text=_("The last day of the tenancy, for example 30 6 2026"),
        error_messages={"required": _("Enter the date the tenancy ends")},
    )
    reason = forms.CharField(
        label=_("Why is it ending? (optional)"),
        help_text=_("For example, notice given by the tenant, or moved to a new home"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("The reason must be 300 characters or fewer")},
    )
