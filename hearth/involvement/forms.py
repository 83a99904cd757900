from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors
from hearth.estates.models import Block
from hearth.involvement import rules, tsm
from hearth.involvement.models import (
    GroupKind,
    QuestionKind,
    Rating,
    SuggestionSource,
    SurveyChannel,
    SurveyPurpose,
)

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class FiltersForm(GovukErrors, forms.Form):
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


class AnswersForm(GovukErrors, forms.Form):
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


class StaffEntryForm(GovukErrors, forms.Form):
    channel = forms.ChoiceField(
        label=_("How was the survey answered?"),
        # An "imported" response only comes from survey_answers.csv.
        choices=[c for c in SurveyChannel.choices if c[0] != SurveyChannel.IMPORTED],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the survey was answered")},
    )
    answered_on = DatePartsField(label=_("Date answered"), help_text=_("For example, 27 3 2026"))


class SurveyForm(GovukErrors, forms.Form):
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


class SampleForm(GovukErrors, forms.Form):
    on = DatePartsField(label=_("Date the invitations are sent"))


class SuggestionForm(GovukErrors, forms.Form):
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


class AnonymousChoiceForm(GovukErrors, forms.Form):
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


class AnswerSuggestionForm(GovukErrors, forms.Form):
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


# The questionnaire builder and spot checks.


class QuestionnaireForm(GovukErrors, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a title")}
    )
    intro = forms.CharField(
        label=_("What the survey is for and how long it takes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the survey is for and how long it takes")},
    )
    purpose = forms.ChoiceField(
        label=_("When is it sent?"),
        choices=SurveyPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select when the survey is sent")},
    )


class QuestionForm(GovukErrors, forms.Form):
    text = forms.CharField(
        label=_("Question"), max_length=500, error_messages={"required": _("Enter the question")}
    )
    kind = forms.ChoiceField(
        label=_("Type of answer"),
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of answer")},
    )
    options = forms.CharField(
        label=_("Options to choose from, one on each line (for “choose one of a list”)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    required = forms.BooleanField(label=_("The question must be answered"), required=False)


class QuestionnaireAnswersForm(GovukErrors, forms.Form):
    """A built survey's questions, one field each (`q<id>`)."""

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        from hearth.involvement.services.surveys import choices_for

        super().__init__(*args, **kwargs)
        for question in questions:
            choices = choices_for(question)
            name = f"q{question.pk}"
            if choices:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=choices,
                    widget=forms.RadioSelect,
                    required=question.required,
                    error_messages={"required": _("Answer this question")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    required=question.required,
                    max_length=4000,
                    error_messages={"required": _("Answer this question")},
                )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}


class SpotCheckForm(GovukErrors, forms.Form):
    service = forms.CharField(
        label=_("Service checked"),
        max_length=200,
        help_text=_("For example, block cleaning, a repair, the office reception"),
        error_messages={"required": _("Enter the service checked")},
    )
    checked_on = DatePartsField(label=_("Date of the check"))
    checked_by = forms.CharField(
        label=_("Checked by"), max_length=200, error_messages={"required": _("Enter who checked")}
    )
    by_residents = forms.BooleanField(label=_("Residents did this check"), required=False)
    block = forms.ModelChoiceField(
        label=_("Block (if any)"),
        queryset=Block.objects.select_related("estate").order_by("estate__name", "name"),
        required=False,
        empty_label=_("Not about one block"),
    )
    rating = forms.ChoiceField(
        label=_("What did the check find?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the check found")},
    )
    findings = forms.CharField(
        label=_("Findings"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what the check found")},
    )


class ActionForm(GovukErrors, forms.Form):
    description = forms.CharField(
        label=_("What needs to be done"),
        max_length=500,
        error_messages={"required": _("Enter what needs to be done")},
    )
    owner = forms.CharField(
        label=_("Who will do it"), max_length=200, error_messages={"required": _("Enter who")}
    )
    due_on = DatePartsField(label=_("Due by"))


# Ways to get involved.


class GroupForm(GovukErrors, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Enter a name")}
    )
    kind = forms.ChoiceField(
        label=_("Kind of group"),
        choices=GroupKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of group")},
    )
    description = forms.CharField(
        label=_("What it does"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    meets = forms.CharField(label=_("When and where it meets"), max_length=200, required=False)


class ReviewForm(GovukErrors, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a title")}
    )
    scope = forms.CharField(
        label=_("Scope: what the review will look at"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what the review will look at")},
    )
    started_on = DatePartsField(label=_("Started"))


class ReviewReportForm(GovukErrors, forms.Form):
    report = forms.CharField(
        label=_("Findings and recommendations"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter the review's findings and recommendations")},
    )
    reported_on = DatePartsField(label=_("Date of the report"))


WAY_CHOICES = (
    *GroupKind.choices,
    ("surveys", _("Answering surveys")),
)
METHOD_CHOICES = (
    ("online", _("Online")),
    ("phone", _("By phone")),
    ("in_person", _("In person")),
    ("large_print", _("In large print")),
    ("language", _("In another language")),
)


class InterestForm(GovukErrors, forms.Form):
    ways = forms.MultipleChoiceField(
        label=_("How would you like to take part?"),
        choices=WAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one way you would like to take part")},
    )
    methods = forms.MultipleChoiceField(
        label=_("How should we involve you?"),
        choices=METHOD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.CharField(
        label=_("Which language? (if you chose another language)"), max_length=60, required=False
    )
    diversity_consent = forms.BooleanField(
        label=_(
            "I agree that you can keep the answers below to check that you involve people from "
            "every part of the community"
        ),
        required=False,
    )
    age_band = forms.ChoiceField(
        label=_("Your age"),
        choices=(
            ("", _("Prefer not to say")),
            ("16-24", "16 to 24"),
            ("25-44", "25 to 44"),
            ("45-64", "45 to 64"),
            ("65+", _("65 or over")),
        ),
        required=False,
    )
    ethnicity = forms.CharField(label=_("Your ethnic group"), max_length=60, required=False)
    disabled = forms.ChoiceField(
        label=_("Do you consider yourself disabled?"),
        choices=(("", _("Prefer not to say")), ("yes", _("Yes")), ("no", _("No"))),
        required=False,
    )


class NewsletterForm(GovukErrors, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title for the newsletter")},
    )
    issue_date = DatePartsField(label=_("Issue date"))
    news = forms.CharField(
        label=_("News"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    events = forms.CharField(
        label=_("Events"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    include_performance = forms.BooleanField(
        label=_("Include how we are doing (performance summary)"), required=False, initial=True
    )
    include_you_said = forms.BooleanField(
        label=_("Include “You said, we did”"), required=False, initial=True
    )
    include_community_events = forms.BooleanField(
        label=_("Include community events and projects from the next three months"),
        required=False,
        initial=True,
    )
