"""Residents' forms, in plain words."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors

EMAIL_ERROR = _("Enter an email address in the correct format, like name@example.com")


class CleaningConcernForm(GovukErrors, forms.Form):
    description = forms.CharField(
        label=_("What was not cleaned properly?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tell us what was not cleaned properly")},
    )


class PublicCleaningConcernForm(CleaningConcernForm):
    name = forms.CharField(label=_("Your name"), required=False)
    email = forms.EmailField(label=_("Email address"), required=False, help_text=_("So we can answer you"), error_messages={"invalid": EMAIL_ERROR})  # fmt: skip
    phone = forms.CharField(label=_("Phone number"), required=False, help_text=_("Or give a phone number for a text message"))  # fmt: skip


class FlyTipForm(GovukErrors, forms.Form):
    location = forms.CharField(label=_("Where is it?"), help_text=_("For example, next to the bin store by the main door"),
                               error_messages={"required": _("Tell us where the fly-tipping is")})  # fmt: skip
    description = forms.CharField(label=_("What has been dumped? (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    photo = forms.ImageField(label=_("Photo (optional)"), required=False, error_messages={"invalid_image": _("The photo must be a JPG, PNG or WebP image")})  # fmt: skip


class PublicFlyTipForm(FlyTipForm):
    name = forms.CharField(label=_("Your name"), required=False)
    email = forms.EmailField(label=_("Email address"), required=False, help_text=_("So we can tell you when it has gone"), error_messages={"invalid": EMAIL_ERROR})  # fmt: skip


class SameForm(GovukErrors, forms.Form):
    same = forms.ChoiceField(
        label=_("Is this the same fly-tipping?"),
        choices=[("", ""), ("new", _("No, this is something else"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether it is the same fly-tipping")},
    )

    def __init__(self, *args: object, reports: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["same"].choices = [  # type: ignore[attr-defined]
            *[
                (r.ref, _("Yes, the one reported at %(where)s") % {"where": r.location})
                for r in reports
            ],
            ("new", _("No, this is something else")),
        ]


class AsbReportForm(GovukErrors, forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of behaviour is it?"),
        choices=[("Noise", _("Noise")), ("Harassment or threats", _("Harassment or threats")),
                 ("Drugs", _("Drugs")), ("Vandalism or graffiti", _("Vandalism or graffiti")),
                 ("Violence", _("Violence")), ("Other", _("Something else"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of behaviour it is")},
    )  # fmt: skip
    description = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}), error_messages={"required": _("Tell us what happened")})  # fmt: skip
    hate_incident = forms.BooleanField(label=_("I think it was because of who I am. This could be my race, faith, disability, sexuality or gender identity."), required=False)  # fmt: skip


class DiaryForm(GovukErrors, forms.Form):
    on = DatePartsField(label=_("When did it happen?"), help_text=_("For example, 27 3 2026"))
    at = forms.TimeField(label=_("What time? (optional)"), required=False, help_text=_("For example, 9:30pm"),
                         input_formats=["%H:%M", "%I:%M%p", "%I%p", "%I:%M %p"], error_messages={"invalid": _("Enter a time, like 9:30pm")})  # fmt: skip
    description = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": _("Tell us what happened")})  # fmt: skip

    def occurred_at(self) -> datetime:
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["on"], self.cleaned_data.get("at") or time(12))
        )


class EvidenceForm(GovukErrors, forms.Form):
    file = forms.FileField(label=_("Photo, sound recording or video"), error_messages={"required": _("Choose a file to upload")})  # fmt: skip
    description = forms.CharField(label=_("What does it show? (optional)"), required=False)


class BookingForm(GovukErrors, forms.Form):
    kind = forms.ChoiceField(label=_("What would you like to do?"), choices=[("booking", _("Book a place")), ("interest", _("Tell us I am interested"))], widget=forms.RadioSelect, error_messages={"required": _("Select whether to book or register interest")})  # fmt: skip
    places = forms.IntegerField(label=_("How many places?"), required=False, min_value=1, max_value=10, initial=1, error_messages={"min_value": _("Book between 1 and 10 places"), "max_value": _("Book between 1 and 10 places")})  # fmt: skip


class ImprovementForm(GovukErrors, forms.Form):
    title = forms.CharField(label=_("Your idea in a few words"), error_messages={"required": _("Give your idea a short title")})  # fmt: skip
    description = forms.CharField(label=_("Tell us more"), widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": _("Describe the improvement")})  # fmt: skip
