from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField
from hearth.involvement import rules, tsm
from hearth.involvement.models import SuggestionSource, SurveyChannel

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class FiltersForm(forms.Form):
    """The three filter questions, asked before the questions they decide."""

    def __init__(self, *args: Any, landlord: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, wording in tsm.FILTER_QUESTIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=str(wording).replace("[landlord]", landlord),
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Select yes or no")},
            )

    def filters(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name in tsm.FILTER_QUESTIONS}


class AnswersForm(forms.Form):
    """The TSM questions the filters leave in, in the Regulator's order and wording. A
    respondent may leave a question unanswered."""

    def __init__(
        self,
        *args: Any,
        landlord: str,
        filters: dict[str, bool],
        allow_dont_know: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for question in tsm.QUESTIONS:
            if not rules.question_is_asked(question.code, filters):
                continue
            choices: list[tuple[str, Any]] = list(question.choices)
            if allow_dont_know and tsm.DONT_KNOW not in dict(choices):
                # An interviewer may record an unprompted "don't know" (never read out).
                choices.append((tsm.DONT_KNOW, _("Don't know (not read out)")))
            self.fields[question.code] = forms.ChoiceField(
                label=question.text(landlord),
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
            )

    def answers(self) -> dict[str, str]:
        return {code: value for code, value in self.cleaned_data.items() if value}


class StaffEntryForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How was the survey answered?"),
        choices=SurveyChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the survey was answered")},
    )
    answered_on = DatePartsField(label=_("Date answered"), help_text=_("For example, 27 3 2026"))


class SurveyForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the survey round"),
        max_length=200,
        error_messages={"required": _("Enter a name for the survey round")},
    )
    year_start = DatePartsField(label=_("Reporting year starts"))
    year_end = DatePartsField(label=_("Reporting year ends"))
    opens_on = DatePartsField(label=_("Survey opens"))
    closes_on = DatePartsField(label=_("Survey closes"))
    expected_response_rate = forms.IntegerField(
        label=_("Share of households you expect to answer, as a percentage"),
        min_value=1,
        max_value=100,
        initial=30,
        error_messages={
            "required": _("Enter the share you expect to answer"),
            "min_value": _("The share must be between 1 and 100"),
            "max_value": _("The share must be between 1 and 100"),
            "invalid": _("The share must be a whole number, like 30"),
        },
    )


class SampleForm(forms.Form):
    on = DatePartsField(label=_("Date the invitations are sent"))


class SuggestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your suggestion"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("Tell us what we could do better or differently."),
        error_messages={
            "required": _("Enter your suggestion"),
            "max_length": _("Your suggestion must be 4,000 characters or fewer"),
        },
    )


class AnonymousChoiceForm(forms.Form):
    anonymous = forms.ChoiceField(
        label=_("Do you want to give your name?"),
        choices=(
            ("named", _("Yes, you can contact me about it")),
            ("anonymous", _("No, send it without my name")),
        ),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you want to give your name")},
    )


class PaperSuggestionForm(SuggestionForm):
    received_on = DatePartsField(label=_("Date it was put in the box"))
    source = forms.ChoiceField(
        choices=SuggestionSource.choices, initial=SuggestionSource.PAPER, widget=forms.HiddenInput
    )


class AnswerSuggestionForm(forms.Form):
    answer = forms.CharField(
        label=_("Our answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter your answer to the suggestion")},
    )
    what_we_did = forms.CharField(
        label=_("What we did (shown on “You said, we did”)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    publish = forms.BooleanField(label=_("Publish on “You said, we did”"), required=False)
