"""Staff forms for repairs. Each collects what one service needs; the service checks the rest
and its ValidationError lands on the form (hearth.core.forms.apply_service_errors)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import Role, User
from hearth.core import formats, hazards
from hearth.core.forms import DatePartsField, GovukErrors
from hearth.repairs import rules
from hearth.repairs.models import (
    CatalogueItem,
    Priority,
    Rate,
    ReportChannel,
    Satisfaction,
    Trade,
    VisitOutcome,
)
from hearth.repairs.services import DampStep
from hearth.repairs.slots import SlotOffer, parse_slot_value

BLANK = [("", _("Choose"))]
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class _Pairs(BaseChoiceIterator):
    """Choices that are already (value, label) pairs, which Django takes as they are rather
    than normalising each again, for the field and again for its widget (a thousand
    operatives on every queue page)."""

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        self.pairs = pairs

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.pairs)


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = _Pairs(list(choices))


def operatives_choices() -> list[tuple[str, str]]:
    """Every active operative, with their trade (one query; the trades' names looked up once,
    not per operative: a landlord of 100,000 homes has over a thousand operatives)."""
    # Only the columns a choice shows (the repairs queue lists every operative twice on each
    # visit); the profile's id tells an operative with no profile from one with no trade.
    people = (
        User.objects.filter(role=Role.OPERATIVE, is_active=True)
        .order_by("first_name", "last_name", "username")
        .values_list(*_OPERATIVE_COLUMNS)
    )
    trades = {value: str(label) for value, label in Trade.choices}
    choices = []
    for pk, first_name, last_name, username, profile, code in people:
        # As User.display_name: the full name, else the username.
        name = f"{first_name} {last_name}".strip() or username
        trade = f" ({trades.get(code, code)})" if profile is not None else ""
        choices.append((str(pk), f"{name}{trade}"))
    return choices


_OPERATIVE_COLUMNS = ("pk", "first_name", "last_name", "username", "operative_profile__pk",
                      "operative_profile__trade")  # fmt: skip


class LogRepairForm(GovukErrors, forms.Form):
    home_ref = forms.CharField(
        label=_("Home reference"),
        required=False,
        help_text=_("For a repair in a home. Leave empty for a repair to a block's shared areas."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    block_ref = forms.CharField(
        label=_("Block reference (shared areas only)"),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    channel = forms.ChoiceField(
        label=_("How was it reported?"),
        choices=[
            (c.value, c.label)
            for c in (
                ReportChannel.PHONE,
                ReportChannel.LETTER,
                ReportChannel.EMAIL,
                ReportChannel.IN_PERSON,
                ReportChannel.OPERATIVE,
            )
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the repair was reported")},
    )
    catalogue_item = forms.ModelChoiceField(
        label=_("Common repair"),
        queryset=CatalogueItem.objects.filter(active=True),
        required=False,
        empty_label=_("Something else"),
        help_text=_("Suggests the priority, the trade and any Right to Repair period."),
    )
    description = forms.CharField(
        label=_("What is wrong?"),
        widget=TEXTAREA,
        max_length=2000,
        error_messages={"required": _("Describe the problem")},
    )
    location = forms.CharField(
        label=_("Where in the home or block?"), required=False, max_length=200
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=[("", _("As the common repair suggests (routine if none)")), *Priority.choices],
        required=False,
    )
    trade = forms.ChoiceField(label=_("Trade"), choices=[("", _("As suggested")), *Trade.choices],
                              required=False)  # fmt: skip
    damp_or_mould = forms.BooleanField(label=_("This is about damp or mould"), required=False)
    emergency_hazard = forms.BooleanField(
        label=_("Damp or mould is an emergency hazard (Awaab's Law: make safe within 24 hours)"),
        required=False,
    )
    hazard = forms.ChoiceField(
        label=_("Awaab's Law hazard"),
        help_text=_(
            "A hazard in scope on the day it was reported starts the statutory clocks. Damp or "
            "mould needs no choice here."
        ),
        choices=(),
        required=False,
    )
    rechargeable = forms.BooleanField(
        label=_("The resident caused the damage (rechargeable)"), required=False
    )
    access_notes = forms.CharField(label=_("Access arrangements"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["hazard"].choices = [  # type: ignore[attr-defined]
            ("", _("None")),
            *(
                (h.code, h.name if h.in_scope(today) else
                 _("%(name)s (in scope from %(day)s)") % {"name": h.name, "day": formats.day(h.in_force_from)})
                for h in hazards.hazards()
            ),
        ]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        home, block = (data.get("home_ref") or "").strip(), (data.get("block_ref") or "").strip()
        if not home and not block:
            self.add_error("home_ref", _("Enter the home reference, or the block reference"))
        elif home and block:
            self.add_error("block_ref", _("Enter a home reference or a block reference, not both"))
        return data


class PriorityForm(GovukErrors, forms.Form):
    priority = forms.ChoiceField(label=_("New priority"), choices=Priority.choices,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": _("Select a priority")})  # fmt: skip
    reason = forms.CharField(label=_("Why?"), max_length=300,
                             error_messages={"required": _("Say why the priority changes")})  # fmt: skip


class AssignForm(GovukErrors, forms.Form):
    operative = forms.ChoiceField(label=_("Operative"), required=False)

    def __init__(
        self, *args: Any, operatives: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        people = operatives if operatives is not None else operatives_choices()
        set_choices(self, "operative", [("", _("Nobody")), *people])

    def chosen(self) -> User | None:
        pk = self.cleaned_data.get("operative")
        return User.objects.filter(pk=pk, role=Role.OPERATIVE).first() if pk else None


class SlotForm(GovukErrors, forms.Form):
    """A choice of appointment slots (the ones with a place left). With the repair's due date,
    a slot after it is marked late; staff booking one must say why (`ask_reason`)."""

    slot = forms.ChoiceField(
        label=_("Choose a time"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a time for the appointment")},
    )
    late_reason = forms.CharField(
        label=_("If the time is marked late: why can it not be sooner?"),
        help_text=_(
            "The resident is told this, and it goes on the repair's timeline. Up to 300 characters."
        ),
        required=False,
        max_length=300,
        error_messages={"max_length": _("The reason must be 300 characters or fewer")},
    )

    def __init__(
        self,
        *args: Any,
        offers: list[SlotOffer],
        due_on: Any = None,
        ask_reason: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.due_on = due_on
        if not ask_reason or not any(self.is_late(o.date) for o in offers):
            del self.fields["late_reason"]
        set_choices(self, "slot", [(offer.value, self.describe(offer)) for offer in offers])

    def is_late(self, day: Any) -> bool:
        return self.due_on is not None and rules.appointment_is_late(day=day, due_on=self.due_on)

    def describe(self, offer: SlotOffer) -> str:
        text = f"{formats.day_with_weekday(offer.date)}, {offer.label}"
        if self.is_late(offer.date):
            text += ". " + str(
                _("Late: after %(due)s, the date we promised") % {"due": formats.day(self.due_on)}
            )
        return text

    def chosen(self) -> tuple[Any, str]:
        parsed = parse_slot_value(self.cleaned_data["slot"])
        assert parsed is not None
        return parsed

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parsed = parse_slot_value(data.get("slot") or "")
        if (
            "late_reason" in self.fields
            and parsed is not None
            and self.is_late(parsed[0])
            and not (data.get("late_reason") or "").strip()
        ):
            self.add_error(
                "late_reason",
                _(
                    "You chose a time after %(due)s, the date we promised: say why it cannot be sooner"
                )
                % {"due": formats.day(self.due_on)},
            )
        return data


class CancelAppointmentForm(GovukErrors, forms.Form):
    by = forms.ChoiceField(
        label=_("Who is cancelling?"),
        choices=[("resident", _("The resident asked us to")), ("landlord", _("We are"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who is cancelling")},
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class VisitForm(GovukErrors, forms.Form):
    """What happened at a visit. Each outcome's own fields are revealed under its radio
    (GOV.UK conditional reveal); without JavaScript all show, and the fields of an outcome
    not chosen are ignored."""

    OUTCOME_FIELDS = {
        VisitOutcome.COMPLETED: (),
        VisitOutcome.FURTHER_WORK: ("further_work", "further_trade", "materials"),
        VisitOutcome.NO_ACCESS: ("card_left", "phoned", "photo"),
    }

    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=VisitOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what happened at the visit")},
    )
    visit_date = DatePartsField(label=_("Date of the visit"), required=False,
                                help_text=_("Leave empty for today."))  # fmt: skip
    visit_time = forms.TimeField(
        label=_("Time you arrived"), required=False, help_text=_("For example, 9:30 or 14:05. Leave empty for now."),
        widget=forms.TimeInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": _("Enter the time like 9:30 or 14:05")},
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=TEXTAREA, max_length=2000,
        help_text=_("Up to 2,000 characters."),
        error_messages={"max_length": _("Notes must be 2,000 characters or fewer")},
    )  # fmt: skip
    further_work = forms.CharField(
        label=_("Further work: what is needed?"), required=False, widget=TEXTAREA, max_length=2000,
        help_text=_("Up to 2,000 characters."),
        error_messages={"max_length": _("The further work must be 2,000 characters or fewer")},
    )  # fmt: skip
    further_trade = forms.ChoiceField(label=_("Further work: which trade?"),
                                      choices=[("", _("The same trade")), *Trade.choices],
                                      required=False)  # fmt: skip
    materials = forms.CharField(
        label=_("Further work: materials"), required=False, max_length=300, help_text=_("Up to 300 characters."),
        error_messages={"max_length": _("Materials must be 300 characters or fewer")},
    )  # fmt: skip
    card_left = forms.BooleanField(label=_("No access: I left a card"), required=False)
    phoned = forms.BooleanField(label=_("No access: I phoned the resident"), required=False)
    photo = forms.FileField(
        label=_("No access: a photo of the door"),
        required=False,
        help_text=_("A JPG, PNG or WebP photo showing you were there."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("outcome")
        for outcome, names in self.OUTCOME_FIELDS.items():
            if outcome != chosen:
                for name in names:
                    data[name] = None if name == "photo" else self.fields[name].to_python(None)
        if chosen == VisitOutcome.FURTHER_WORK and not (data.get("further_work") or "").strip():
            self.add_error("further_work", _("Say what further work is needed"))
        if chosen == VisitOutcome.NO_ACCESS and not (
            data.get("card_left") or data.get("phoned") or data.get("photo")
        ):
            self.add_error(
                "card_left",
                _("Say how you tried to reach the resident: leave a card, take a photo of the "
                  "door, or phone them"),
            )  # fmt: skip
        return data

    def visited_at(self) -> datetime | None:
        day, at = self.cleaned_data.get("visit_date"), self.cleaned_data.get("visit_time")
        if day is None and at is None:
            return None
        now = timezone.localtime()
        return datetime.combine(day or now.date(), at or time(now.hour, now.minute),
                                tzinfo=timezone.get_default_timezone())  # fmt: skip


class UpdateForm(GovukErrors, forms.Form):
    how = forms.ChoiceField(
        label=_("How are you updating the resident?"),
        choices=[
            ("message", _("Send them a message now (on their preferred channel)")),
            ("phone", _("I phoned them")),
            ("visit", _("I told them in person")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you are updating the resident")},
    )
    update = forms.CharField(label=_("What did you tell them?"), widget=TEXTAREA,
                             error_messages={"required": _("Write the update")})  # fmt: skip


class CostForm(GovukErrors, forms.Form):
    visit = forms.ChoiceField(label=_("Which visit was it for?"), required=False)
    rate = forms.ModelChoiceField(label=_("Schedule of rates item"),
                                  queryset=Rate.objects.filter(active=True), required=False,
                                  empty_label=_("Not on the schedule"))  # fmt: skip
    quantity = forms.DecimalField(label=_("Quantity"), min_value=Decimal("0.01"), max_digits=8,
                                  decimal_places=2, initial=1,
                                  widget=forms.TextInput(attrs={"class": "govuk-input--width-5",
                                                                "inputmode": "decimal"}),
                                  error_messages={"required": _("Enter a quantity"),
                                                  "invalid": _("Enter a quantity like 1 or 2.5"),
                                                  "min_value": _("Enter a quantity greater than 0")})  # fmt: skip
    description = forms.CharField(label=_("Description (if not on the schedule)"), required=False)
    unit_price = forms.DecimalField(label=_("Unit price in pounds (if not on the schedule)"),
                                    required=False, max_digits=10, decimal_places=2,
                                    widget=forms.TextInput(attrs={"class": "govuk-input--width-10",
                                                                  "inputmode": "decimal"}),
                                    error_messages={"invalid": _("Enter a price like 45.00")})  # fmt: skip

    def __init__(self, *args: Any, visits: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (str(v.pk), f"{formats.short_day(v.visited_at)}: {v.get_outcome_display()}")
            for v in visits or []
        ]
        set_choices(self, "visit", [("", _("Not for a particular visit")), *choices])


class RechargeForm(GovukErrors, forms.Form):
    amount = forms.DecimalField(label=_("Amount in pounds"), required=False, max_digits=10,
                                decimal_places=2, help_text=_("Leave empty to charge the repair's cost."),
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
                                error_messages={"invalid": _("Enter an amount like 85.50")})  # fmt: skip
    reason = forms.CharField(label=_("What damage did the resident cause?"), widget=TEXTAREA,
                             error_messages={"required": _("Say why the resident should pay")})  # fmt: skip


class DecisionForm(GovukErrors, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("yes", _("Approve")), ("no", _("Refuse"))],
                                 error_messages={"required": _("Select approve or refuse")})  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class RechargeDecisionForm(GovukErrors, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("charge", _("Charge the resident")), ("waive", _("Waive it"))],
                                 error_messages={"required": _("Select charge or waive")})  # fmt: skip


class CancelRepairForm(GovukErrors, forms.Form):
    reason = forms.CharField(label=_("Why is the repair cancelled?"), max_length=300,
                             error_messages={"required": _("Say why the repair is cancelled")})  # fmt: skip
    by_resident = forms.BooleanField(label=_("The resident asked us to cancel it"), required=False)


class DampStepForm(GovukErrors, forms.Form):
    step = forms.ChoiceField(
        label=_("What has been done?"),
        widget=forms.RadioSelect,
        choices=[
            (DampStep.INVESTIGATED, _("Investigation finished")),
            (DampStep.SUMMARY_SENT, _("Written summary of the findings sent to the resident")),
            (DampStep.SAFETY_WORK_STARTED, _("Safety work begun")),
            (DampStep.MADE_SAFE, _("Emergency hazard made safe")),
        ],
        error_messages={"required": _("Select what has been done")},
    )
    on = DatePartsField(label=_("Date"), required=False, help_text=_("Leave empty for today."))
    significant = forms.ChoiceField(
        label=_("Investigation: is there a significant hazard?"),
        widget=forms.RadioSelect, required=False,
        choices=[("yes", _("Yes: safety work must begin within 5 working days")), ("no", _("No"))],
    )  # fmt: skip


class SatisfactionForm(GovukErrors, forms.Form):
    answer = forms.ChoiceField(
        label=_("How satisfied are you with the repair?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how satisfied you are with the repair")},
    )
    comment = forms.CharField(label=_("Anything you want to tell us? (optional)"), required=False,
                              widget=TEXTAREA, max_length=2000)  # fmt: skip


class RatesUploadForm(GovukErrors, forms.Form):
    file = forms.FileField(
        label=_("Upload a schedule of rates"),
        help_text=_("A CSV file with the columns code, description, unit, unit_price and trade."),
        error_messages={"required": _("Select a CSV file")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class QueueFilterForm(GovukErrors, forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), required=False,
                                 choices=[("", _("Any")), *Priority.choices])  # fmt: skip
    trade = forms.ChoiceField(
        label=_("Trade"), required=False, choices=[("", _("Any")), *Trade.choices]
    )
    estate = forms.ChoiceField(label=_("Estate"), required=False)
    operative = forms.ChoiceField(label=_("Operative"), required=False)
    flag = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All open repairs")),
            ("overdue", _("Overdue")),
            ("due_soon", _("Due in the next 2 working days")),
            ("needs_booking", _("Needs an appointment")),
            ("needs_update", _("Resident not yet updated after further work")),
            ("awaiting_approval", _("Spend awaiting approval")),
            ("damp", _("Damp and mould")),
            ("right_to_repair", _("Right to Repair")),
            ("late_appointment", _("Appointment after the due date")),
            ("repeat", _("Repeat repairs (same home and trade within 30 days)")),
            ("no_access", _("No access 3 times: passed to an officer")),
        ],
    )

    def __init__(
        self, *args: Any, operatives: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        from hearth.estates.models import Estate

        estates = [(str(e.pk), e.name) for e in Estate.objects.all()]
        set_choices(self, "estate", [("", _("Any")), *estates])
        operatives = operatives if operatives is not None else operatives_choices()
        people = [("", _("Anyone")), ("none", _("Not assigned")), *operatives]
        set_choices(self, "operative", people)


class SettingsForm(GovukErrors, forms.Form):
    emergency_hours = forms.IntegerField(
        label=_("Emergency: hours to complete"), min_value=1, max_value=72
    )
    urgent_days = forms.IntegerField(label=_("Urgent: working days"), min_value=1, max_value=250)
    routine_days = forms.IntegerField(label=_("Routine: working days"), min_value=1, max_value=250)
    planned_days = forms.IntegerField(label=_("Planned: working days"), min_value=1, max_value=250)
    void_days = forms.IntegerField(
        label=_("Void works: working days"),
        help_text=_("For works orders on an empty home before it is let again"),
        min_value=1,
        max_value=250,
    )
    limit_operative = forms.DecimalField(
        label=_("Spend limit: operative (£)"), min_value=0, decimal_places=2
    )
    limit_repairs_coordinator = forms.DecimalField(label=_("Spend limit: repairs coordinator (£)"),
                                                   min_value=0, decimal_places=2)  # fmt: skip
    limit_housing_officer = forms.DecimalField(label=_("Spend limit: housing officer (£)"),
                                               min_value=0, decimal_places=2)  # fmt: skip
