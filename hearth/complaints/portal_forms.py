"""The resident's complaint form, one question per page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.complaints.models import Category
from hearth.core.forms import GovukErrors


class AboutForm(GovukErrors, forms.Form):
    category = forms.ChoiceField(
        label=_("What is your complaint about?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what your complaint is about")},
    )


class WhatHappenedForm(GovukErrors, forms.Form):
    description = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Tell us what went wrong, when it happened and who was involved. Include any "
            "reference numbers you have."
        ),
        error_messages={"required": _("Tell us what happened")},
    )


class WhatYouWantForm(GovukErrors, forms.Form):
    desired_outcome = forms.CharField(
        label=_("What would you like us to do to put it right?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Optional. For example, fix the repair, say sorry, or tell you what went wrong."
        ),
    )


class AboutYouForm(GovukErrors, forms.Form):
    """For someone not signed in: how we reply, and whether they complain for someone else."""

    contact_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    contact_email = forms.CharField(
        label=_("Email address"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "inputmode": "email"}
        ),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "class": "govuk-input--width-20"}
        ),
    )
    contact_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        help_text=_("Give at least one way for us to reply: email, phone or post."),
    )
    on_behalf_of = forms.CharField(
        label=_("If you are complaining for someone else, their name and address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("We will reply to you. Leave empty if the complaint is about you."),
    )

    def clean(self) -> dict[str, object]:
        from django.core.exceptions import ValidationError

        from hearth.tenancies.services import clean_email, clean_phone

        data = super().clean() or {}
        for field, cleaner in (("contact_email", clean_email), ("contact_phone", clean_phone)):
            try:
                data[field] = cleaner(str(data.get(field) or ""))
            except ValidationError as error:
                self.add_error(field, error.messages[0])
        if not self.errors and not (
            data.get("contact_email") or data.get("contact_phone") or data.get("contact_address")
        ):
            self.add_error(
                "contact_email", _("Give an email address, phone number or postal address")
            )
        return data
