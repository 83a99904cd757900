"""The staff forms of the safety register. Each collects what one service needs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors
from hearth.estates.models import Block, Estate
from hearth.safety.models import (
    AccessChannel,
    AccessOutcome,
    Condition,
    CopyOccasion,
    Finding,
    FireRisk,
    Kind,
    Outcome,
    RiskLevel,
)

YES_NO_UNKNOWN = [("", _("Not checked")), ("yes", _("Yes")), ("no", _("No"))]


class FilterForm(GovukErrors, forms.Form):
    estate = forms.ModelChoiceField(
        Estate.objects.all(), required=False, empty_label=_("All estates"), label=_("Estate")
    )
    block = forms.ModelChoiceField(
        Block.objects.all(), required=False, empty_label=_("All blocks"), label=_("Block")
    )


class CheckForm(GovukErrors, forms.Form):
    done_on = DatePartsField(
        label=_("Date of the check"), help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date of the check")},
    )  # fmt: skip
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome of the check")},
    )  # fmt: skip
    contractor = forms.CharField(label=_("Contractor"), max_length=200, required=False)
    engineer = forms.CharField(
        label=_("Engineer"), max_length=200, required=False,
        help_text=_("Their name and registration number, for example their Gas Safe number"),
    )  # fmt: skip
    asset_ref = forms.CharField(
        label=_("Which lift"), max_length=40, required=False,
        help_text=_("The lift's asset reference, for example LIFT-1"),
    )  # fmt: skip
    risk = forms.ChoiceField(
        label=_("Risk the assessment found"), required=False,
        choices=[("", _("Choose a risk")), *list(FireRisk.choices)],
    )  # fmt: skip
    certificate = forms.FileField(
        label=_("Certificate (PDF, up to 10MB)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )  # fmt: skip
    certificate_ref = forms.CharField(label=_("Certificate number"), max_length=60, required=False)
    next_due_on = DatePartsField(
        label=_("Next check due (if the certificate gives a different date)"), required=False,
        help_text=_("Leave blank to use the landlord's frequency for this check"),
    )  # fmt: skip
    finding = forms.ChoiceField(
        label=_("What the check found"), required=False,
        choices=[("", _("Nothing to put right")), *list(Finding.choices)],
    )  # fmt: skip
    risk_level = forms.ChoiceField(
        label=_("Risk of what was found"), required=False,
        choices=[("", _("The usual risk for what was found")), *list(RiskLevel.choices)],
    )  # fmt: skip
    defects = forms.CharField(
        label=_("Work needed, one item a line"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Each line becomes a remedial action with its own works order"),
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind != Kind.LIFT:
            del self.fields["asset_ref"]
        if kind != Kind.FIRE_RISK:
            del self.fields["risk"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("defects", "").strip() and not data.get("finding"):
            self.add_error("finding", _("Choose what the check found"))
        if data.get("finding") and not data.get("defects", "").strip():
            self.add_error("defects", _("Describe the work needed"))
        return data


class AttemptForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("Which check"), choices=Kind.choices)
    attempted_on = DatePartsField(
        label=_("Date of the attempt"),
        error_messages={"required": _("Enter the date of the attempt")},
    )
    attempted_time = forms.TimeField(
        label=_("Time"), help_text=_("For example, 14:30"),
        error_messages={"required": _("Enter the time of the attempt"),
                        "invalid": _("Enter a time like 14:30")},
    )  # fmt: skip
    channel = forms.ChoiceField(
        label=_("How"), choices=AccessChannel.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you tried to get access")},
    )  # fmt: skip
    outcome = forms.ChoiceField(
        label=_("What happened"), choices=AccessOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened")},
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LegalAccessForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("Which check"), choices=Kind.choices)
    reason = forms.CharField(
        label=_("Why legal access is needed"), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why legal access is needed")},
    )  # fmt: skip


class CloseLegalAccessForm(GovukErrors, forms.Form):
    note = forms.CharField(
        label=_("How the referral ended"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say how the referral ended")},
    )  # fmt: skip


class MitigationForm(GovukErrors, forms.Form):
    mitigation = forms.CharField(
        label=_("Interim mitigation"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What keeps the residents safe until the work is done"),
        error_messages={"required": _("Describe the interim mitigation")},
    )  # fmt: skip


class CompleteActionForm(GovukErrors, forms.Form):
    completed_on = DatePartsField(
        label=_("Date the work was done"),
        error_messages={"required": _("Enter the date the work was done")},
    )
    mitigation = forms.CharField(
        label=_("Interim mitigation (needed when the work was late)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class CopyForm(GovukErrors, forms.Form):
    occasion = forms.ChoiceField(
        label=_("Why the copy is given"), choices=CopyOccasion.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the copy is given")},
    )  # fmt: skip
    handed_over_on = DatePartsField(
        label=_("Date handed over in person"), required=False,
        help_text=_("Leave blank to send it to the tenant by their usual channel now"),
    )  # fmt: skip


class SurveyForm(GovukErrors, forms.Form):
    surveyed_on = DatePartsField(
        label=_("Date of the survey"),
        error_messages={"required": _("Enter the date of the survey")},
    )
    surveyor = forms.CharField(label=_("Surveyor"), max_length=200, required=False)
    failing = forms.MultipleChoiceField(
        label=_("Decent Homes criteria the home fails"), required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("a", _("A: a Category 1 hazard")),
            ("b", _("B: not in reasonable repair")),
            ("c", _("C: no reasonably modern facilities")),
            ("d", _("D: no reasonable thermal comfort")),
        ],
        help_text=_("Leave all unticked if the home meets the standard"),
    )  # fmt: skip
    kitchen = forms.ChoiceField(label=_("Kitchen condition"), required=False,
                                choices=[("", _("Not surveyed")), *list(Condition.choices)])  # fmt: skip
    bathroom = forms.ChoiceField(label=_("Bathroom condition"), required=False,
                                 choices=[("", _("Not surveyed")), *list(Condition.choices)])  # fmt: skip
    window_restrictors = forms.ChoiceField(label=_("Window restrictors fitted and working"),
                                           required=False, choices=YES_NO_UNKNOWN)  # fmt: skip
    damp_or_mould = forms.ChoiceField(label=_("Damp or mould found"), required=False,
                                      choices=YES_NO_UNKNOWN)  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FrequencyForm(GovukErrors, forms.Form):
    frequency_months = forms.IntegerField(
        label=_("How often, in months"), min_value=1, max_value=120,
        error_messages={"required": _("Enter a number of months"),
                        "min_value": _("Enter a number of months from 1 to 120"),
                        "max_value": _("Enter a number of months from 1 to 120"),
                        "invalid": _("Enter a number of months, like 12")},
    )  # fmt: skip


class HazardPhaseForm(GovukErrors, forms.Form):
    in_force_from = DatePartsField(
        label=_("The day this phase comes in"), help_text=_("For example, 27 10 2026"),
        error_messages={"required": _("Enter the day this phase comes in")},
    )  # fmt: skip
