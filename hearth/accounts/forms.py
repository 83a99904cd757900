"""Sign-in, password reset and two-factor forms, and the forms administrators use to add and
change accounts, with GOV.UK error messages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import STAFF_ROLES, Role, User
from hearth.accounts.services import clean_username
from hearth.core.forms import GovukErrors
from hearth.tenancies.services import clean_email


class SignInForm(GovukErrors, AuthenticationForm):
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


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class ResetPasswordForm(GovukErrors, PasswordResetForm):
    """Also finds active accounts that have no password yet (added by an administrator, whose
    first link ran out), so they can get a new link themselves."""

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

    def get_users(self, email: str) -> Iterator[Any]:
        email_field = User.get_email_field_name()
        users = User._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        wanted = _folded(email)
        # The database match may be looser than Unicode's (as Django's own form checks too).
        return (user for user in users if _folded(getattr(user, email_field) or "") == wanted)


class NewPasswordForm(GovukErrors, SetPasswordForm):  # type: ignore[type-arg]
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


class TwoFactorCodeForm(GovukErrors, forms.Form):
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


STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]
_NOT_MINE = {"autocomplete": "off", "spellcheck": "false"}


class StaffMemberForm(GovukErrors, forms.Form):
    """An administrator adds a member of staff (no password: they get a link to choose one)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={
            "required": _("Enter their first name"),
            "max_length": _("The name must be 150 characters or fewer"),
        },
        widget=forms.TextInput(attrs={**_NOT_MINE, "class": "govuk-!-width-one-half"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={
            "required": _("Enter their last name"),
            "max_length": _("The name must be 150 characters or fewer"),
        },
        widget=forms.TextInput(attrs={**_NOT_MINE, "class": "govuk-!-width-one-half"}),
    )
    email = forms.CharField(
        label=_("Email address"),
        help_text=_("We email the link to choose a password here. Use their work address."),
        max_length=254,
        error_messages={
            "required": _("Enter their email address, so we can send them a link"),
            "max_length": _("The email address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={**_NOT_MINE, "class": "govuk-!-width-two-thirds"}),
    )
    username = forms.CharField(
        label=_("Username"),
        help_text=_(
            "What they type to sign in, for example olu.okafor. Letters, numbers and "
            "@ . + - _ only."
        ),
        max_length=150,
        error_messages={
            "required": _("Enter a username"),
            "max_length": _("The username must be 150 characters or fewer"),
        },
        widget=forms.TextInput(
            attrs={**_NOT_MINE, "autocapitalize": "none", "class": "govuk-!-width-one-half"}
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        help_text=_("What they can see and do. Administrators and managers use two-factor."),
        choices=STAFF_ROLE_CHOICES,
        error_messages={
            "required": _("Choose their role"),
            "invalid_choice": _("Choose their role"),
        },
        widget=forms.RadioSelect,
    )

    def clean_email(self) -> str:
        return str(clean_email(self.cleaned_data["email"]))

    def clean_username(self) -> str:
        return clean_username(self.cleaned_data["username"])


class RoleForm(GovukErrors, forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        help_text=_("Administrators and managers set up two-factor the next time they sign in."),
        choices=STAFF_ROLE_CHOICES,
        error_messages={
            "required": _("Choose their role"),
            "invalid_choice": _("Choose their role"),
        },
        widget=forms.RadioSelect,
    )


class ResidentAccountForm(GovukErrors, forms.Form):
    username = forms.CharField(
        label=_("Username"),
        help_text=_("Their email address, unless you choose another. They sign in with it."),
        max_length=150,
        error_messages={
            "required": _("Enter a username"),
            "max_length": _("The username must be 150 characters or fewer"),
        },
        widget=forms.TextInput(
            attrs={**_NOT_MINE, "autocapitalize": "none", "class": "govuk-!-width-two-thirds"}
        ),
    )

    def clean_username(self) -> str:
        return clean_username(self.cleaned_data["username"])
