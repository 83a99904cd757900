"""Forms for the staff void pages, one per step. Each field says what is wrong in GOV.UK's
words; the services check the rest and their errors land on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors
from hearth.lettings.models import CheckKind, CheckOutcome, Utility, WorksType
from hearth.tenancies.models import Tenure

DATE_HINT = _("For example, 27 3 2026")
TEXTAREA = {"class": "govuk-textarea", "rows": "4"}
PRIORITIES = [
    ("", _("The usual for this void (void works for minor works, routine for major)")),
    ("void", _("Void works")),
    ("emergency", _("Emergency")),
    ("urgent", _("Urgent")),
    ("routine", _("Routine")),
    ("planned", _("Planned")),
]


def _date(label: Any, required_message: Any, required: bool = True) -> DatePartsField:
    return DatePartsField(
        label=label,
        help_text=DATE_HINT,
        required=required,
        error_messages={"required": required_message},
    )


def _text(label: Any, required_message: Any = "", *, required: bool = True, long: bool = False,
          help_text: Any = "", max_length: int = 500) -> forms.CharField:  # fmt: skip
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs=TEXTAREA) if long else forms.TextInput,
        error_messages={
            "required": required_message,
            "max_length": _("Enter %(limit_value)s characters or fewer"),
        },
    )


def _choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Any number of photos (JPG, PNG or WebP), checked and re-encoded by the service."""

    widget = MultiplePhotoInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(PhotosField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class NoticeForm(GovukErrors, forms.Form):
    notice_given_on = _date(
        _("When did the tenant give notice?"), _("Enter the date notice was given")
    )
    end_date = _date(_("When does the tenancy end?"), _("Enter the date the tenancy ends"))
    reason = _text(_("Why are they leaving? (optional)"), required=False, max_length=200)


class VisitBookingForm(GovukErrors, forms.Form):
    visit_on = _date(_("Date of the pre-termination visit"), _("Enter the date of the visit"))


class VisitForm(GovukErrors, forms.Form):
    visited_on = _date(_("Date of the visit"), _("Enter the date of the visit"))
    condition = _text(
        _("Condition of the home"),
        _("Describe the condition of the home"),
        long=True,
        max_length=2000,
    )
    put_right = _text(
        _("What the tenant must put right before leaving (optional)"),
        required=False,
        long=True,
        max_length=2000,
    )
    forwarding_address = _text(
        _("Forwarding address"),
        _("Enter a forwarding address, or 'not given'"),
        long=True,
        max_length=500,
    )


class KeysReturnedForm(GovukErrors, forms.Form):
    keys_returned_on = _date(
        _("When did the keys come back?"), _("Enter the date the keys came back")
    )


class InspectionForm(GovukErrors, forms.Form):
    inspected_on = _date(_("Date of the void inspection"), _("Enter the date of the inspection"))
    works_type = forms.ChoiceField(
        label=_("Minor or major works?"),
        choices=WorksType.choices,
        widget=forms.RadioSelect,
        help_text=_("Major works voids have a longer target. Changing this later needs a reason."),
        error_messages={"required": _("Choose minor or major works")},
    )
    needed_works = _text(_("Works needed, one job a line"), required=False, long=True, max_length=5000,
                         help_text=_("For example, Replace kitchen worktop"))  # fmt: skip
    gas_supply = forms.BooleanField(
        label=_("The home has a gas supply"), required=False, initial=True
    )
    fixed_combustion_appliance = forms.BooleanField(
        label=_("The home has a fixed combustion appliance (a boiler or fire, not a gas cooker)"),
        required=False,
        initial=True,
    )
    storeys = forms.IntegerField(
        label=_("How many storeys does the home have?"), min_value=1, max_value=5, initial=1,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={"required": _("Enter how many storeys the home has"),
                        "invalid": _("Enter how many storeys the home has, like 2"),
                        "min_value": _("Enter 1 or more storeys"), "max_value": _("Enter 5 storeys or fewer")},
    )  # fmt: skip
    notes = _text(_("Notes (optional)"), required=False, long=True, max_length=2000)
    photos = PhotosField(label=_("Photos (optional)"), required=False)


class WorksTypeForm(GovukErrors, forms.Form):
    works_type = forms.ChoiceField(label=_("Minor or major works?"), choices=WorksType.choices, widget=forms.RadioSelect,
                                   error_messages={"required": _("Choose minor or major works")})  # fmt: skip
    reason = _text(_("Why is it changing?"), _("Say why the works type is changing"), long=True)


class NeededWorkForm(GovukErrors, forms.Form):
    description = _text(_("Work needed"), _("Describe the work needed"))


class OrderWorksForm(GovukErrors, forms.Form):
    work = forms.ChoiceField(label=_("Which job?"), widget=forms.RadioSelect,
                             error_messages={"required": _("Choose the job to order")})  # fmt: skip
    priority = forms.ChoiceField(label=_("Priority"), choices=PRIORITIES, required=False)

    def __init__(self, *args: Any, works: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "work", [(str(w.pk), w.description) for w in works])


class WorksCompleteForm(GovukErrors, forms.Form):
    completed_on = _date(_("When did the works finish?"), _("Enter the date the works finished"))


class UtilityForm(GovukErrors, forms.Form):
    utility = forms.ChoiceField(label=_("Which supply?"), choices=Utility.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Choose gas, electricity or water")})  # fmt: skip
    read_on = _date(_("Date of the reading"), _("Enter the date of the reading"))
    meter_serial = _text(_("Meter serial number (optional)"), required=False, max_length=40)
    reading = _text(_("Meter reading"), required=False, max_length=20)
    supply_capped = forms.BooleanField(label=_("The supply is capped"), required=False)


class KeysForm(GovukErrors, forms.Form):
    recorded_on = _date(_("Date"), _("Enter the date"))
    sets_held = forms.IntegerField(
        label=_("How many sets of keys do we hold?"), min_value=0, max_value=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={"required": _("Enter how many sets of keys we hold"),
                        "invalid": _("Enter how many sets of keys we hold, like 2"),
                        "min_value": _("Enter 0 or more sets"), "max_value": _("Enter 20 sets or fewer")},
    )  # fmt: skip
    locks_changed = forms.BooleanField(label=_("The locks have been changed"), required=False)
    notes = _text(_("Notes (optional)"), required=False, max_length=300)


class SafetyCheckForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("Which check?"), choices=CheckKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("Choose which check this is")})  # fmt: skip
    done_on = _date(_("Date of the check"), _("Enter the date of the check"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CheckOutcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Choose the outcome")})  # fmt: skip
    certificate_ref = _text(_("Certificate reference"), required=False, max_length=60,
                            help_text=_("Needed for a gas safety record and an EICR"))  # fmt: skip
    next_due_on = _date(_("Next check due (optional)"), "", required=False)
    every_storey = forms.BooleanField(
        label=_("Smoke alarms tested on every storey"), required=False
    )
    notes = _text(_("Notes (optional)"), required=False, max_length=500)


class LettingStandardForm(GovukErrors, forms.Form):
    """One pass or fail question per checklist item, with a note saying what is wrong."""

    inspected_on = _date(
        _("Date of the Letting Standard inspection"), _("Enter the date of the inspection")
    )

    def __init__(self, *args: Any, checklist: list[str] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.items = list(checklist)
        for index, item in enumerate(self.items):
            self.fields[f"item_{index}"] = forms.ChoiceField(
                label=item, choices=[("pass", _("Passes")), ("fail", _("Fails"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Say whether '%(item)s' passes or fails") % {"item": item}},
            )  # fmt: skip
            self.fields[f"note_{index}"] = _text(
                _("What is wrong with '%(item)s'? (if it fails)") % {"item": item}, required=False
            )
        self.fields["photos"] = PhotosField(label=_("Photos (optional)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index, item in enumerate(self.items):
            if (
                data.get(f"item_{index}") == "fail"
                and not (data.get(f"note_{index}") or "").strip()
            ):
                self.add_error(
                    f"note_{index}", _("Say what is wrong with '%(item)s'") % {"item": item}
                )
        return data

    def results(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            item: (data[f"item_{i}"] == "pass", data.get(f"note_{i}") or "")
            for i, item in enumerate(self.items)
        }


class ShortlistForm(GovukErrors, forms.Form):
    applicant_name = _text(
        _("Applicant's full name"), _("Enter the applicant's full name"), max_length=200
    )
    band = _text(_("Band"), _("Enter the applicant's band"), max_length=10)
    band_date = _date(_("Band date"), _("Enter the applicant's band date"))
    bidding_number = forms.CharField(
        label=_("Bidding number"), help_text=_("7 digits, like 1234567"), max_length=7,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": _("Enter the 7-digit bidding number"),
                        "max_length": _("Enter the 7-digit bidding number, like 1234567")},
    )  # fmt: skip
    phone = _text(_("Phone (optional)"), required=False, max_length=40)
    email = forms.EmailField(label=_("Email (optional)"), required=False,
                             error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")})  # fmt: skip


class _OfferChoice(GovukErrors, forms.Form):
    offer = forms.ChoiceField(label=_("Which applicant?"), widget=forms.RadioSelect,
                              error_messages={"required": _("Choose the applicant")})  # fmt: skip

    def __init__(self, *args: Any, offers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self,
            "offer",
            [
                (
                    str(o.pk),
                    f"{o.position}. {o.applicant_name} (band {o.band}, bid {o.bidding_number})",
                )
                for o in offers
            ],
        )


class OfferForm(_OfferChoice):
    offered_on = _date(_("Date of the offer"), _("Enter the date of the offer"))
    viewing_on = _date(
        _("Date of the accompanied viewing"), _("Enter the date of the accompanied viewing")
    )
    reason = _text(_("Why is this applicant offered the home?"),
                   _("Say why this applicant is offered the home, like 'top of the shortlist'"))  # fmt: skip


class SkipForm(_OfferChoice):
    reason = _text(_("Why is this applicant skipped?"), _("Say why this applicant is skipped"))


class AnswerForm(_OfferChoice):
    answer = forms.ChoiceField(label=_("Their answer"), widget=forms.RadioSelect,
                               choices=[("accept", _("Accepted")), ("refuse", _("Refused"))],
                               error_messages={"required": _("Choose whether they accepted or refused")})  # fmt: skip
    decided_on = _date(_("Date of the answer"), _("Enter the date of the answer"))
    reason = _text(_("Reason (needed if they refused)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the applicant refused"))
        return data


class SignUpForm(GovukErrors, forms.Form):
    signed_on = _date(_("Date of the sign-up"), _("Enter the date of the sign-up"))
    start_date = _date(_("Tenancy start date (if not the sign-up date)"), "", required=False)
    tenure = forms.ChoiceField(label=_("Tenure"), choices=[c for c in Tenure.choices if c[0] != "leasehold"],
                               initial=Tenure.INTRODUCTORY, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose the tenure")})  # fmt: skip
    relet_standard_explained = forms.BooleanField(
        label=_("The relet standard was explained to the new tenant"), required=False
    )
    certificates_given = forms.BooleanField(
        label=_("Copies of the gas and electrical certificates were given"), required=False
    )
    weekly_rent = forms.DecimalField(
        label=_("Weekly rent for the new tenant, in pounds (optional)"),
        help_text=_("Leave empty to charge formula rent. The Rent Standard allows up to formula "
                    "rent plus 5% (10% for supported housing) at re-let, within the rent cap."),
        required=False, min_value=0, max_digits=9, decimal_places=2,
        error_messages={"invalid": _("Enter the weekly rent in pounds and pence, like 115.50"),
                        "max_decimal_places": _("Enter the weekly rent in pounds and pence, like 115.50"),
                        "min_value": _("Enter a weekly rent that is not negative")},
    )  # fmt: skip


class OwnerForm(GovukErrors, forms.Form):
    owner = forms.ChoiceField(
        label=_("Officer"), error_messages={"required": _("Choose the officer")}
    )

    def __init__(self, *args: Any, officers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "owner", [(str(u.pk), u.display_name) for u in officers])
