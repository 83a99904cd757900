"""Staff forms: one per step of a case, each calling one service."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors
from hearth.neighbourhood.models import (
    ActionKind,
    AsbActionKind,
    Frequency,
    Grade,
    ImprovementStatus,
    PartyRole,
    Risk,
    Satisfaction,
    Triage,
    UpdateFrequency,
    Weekday,
)

SENT_BY = [
    ("", _("Hearth sends it (by the resident's chosen channel)")),
    ("phone", _("I phoned them")),
    ("letter", _("I wrote to them")),
    ("visit", _("I visited them")),
]


def _text(
    label: Any, *, required: bool = True, help_text: Any = "", rows: int = 4
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("Enter %(what)s") % {"what": str(label).lower()}},
    )


class OnForm(GovukErrors, forms.Form):
    on = DatePartsField(label=_("Date"), help_text=_("For example, 27 3 2026"))


class RemovedForm(GovukErrors, forms.Form):
    on = DatePartsField(label=_("Date it was removed"), help_text=_("For example, 27 3 2026"))


class AnswerForm(GovukErrors, forms.Form):
    response = _text(_("Your answer to the resident"))
    on = DatePartsField(label=_("Date of the answer"))
    sent_by = forms.ChoiceField(
        label=_("How the resident is told"), choices=SENT_BY, required=False
    )


class ConcernForm(GovukErrors, forms.Form):
    block = forms.ChoiceField(label=_("Block"), error_messages={"required": _("Choose the block")})
    description = _text(_("What was not cleaned properly"))
    name = forms.CharField(label=_("Caller's name"), required=False)
    phone = forms.CharField(label=_("Caller's phone number"), required=False)
    email = forms.EmailField(label=_("Caller's email address"), required=False,
                             error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")})  # fmt: skip

    def __init__(self, *args: Any, blocks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [("", _("Choose a block")), *blocks]  # type: ignore[attr-defined]


class FlyTipForm(ConcernForm):
    location = forms.CharField(label=_("Where is it?"), error_messages={"required": _("Say where the fly-tipping is")})  # fmt: skip
    description = _text(_("What has been dumped"), required=False)


class ScheduleForm(GovukErrors, forms.Form):
    first = DatePartsField(label=_("Date of the first inspection"), help_text=_("Monthly inspections are scheduled for a year from this date"))  # fmt: skip
    meeting_point = forms.CharField(label=_("Where residents meet us"), required=False)


class TaskForm(GovukErrors, forms.Form):
    task = forms.CharField(label=_("What is cleaned"), error_messages={"required": _("Say what is cleaned")})  # fmt: skip
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect, error_messages={"required": _("Choose how often")})  # fmt: skip
    weekday = forms.TypedChoiceField(label=_("Day of the week"), choices=[("", _("Any day")), *Weekday.choices], coerce=int, empty_value=None, required=False)  # fmt: skip


class DefectForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("What does it need?"), choices=ActionKind.choices, widget=forms.RadioSelect, error_messages={"required": _("Choose what this defect needs")})  # fmt: skip
    item = forms.ChoiceField(label=_("Checklist line"), required=False)
    description = _text(_("Describe the defect"))
    location = forms.CharField(label=_("Where exactly"), required=False)
    photo = forms.FileField(label=_("Photo"), required=False)

    def __init__(self, *args: Any, items: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("Not a checklist line")), *items]  # type: ignore[attr-defined]


def _example_hint(item: Any) -> str:
    parts = [str(item.photo_standard or "")]
    if item.example_photo:
        parts.append(_("Example photo: %(photo)s") % {"photo": item.example_photo})
    return " ".join(p for p in parts if p)


class InspectionForm(GovukErrors, forms.Form):
    """One radio group per checklist line, then the summary (built for a phone)."""

    on = DatePartsField(label=_("Date of the inspection"))
    summary = _text(_("Summary for residents"), required=False, rows=3)

    def __init__(
        self, *args: Any, items: list[Any], open_actions: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        self.open_actions = open_actions
        for action in open_actions:
            self.fields[f"action_{action.pk}"] = forms.ChoiceField(
                label=action.description,
                choices=[("done", _("Done")), ("open", _("Still needs doing"))],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Say whether this action from the last inspection is done")
                },
            )
        for item in items:
            self.fields[f"grade_{item.key}"] = forms.ChoiceField(
                label=item.label,
                # Each grade with its photo standard, so the inspector compares on the spot.
                choices=[
                    (
                        grade,
                        f"{name}. {item.standard_for(grade)}" if item.standard_for(grade) else name,
                    )
                    for grade, name in Grade.choices
                ],
                widget=forms.RadioSelect,
                help_text=_example_hint(item),
                error_messages={
                    "required": _("Choose a grade for %(item)s") % {"item": item.label.lower()}
                },
            )
            self.fields[f"note_{item.key}"] = forms.CharField(label=_("Note on %(item)s") % {"item": item.label.lower()}, required=False)  # fmt: skip


class TriageForm(GovukErrors, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Is this antisocial behaviour?"),
        choices=[(Triage.ASB, _("Yes, it is antisocial behaviour")), (Triage.HOUSEHOLD_NOISE, _("No, it is everyday household noise: give advice and offer mediation"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether this is antisocial behaviour or household noise")},
    )  # fmt: skip
    reason = _text(_("Reason for your decision"))


class RiskForm(GovukErrors, forms.Form):
    risk = forms.ChoiceField(label=_("Risk"), choices=Risk.choices, widget=forms.RadioSelect,
                             help_text=_("High: contact within 1 working day; medium: 5; low: 10"),
                             error_messages={"required": _("Choose high, medium or low")})  # fmt: skip
    vulnerable = forms.BooleanField(label=_("The complainant is vulnerable"), required=False)
    notes = _text(_("Risk assessment notes"), required=False)


class PartyForm(GovukErrors, forms.Form):
    role = forms.ChoiceField(label=_("Who is this?"), choices=PartyRole.choices, widget=forms.RadioSelect, error_messages={"required": _("Choose who this person is in the case")})  # fmt: skip
    name = forms.CharField(label=_("Name"), required=False, help_text=_("Leave empty if not known"))
    description = _text(_("Description"), required=False, rows=3)


class RemovePartyForm(GovukErrors, forms.Form):
    reason = forms.CharField(
        label=_("Why are you removing this person?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, added by mistake. 2,000 characters or fewer"),
        error_messages={"required": _("Say why this person is being removed")},
    )  # fmt: skip


class IncidentForm(GovukErrors, forms.Form):
    on = DatePartsField(label=_("Date it happened"))
    at = forms.TimeField(label=_("Time it happened"), required=False, help_text=_("For example, 9:30pm or 21:30"),
                         input_formats=["%H:%M", "%I:%M%p", "%I%p", "%I:%M %p"],
                         error_messages={"invalid": _("Enter a time, like 9:30pm")})  # fmt: skip
    description = _text(_("What happened"))

    def occurred_at(self) -> datetime:
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["on"], self.cleaned_data.get("at") or time(12))
        )


class PlanForm(GovukErrors, forms.Form):
    plan = _text(_("Action plan agreed with the complainant"), rows=6)
    frequency = forms.ChoiceField(label=_("How often they want an update"), choices=UpdateFrequency.choices, widget=forms.RadioSelect, error_messages={"required": _("Choose how often: at least every month")})  # fmt: skip
    channel = forms.CharField(label=_("How they want to be updated"), required=False, help_text=_("For example, a phone call in the evening"))  # fmt: skip


class UpdateForm(GovukErrors, forms.Form):
    message = _text(_("Update for the complainant"), rows=6)
    on = DatePartsField(label=_("Date of the update"))
    sent_by = forms.ChoiceField(
        label=_("How the complainant is told"), choices=SENT_BY, required=False
    )


class HateForm(GovukErrors, forms.Form):
    flagged = forms.BooleanField(label=_("This is a hate incident"), required=False)


class AsbActionForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("Action"), choices=AsbActionKind.choices, widget=forms.RadioSelect, error_messages={"required": _("Choose the action")})  # fmt: skip
    on = DatePartsField(label=_("Date"))
    notes = _text(_("Notes"), required=False)


class CloseForm(GovukErrors, forms.Form):
    reason = _text(_("Why the case is closing"))
    satisfaction = forms.ChoiceField(label=_("How satisfied is the complainant with how we handled it?"), choices=Satisfaction.choices, widget=forms.RadioSelect, error_messages={"required": _("Record how satisfied the complainant is")})  # fmt: skip
    on = DatePartsField(label=_("Date closed"))
    sent_by = forms.ChoiceField(
        label=_("How the complainant is told"), choices=SENT_BY, required=False
    )


class NewAsbForm(GovukErrors, forms.Form):
    complainant_name = forms.CharField(label=_("Complainant's name"), error_messages={"required": _("Enter the complainant's name")})  # fmt: skip
    complainant_phone = forms.CharField(label=_("Complainant's phone number"), required=False)
    complainant_email = forms.EmailField(label=_("Complainant's email address"), required=False)
    category = forms.CharField(label=_("Kind of behaviour"), help_text=_("For example, noise, harassment, drug dealing"), error_messages={"required": _("Enter the kind of behaviour")})  # fmt: skip
    description = _text(_("What happened"))
    hate_incident = forms.BooleanField(label=_("This is a hate incident"), required=False)
    channel = forms.ChoiceField(label=_("How it was reported"), choices=[("phone", _("Phone")), ("staff", _("In person or found by staff"))], widget=forms.RadioSelect, initial="phone")  # fmt: skip


class EventForm(GovukErrors, forms.Form):
    title = forms.CharField(label=_("Name"), error_messages={"required": _("Enter the name of the event")})  # fmt: skip
    kind = forms.ChoiceField(label=_("Event or project"), choices=[("event", _("Event")), ("project", _("Project"))], widget=forms.RadioSelect, initial="event")  # fmt: skip
    description = _text(_("Description"))
    on = DatePartsField(label=_("Date"))
    at = forms.TimeField(label=_("Start time"), help_text=_("For example, 2pm or 14:00"), input_formats=["%H:%M", "%I:%M%p", "%I%p", "%I:%M %p"], error_messages={"required": _("Enter the start time"), "invalid": _("Enter a time, like 2pm")})  # fmt: skip
    place = forms.CharField(label=_("Place"), error_messages={"required": _("Say where it is")})
    accessibility = _text(_("Accessibility"), required=False, rows=3)
    places = forms.IntegerField(label=_("Places to book"), required=False, min_value=1, help_text=_("Leave empty if no booking is needed"))  # fmt: skip


class ImprovementForm(GovukErrors, forms.Form):
    status = forms.ChoiceField(label=_("Where has it got to?"), choices=ImprovementStatus.choices, widget=forms.RadioSelect)  # fmt: skip
    note = _text(_("Note for the resident"), required=False)


def require_one_of(form: forms.Form, *names: str) -> None:
    if not any(form.cleaned_data.get(n) for n in names):
        raise ValidationError(_("Enter a phone number or email address"))


class NoticeDaysForm(GovukErrors, forms.Form):
    days = forms.TypedChoiceField(
        label=_("How many days before an inspection residents are told"),
        choices=[(7, _("7 days (the least the charter allows)")), (14, _("14 days"))],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose 7 or 14 days")},
    )


class ChecklistItemForm(GovukErrors, forms.Form):
    label = forms.CharField(label=_("Checklist line"), error_messages={"required": _("Enter the name of the checklist line")})  # fmt: skip
    photo_standard = _text(_("About this line"), required=False, rows=3, help_text=_("Shown to the inspector under the line"))  # fmt: skip
    standard_a = forms.CharField(label=_("Grade A (very good) looks like"), required=False, max_length=300, help_text=_("300 characters or fewer"))  # fmt: skip
    standard_b = forms.CharField(label=_("Grade B (good) looks like"), required=False, max_length=300, help_text=_("300 characters or fewer"))  # fmt: skip
    standard_c = forms.CharField(label=_("Grade C (needs attention) looks like"), required=False, max_length=300, help_text=_("300 characters or fewer"))  # fmt: skip
    standard_d = forms.CharField(label=_("Grade D (poor) looks like"), required=False, max_length=300, help_text=_("300 characters or fewer"))  # fmt: skip
    example_photo = forms.CharField(label=_("Example photo"), required=False, max_length=300, help_text=_("What the photo shows, or where it is kept. 300 characters or fewer"))  # fmt: skip
