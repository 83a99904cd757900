"""Forms for the staff rent pages. Each says what is wrong in GOV.UK's words; the services
check the rest and their errors land on the form (hearth.core.forms.apply_service_errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import Role, User
from hearth.contacts.models import ContactChannel, Direction
from hearth.core.forms import DATE_HINT, DatePartsField, GovukErrors
from hearth.rents.models import BenefitKind, ClaimStatus, FiftyThirdWeek, Outcome, Topic
from hearth.rents.models import Kind as TransactionKind
from hearth.rents.payment_files import FORMATS

MONEY = {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
TEXTAREA = {"class": "govuk-textarea", "rows": "4"}
ARREARS_CHANNELS = list(ContactChannel.choices)
NOTES = _("Notes")
PAYMENT_CHOICES = [
    (TransactionKind.PAYMENT_ONLINE, _("Card payment by phone")),
    (TransactionKind.PAYMENT_CASH, _("Cash or card at the office")),
]


def _money(label: Any, help_text: Any = "", required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        max_digits=9,
        decimal_places=2,
        min_value=0,
        widget=forms.TextInput(attrs=MONEY),
        error_messages={
            "required": _("Enter an amount in pounds"),
            "invalid": _("Enter an amount in pounds, like 25.50"),
            "max_decimal_places": _("Enter an amount in pounds and pence, like 25.50"),
            "min_value": _("Enter an amount that is not negative"),
            "max_digits": _("The amount is too large"),
        },
    )


def _date(label: Any, help_text: Any = DATE_HINT, required: bool = True) -> DatePartsField:
    return DatePartsField(label=label, help_text=help_text, required=required)


def _notes(label: Any = NOTES, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Enter the reason")},
    )  # fmt: skip


class ContactForm(GovukErrors, forms.Form):
    channel = forms.ChoiceField(label=_("How did you contact them?"), choices=ARREARS_CHANNELS, widget=forms.RadioSelect,
                                error_messages={"required": _("Select how you contacted them")})  # fmt: skip
    direction = forms.ChoiceField(label=_("Who got in touch?"), choices=[(Direction.OUTBOUND, _("We contacted the tenant")), (Direction.INBOUND, _("The tenant contacted us"))],
                                  initial=Direction.OUTBOUND, widget=forms.RadioSelect)  # fmt: skip
    contacted_on = _date(_("Date of the contact"))
    covered = forms.MultipleChoiceField(
        label=_("What did you cover?"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[("advice", _("Told them where to get free, independent money advice")),
                 ("income_expenditure", _("Asked for an income and expenditure statement"))],
    )  # fmt: skip
    notes = _notes(_("What was said"))


class VulnerabilityForm(GovukErrors, forms.Form):
    vulnerable = forms.TypedChoiceField(
        label=_("Is the tenant vulnerable?"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("Yes: take extra care before any action")), ("no", _("No vulnerability found"))],
        help_text=_("Consider their age, health, capacity to defend a claim, Equality Act issues and any care needs."),
        error_messages={"required": _("Select whether the tenant is vulnerable")},
    )  # fmt: skip
    notes = _notes()


class IncomeExpenditureForm(GovukErrors, forms.Form):
    monthly_income = _money(
        _("Monthly income"), _("Wages, benefits and any other income, after tax.")
    )
    monthly_outgoings = _money(
        _("Monthly outgoings"), _("Essential bills and spending, not counting rent arrears.")
    )
    notes = _notes()


class PlanForm(GovukErrors, forms.Form):
    weekly_instalment = _money(
        _("Weekly amount towards the arrears"), _("Paid on top of the rent each week.")
    )
    starts_on = _date(_("First week of the plan"))
    notes = _notes()


class BenefitClaimForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("What was claimed?"), choices=BenefitKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("Select what was claimed")})  # fmt: skip
    claimed_on = _date(_("Date of the claim"))
    reference = forms.CharField(
        label=_("Claim reference (optional)"), required=False, max_length=40
    )
    notes = _notes()


class ClaimDecisionForm(GovukErrors, forms.Form):
    status = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                               choices=[c for c in ClaimStatus.choices if c[0] != ClaimStatus.PENDING],
                               error_messages={"required": _("Select the decision")})  # fmt: skip
    decided_on = _date(_("Date of the decision"))
    paid_to_landlord = forms.BooleanField(label=_("Paid straight to us"), required=False)


class DateForm(GovukErrors, forms.Form):
    on = _date(_("Date"))


class ReasonForm(GovukErrors, forms.Form):
    reason = _notes(_("Reason"), required=True)


class AssignForm(GovukErrors, forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Income officer"), queryset=User.objects.none(), required=False, empty_label=_("Nobody"),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = [Role.INCOME_OFFICER, Role.MANAGER, Role.HOUSING_OFFICER]
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(role__in=roles, is_active=True).order_by(
            "first_name", "last_name"
        )
        field.label_from_instance = lambda user: user.display_name  # type: ignore[method-assign,assignment]


class ReferralForm(GovukErrors, forms.Form):
    topic = forms.ChoiceField(label=_("What help do they need?"), choices=Topic.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Select what help they need")})  # fmt: skip
    provider = forms.CharField(label=_("Referred to"), max_length=120, help_text=_("For example, the in-house money advice team, Citizens Advice Hackney or StepChange."),
                               error_messages={"required": _("Enter who they are referred to")})  # fmt: skip
    notes = _notes()


class OutcomeForm(GovukErrors, forms.Form):
    outcome = forms.ChoiceField(label=_("What happened?"), widget=forms.RadioSelect,
                                choices=[c for c in Outcome.choices if c[0] != Outcome.PENDING],
                                error_messages={"required": _("Select what happened")})  # fmt: skip
    yearly_gain = _money(
        _("Extra income a year (optional)"), _("For example, benefits gained."), required=False
    )
    notes = _notes()


class OfferForm(GovukErrors, forms.Form):
    channel = forms.ChoiceField(label=_("How was advice offered?"), choices=ContactChannel.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Select how advice was offered")})  # fmt: skip
    offered_on = _date(_("Date of the offer"))
    accepted = forms.ChoiceField(label=_("Did they accept?"), widget=forms.RadioSelect, initial="unknown",
                                 choices=[("yes", _("Yes")), ("no", _("No")), ("unknown", _("Not yet"))])  # fmt: skip
    notes = _notes()


class PaymentForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("How did they pay?"), choices=PAYMENT_CHOICES, widget=forms.RadioSelect,
                             error_messages={"required": _("Select how they paid")})  # fmt: skip
    amount = _money(_("Amount paid"))
    paid_on = _date(_("Date paid"))
    reference = forms.CharField(
        label=_("Card authorisation or receipt number"), required=False, max_length=60
    )


class AdjustmentForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("What kind of change?"), widget=forms.RadioSelect,
                             choices=[("debit", _("Debit: add to what they owe")), ("credit", _("Credit: take off what they owe")), ("write_off", _("Write off a debt"))],
                             error_messages={"required": _("Select what kind of change")})  # fmt: skip
    amount = _money(_("Amount"))
    on = _date(_("Date"))
    reason = _notes(_("Reason"), required=True)


class DirectDebitForm(GovukErrors, forms.Form):
    reference = forms.CharField(label=_("Mandate reference"), max_length=18, help_text=_("The reference on the Direct Debit Instruction."),
                                error_messages={"required": _("Enter the mandate reference")})  # fmt: skip
    account_holder = forms.CharField(label=_("Account holder's name"), max_length=100,
                                     error_messages={"required": _("Enter the account holder's name")})  # fmt: skip
    bank_account_ending = forms.CharField(
        label=_("Last 4 digits of the bank account (optional)"), required=False, max_length=4
    )
    collection_day = forms.IntegerField(label=_("Day of the month to collect"), min_value=1, max_value=28, widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
                                        error_messages={"required": _("Enter the day of the month to collect"), "invalid": _("Enter a day from 1 to 28"), "min_value": _("Enter a day from 1 to 28"), "max_value": _("Enter a day from 1 to 28")})  # fmt: skip
    monthly_amount = _money(_("Monthly amount (optional)"), required=False)


class UploadForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("What kind of file is it?"), choices=[(k, f.title) for k, f in FORMATS.items()], widget=forms.RadioSelect,
                             error_messages={"required": _("Select what kind of file it is")})  # fmt: skip
    file = forms.FileField(label=_("Upload a file"), help_text=_("A CSV file, laid out as the guide describes."),
                           error_messages={"required": _("Select a CSV file"), "empty": _("The selected file is empty")})  # fmt: skip


class AllocateForm(GovukErrors, forms.Form):
    reference = forms.CharField(label=_("Payment reference or tenancy reference"), max_length=60,
                                error_messages={"required": _("Enter the payment reference or tenancy reference")})  # fmt: skip
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)


class RefundForm(GovukErrors, forms.Form):
    note = forms.CharField(label=_("Why is it being sent back?"), max_length=300,
                           error_messages={"required": _("Enter why the payment is being sent back")})  # fmt: skip


class PeriodForm(GovukErrors, forms.Form):
    period_from = _date(_("From"))
    period_to = _date(_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error(
                "period_to", _("The end date must be the same as or after the start date")
            )
        return data


class PolicyForm(GovukErrors, forms.Form):
    bank_account_name = forms.CharField(
        label=_("Bank account name"), max_length=100, required=False
    )
    bank_sort_code = forms.RegexField(label=_("Sort code"), regex=r"^\d{2}-?\d{2}-?\d{2}$", required=False, max_length=8,
                                      widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
                                      error_messages={"invalid": _("Enter a sort code like 60-83-71")})  # fmt: skip
    bank_account_number = forms.RegexField(label=_("Account number"), regex=r"^\d{8}$", required=False, max_length=8,
                                           widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
                                           error_messages={"invalid": _("Enter an 8-digit account number")})  # fmt: skip
    online_payment_url = forms.URLField(
        label=_("Online payment address"),
        required=False,
        error_messages={"invalid": _("Enter a web address like https://pay.example.org")},
    )
    paypoint_help = forms.CharField(label=_("Help with PayPoint"), max_length=300, required=False)
    fifty_third_week = forms.ChoiceField(
        label=_("In a 53-week rent year, the 53rd week is"),
        choices=FiftyThirdWeek.choices,
        widget=forms.RadioSelect,
    )


class RentFreeWeekForm(GovukErrors, forms.Form):
    week_commencing = _date(_("Monday the week starts"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        help_text=_("For example, Christmas week."),
    )
