"""Residents' forms: one question per page, GOV.UK error messages, the right autocomplete."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import GovukErrors
from hearth.tenancies.models import PreferredChannel


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneForm(GovukErrors, forms.Form):
    phone = forms.CharField(
        label=_("What is your phone number?"),
        help_text=_(
            "A mobile number if you want text messages. To remove your number, leave this empty."
        ),
        required=False,
        max_length=40,
        error_messages={"max_length": _("The phone number must be 40 characters or fewer")},
        widget=TelInput(
            attrs={"autocomplete": "tel", "class": "govuk-input--width-20", "spellcheck": "false"}
        ),
    )


class EmailForm(GovukErrors, forms.Form):
    email = forms.CharField(
        label=_("What is your email address?"),
        help_text=_("To remove your email address, leave this empty."),
        required=False,
        max_length=254,
        error_messages={"max_length": _("The email address must be 254 characters or fewer")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class ChannelForm(GovukErrors, forms.Form):
    channel = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        help_text=_("We will use this for letters, updates and reminders."),
        choices=PreferredChannel.choices,
        error_messages={
            "required": _("Choose how you want us to contact you"),
            "invalid_choice": _("Choose how you want us to contact you"),
        },
        widget=forms.RadioSelect,
    )


class LanguageForm(GovukErrors, forms.Form):
    language = forms.CharField(
        label=_("Which language do you want us to use?"),
        help_text=_("For example, English, Turkish, Yiddish or Somali."),
        max_length=40,
        error_messages={
            "required": _("Enter the language you want us to use"),
            "max_length": _("The language must be 40 characters or fewer"),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "language", "class": "govuk-input--width-20"}
        ),
    )


HELP_CHOICES = [
    ("large_print", _("Large print")),
    ("easy_read", _("Easy read (short sentences with pictures)")),
    ("interpreter_needed", _("An interpreter when we speak to you")),
]


class HelpForm(GovukErrors, forms.Form):
    help = forms.MultipleChoiceField(
        label=_("Do you need any of these when we contact you?"),
        help_text=_("Select all that apply. If you need none of them, leave them all unticked."),
        choices=HELP_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Select only the options shown")},
        widget=forms.CheckboxSelectMultiple,
    )

    def flags(self) -> dict[str, bool]:
        chosen = set(self.cleaned_data.get("help") or [])
        return {name: name in chosen for name, _label in HELP_CHOICES}


class RepresentativeForm(GovukErrors, forms.Form):
    representative_name = forms.CharField(
        label=_("Their full name"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The name must be 200 characters or fewer")},
    )
    representative_relationship = forms.CharField(
        label=_("How do they know you?"),
        help_text=_("For example, daughter, friend, or support worker"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("This must be 100 characters or fewer")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    representative_contact = forms.CharField(
        label=_("How can we contact them?"),
        help_text=_("A phone number or email address"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("This must be 200 characters or fewer")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = (data.get("representative_name") or "").strip()
        if not name and (
            data.get("representative_relationship") or data.get("representative_contact")
        ):
            self.add_error(
                "representative_name", _("Enter the name of the person who speaks for you")
            )
        return data
