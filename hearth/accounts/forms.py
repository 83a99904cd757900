"""Sign-in, password reset and two-factor forms, with GOV.UK error messages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Enter a correct username and password. If you have forgotten your password, you can reset it."
        ),
        "inactive": _("This account has been closed. Contact us if you think this is wrong."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Username")
        username.error_messages["required"] = _("Enter your username")
        username.widget.attrs = {
            "autocomplete": "username",
            "spellcheck": "false",
            "autocapitalize": "none",
            "class": "govuk-!-width-two-thirds",
        }
        password = self.fields["password"]
        password.label = _("Password")
        password.error_messages["required"] = _("Enter your password")


class ResetPasswordForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(
            attrs={
                "autocomplete": "email",
                "spellcheck": "false",
                "class": "govuk-!-width-two-thirds",
            }
        ),
    )


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    error_messages = {
        "password_mismatch": _("The passwords do not match. Enter the same password twice.")
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "At least 10 characters. Avoid common words and passwords you use elsewhere."
        )
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = _("Type the new password again")


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code, for example 123456"),
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("The code must be 6 digits, like 123456"))
        return code
