"""Forms for the staff area's own pages: closure days and the landlord's settings."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors
from hearth.core.measures import Direction, MeasureDef
from hearth.core.models import Landlord
from hearth.core.services import (
    ADDRESS_MAX_LENGTH,
    LANDLORD_FIELDS,
    TARGETABLE,
    clean_landlord_setting,
    clean_target,
)


class TelInput(forms.TextInput):
    input_type = "tel"


class ClosureDayForm(GovukErrors, forms.Form):
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


def target_field(measure_id: str) -> str:
    """The form field for a measure's target (measure ids have dots, which ids avoid)."""
    return "target_" + measure_id.replace(".", "_")


class TargetField(forms.CharField):
    """A target as a number; a % sign typed after it is fine. Empty means the default."""

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip().rstrip("%").strip().replace(",", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("Enter the target as a number, like 95 or 92.5"), code="invalid"
            ) from None
        if not number.is_finite():
            raise ValidationError(_("Enter the target as a number, like 95 or 92.5"))
        return number


def _default_hint(measure: MeasureDef) -> str:
    direction = _("at least") if measure.direction is Direction.AT_LEAST else _("at most")
    unit = "%" if measure.unit == "%" else f" {measure.unit}"
    if measure.target is None:
        return str(_("Leave empty for no target."))
    return str(
        _("Leave empty to use the standard target: %(direction)s %(target)s")
        % {"direction": direction, "target": f"{measure.target:g}{unit}"}
    )


class LandlordSettingsForm(GovukErrors, forms.Form):
    """The landlord's name and contact details, shown to residents on every page, letter and
    email, and its targets for each measure that has one."""

    name = forms.CharField(
        label=_("Name"),
        help_text=_(
            "The full name residents see, for example Clapton Park Management Organisation"
        ),
        max_length=200,
        error_messages={
            "required": _("Enter the landlord's name"),
            "max_length": _("This must be 200 characters or fewer"),
        },
    )
    short_name = forms.CharField(
        label=_("Short name (optional)"),
        help_text=_("For example CPMO. Used in text messages and authenticator apps."),
        max_length=60,
        required=False,
        error_messages={"max_length": _("This must be 60 characters or fewer")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("This must be 40 characters or fewer")},
        widget=TelInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off"}),
    )
    emergency_phone = forms.CharField(
        label=_("Emergency phone number (optional)"),
        help_text=_("For emergency repairs when the office is closed"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("This must be 40 characters or fewer")},
        widget=TelInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("Email address (optional)"),
        max_length=254,
        required=False,
        error_messages={"max_length": _("This must be 254 characters or fewer")},
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Postal address (optional)"),
        help_text=_("One part of the address on each line"),
        max_length=ADDRESS_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("This must be 500 characters or fewer")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    website = forms.CharField(
        label=_("Website (optional)"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("This must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
    )
    opening_hours = forms.CharField(
        label=_("Opening hours (optional)"),
        help_text=_("For example, Monday to Friday, 9am to 5pm"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("This must be 200 characters or fewer")},
    )

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        initial = {name: getattr(landlord, name) for name in LANDLORD_FIELDS}
        for measure_id, value in (landlord.targets or {}).items():
            if measure_id in TARGETABLE and value is not None:
                initial[target_field(measure_id)] = f"{float(value):g}"
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.target_names: dict[str, str] = {}
        for measure in TARGETABLE.values():
            name = target_field(measure.id)
            self.target_names[measure.id] = name
            self.fields[name] = TargetField(
                label=measure.title,
                help_text=_default_hint(measure),
                required=False,
                max_length=20,
                error_messages={"max_length": _("Enter the target as a number, like 95 or 92.5")},
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "spellcheck": "false",
                        "class": "govuk-input--width-5",
                    }
                ),
            )
            self.fields[name].measure = measure  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        """Check every answer as the service will, so all mistakes are listed at once."""
        data = super().clean() or {}
        for name in LANDLORD_FIELDS:
            if name in data:
                try:
                    data[name] = clean_landlord_setting(name, data[name])
                except ValidationError as error:
                    self.add_error(name, error)
        for measure_id, name in self.target_names.items():
            if name in data:
                try:
                    clean_target(TARGETABLE[measure_id], data[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return data

    def settings(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in LANDLORD_FIELDS}

    def targets(self) -> dict[str, Decimal | None]:
        return {
            measure_id: self.cleaned_data[name] for measure_id, name in self.target_names.items()
        }

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in LANDLORD_FIELDS]

    def target_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.target_names.values()]
