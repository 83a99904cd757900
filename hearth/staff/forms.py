from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField


class ClosureDayForm(forms.Form):
    day = DatePartsField(
        label=_("Date the offices are closed"),
        help_text=_("For example, 27 12 2027"),
        error_messages={"required": _("Enter the date the offices are closed")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example, Christmas shutdown. Staff will see this."),
        max_length=200,
        error_messages={
            "required": _("Enter why the offices are closed"),
            "max_length": _("The reason must be 200 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds", "spellcheck": "true"}),
    )
