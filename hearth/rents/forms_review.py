"""Forms for the rent review pages, with GOV.UK error messages for each field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core import formats
from hearth.core.forms import DatePartsField, GovukErrors
from hearth.estates.models import Block
from hearth.rents.forms import DATE_HINT, TEXTAREA, _money
from hearth.rents.models import RentType, ServiceChargeItem


class RentSettingForm(GovukErrors, forms.Form):
    rent_type = forms.ChoiceField(
        label=_("Rent type"), choices=RentType.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select the rent type")},
    )  # fmt: skip
    formula_rent = _money(
        _("Formula rent each week"), _("Leave empty if it has not been worked out."), required=False
    )
    rent_cap = _money(
        _("Rent cap each week"),
        _("For a social rent, the rent cap for the home's size. For an affordable rent, 80% of the market rent, including service charges."),
        required=False,
    )  # fmt: skip
    note = forms.CharField(label=_("Why it changes (optional)"), required=False, max_length=200)


class ReviewForm(GovukErrors, forms.Form):
    rent_year = forms.IntegerField(
        label=_("Rent year starting in April of"), min_value=2026, max_value=2100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the year the rent year starts, like 2027"),
                        "invalid": _("Enter the year as 4 digits, like 2027"),
                        "min_value": _("The Rent Standard's limits start in 2026"),
                        "max_value": _("Enter a year before 2100")},
    )  # fmt: skip
    september_cpi = forms.DecimalField(
        label=_("CPI for the September before, in percent"), max_digits=5, decimal_places=2,
        help_text=_("The Consumer Price Index 12-month rate for September, from the Office for National Statistics. For example, 3.8"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"required": _("Enter the September CPI figure"),
                        "invalid": _("Enter the September CPI as a number, like 3.8"),
                        "max_decimal_places": _("Enter the September CPI to no more than 2 decimal places")},
    )  # fmt: skip
    effective_from = DatePartsField(
        label=_("When the new rents start (optional)"), required=False,
        help_text=_("Leave empty for the first Monday in April. For example, 5 4 2027"),
    )  # fmt: skip


class ServiceChargeChangeForm(GovukErrors, forms.Form):
    what = forms.ChoiceField(
        label=_("What changes?"), widget=forms.RadioSelect,
        choices=[("item", _("One service, for the homes it covers")), ("block", _("The whole service charge for one block"))],
        error_messages={"required": _("Select what changes")},
    )  # fmt: skip
    item = forms.ModelChoiceField(
        label=_("Service"), queryset=ServiceChargeItem.objects.filter(weekly_amount__isnull=False).select_related("block"),
        required=False, empty_label=_("Choose a service"),
    )  # fmt: skip
    block = forms.ModelChoiceField(
        label=_("Block"),
        queryset=Block.objects.order_by("name"),
        required=False,
        empty_label=_("Choose a block"),
    )
    new_weekly_amount = _money(
        _("New weekly cost"), _("The actual cost of the service, per home, each week.")
    )
    reason = forms.CharField(label=_("Why it changes"), widget=forms.Textarea(attrs=TEXTAREA),
                             error_messages={"required": _("Say why the charge changes")})  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        field.label_from_instance = lambda item: (  # type: ignore[attr-defined]
            f"{item.name} ({item.block or _('every block')}): {formats.money(item.weekly_amount)} a week"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("what") == "item" and not data.get("item"):
            self.add_error("item", _("Choose the service"))
        if data.get("what") == "block" and not data.get("block"):
            self.add_error("block", _("Choose the block"))
        return data


class AdjustForm(GovukErrors, forms.Form):
    new_rent = _money(_("New rent each week"))
    reason = forms.CharField(label=_("Why you are changing it"), widget=forms.Textarea(attrs=TEXTAREA),
                             error_messages={"required": _("Say why you are changing Hearth's proposal")})  # fmt: skip


class ReturnForm(GovukErrors, forms.Form):
    reason = forms.CharField(label=_("What needs to change"), widget=forms.Textarea(attrs=TEXTAREA),
                             error_messages={"required": _("Say what needs to change")})  # fmt: skip


class HandDeliveryForm(GovukErrors, forms.Form):
    delivered_on = DatePartsField(label=_("Date it was delivered by hand"), help_text=DATE_HINT)
