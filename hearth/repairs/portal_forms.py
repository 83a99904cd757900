"""The resident's repair reporting questions: one question per page, in plain English."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import GovukErrors
from hearth.repairs.forms import set_choices
from hearth.repairs.models import Area, CatalogueItem, EmergencyStop
from hearth.repairs.services.photos import MAX_BYTES

SOMETHING_ELSE = "other"


class EmergencyForm(GovukErrors, forms.Form):
    emergency = forms.ChoiceField(
        label=_("Is any of these happening now?"),
        choices=[*EmergencyStop.choices, ("none", _("No, none of these"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select if any of these is happening, or 'No, none of these'")
        },
    )


class WhereForm(GovukErrors, forms.Form):
    where = forms.ChoiceField(
        label=_("Where is the problem?"),
        choices=[
            ("home", _("In my home")),
            ("communal", _("In a shared area of my block, like a stairwell, lift or entrance")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select where the problem is")},
    )


class AreaForm(GovukErrors, forms.Form):
    area = forms.ChoiceField(
        label=_("What is the problem with?"),
        choices=[(a.value, a.label) for a in Area if a != Area.COMMUNAL],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the problem is with")},
    )


class ProblemForm(GovukErrors, forms.Form):
    problem = forms.ChoiceField(
        label=_("Which of these is closest to the problem?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the problem, or 'Something else'")},
    )

    def __init__(self, *args: Any, items: list[CatalogueItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(item.code, item.name) for item in items]
        set_choices(self, "problem", [*choices, (SOMETHING_ELSE, _("Something else"))])


AT_RISK = ("under_5", "over_65", "health")
NONE_OF_THESE = "none"


class HeatingForm(GovukErrors, forms.Form):
    """The questions that decide how soon we come when heating or hot water is out: whether
    it is (asked when the resident chose "Something else"), and who lives in the home
    (`rules.heating_loss_is_emergency`). "No, none of these" cannot be ticked with another
    answer."""

    lost = forms.ChoiceField(
        label=_("Do you have heating and hot water?"),
        choices=[
            ("heating", _("I have no heating")),
            ("hot_water", _("I have no hot water")),
            ("both", _("I have no heating and no hot water")),
            ("neither", _("I have heating and hot water, but something is wrong with them")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you have heating and hot water")},
    )
    household = forms.MultipleChoiceField(
        label=_("Does anyone who lives with you fit any of these?"),
        help_text=_("This decides how quickly we come. Select all that apply."),
        choices=[
            ("under_5", _("A child under 5")),
            ("over_65", _("Someone aged 65 or over")),
            ("health", _("Someone whose illness or disability gets worse in the cold")),
            (NONE_OF_THESE, _("No, none of these")),
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select who lives with you, or 'No, none of these'")},
    )  # fmt: skip

    def __init__(self, *args: Any, ask_lost: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ask_lost:
            del self.fields["lost"]

    def clean_household(self) -> list[str]:
        chosen = list(self.cleaned_data.get("household") or [])
        if NONE_OF_THESE in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                _("You ticked 'No, none of these' and someone who lives with you: select "
                  "'No, none of these' on its own, or untick it")
            )  # fmt: skip
        return chosen

    def answers(self) -> dict[str, Any]:
        lost = self.cleaned_data.get("lost")
        return {
            "no_heating": True if lost is None else lost != "neither",
            "at_risk": any(c in AT_RISK for c in self.cleaned_data["household"]),
            "household": self.cleaned_data["household"],
            "lost": lost,
        }


class ResponsibilityForm(GovukErrors, forms.Form):
    choice = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=[
            ("myself", _("I will sort it out myself")),
            ("recharge", _("Please do it for me, and charge me the cost")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what you would like to do")},
    )


class DetailsForm(GovukErrors, forms.Form):
    description = forms.CharField(
        label=_("Tell us about the problem"),
        help_text=_("For example, what you can see, when it started and how bad it is."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("Tell us about the problem in 2,000 characters or fewer")},
    )
    location = forms.CharField(
        label=_("Where exactly is it? (optional)"),
        help_text=_("For example, under the kitchen sink, or the back bedroom ceiling."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Where it is must be 200 characters or fewer")},
    )
    access_notes = forms.CharField(
        label=_("Anything we should know to get in? (optional)"),
        help_text=_("For example, a key safe, a dog, or times you cannot be in."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )

    def __init__(self, *args: Any, needs_description: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_description = needs_description

    def clean_description(self) -> str:
        text = str(self.cleaned_data.get("description") or "").strip()
        if self.needs_description and not text:
            raise forms.ValidationError(_("Tell us about the problem"))
        return text


class PhotoForm(GovukErrors, forms.Form):
    photo = forms.FileField(
        label=_("Add a photo (optional)"),
        help_text=_("A JPG, PNG or WebP photo, smaller than %(mb)sMB. We remove its location data.")
        % {"mb": MAX_BYTES // (1024 * 1024)},
        error_messages={"required": _("Select a photo")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class FixedForm(GovukErrors, forms.Form):
    fixed = forms.ChoiceField(
        label=_("Is your repair fixed?"),
        choices=[("yes", _("Yes, it is fixed")), ("no", _("No, it is not fixed"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if your repair is fixed")},
    )
    note = forms.CharField(
        label=_("If it is not fixed, what is still wrong?"),
        help_text=_("Up to 1,000 characters."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("What is still wrong must be 1,000 characters or fewer")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("fixed") == "no" and not (data.get("note") or "").strip():
            self.add_error("note", _("Tell us what is still wrong"))
        if data.get("fixed") == "yes":
            data["note"] = ""
        return data
