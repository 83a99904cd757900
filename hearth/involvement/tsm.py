"""The Tenant Satisfaction Measures perception survey, as the Regulator of Social Housing sets it.

Source: Regulator of Social Housing, "Tenant Satisfaction Measures: Technical requirements"
(section 12, tenant perception measures) and "Tenant Satisfaction Measures: Tenant survey
requirements" (Table 2: question wording, response options and question order), published
September 2022, updated April 2024:
https://www.gov.uk/government/publications/tenant-satisfaction-measures-standard

Checked against Table 2 on 3 December 2026 (issue #14). The Regulator's own documents were not
in the reference library searched, so the check used the publications that quote Table 2: the
Regulator's summary and draft TSM Direction (gov.uk, December 2025), Acuity's TP01 definition
(arap.co.uk: five response categories, "providers must not include a 'don't know' / 'not
applicable'" option for TP01) and landlords' published 2024 results that report "Not applicable
/ Don't know" only for TP05-TP08, TP11 and TP12 (westlancs.gov.uk). Two differences were fixed:
the option is labelled "Not applicable/ don't know" as in Table 2 (was "Not applicable or don't
know"), and TP08 reads 'To what extent do you agree or disagree with the following "[your
landlord] treats me fairly and with respect"?' (a colon had been added).

The wording, answer options and filter questions below must not be changed: the Regulator
requires every landlord to ask them exactly so that results can be compared. `[landlord]` is
replaced by the landlord's name. Where the Regulator offers no "don't know / not applicable"
option (TP01-TP04, TP09, TP10) the form does not show one; an interviewer may still record a
respondent's unprompted "don't know", which is left out of the figures like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

VERY_SATISFIED = "very_satisfied"
FAIRLY_SATISFIED = "fairly_satisfied"
NEITHER = "neither"
FAIRLY_DISSATISFIED = "fairly_dissatisfied"
VERY_DISSATISFIED = "very_dissatisfied"
STRONGLY_AGREE = "strongly_agree"
AGREE = "agree"
NEITHER_AGREE = "neither_agree"
DISAGREE = "disagree"
STRONGLY_DISAGREE = "strongly_disagree"
DONT_KNOW = "dont_know"
# Only from an imported survey_answers.csv: Hearth's own form offers the Regulator's single
# "Not applicable/ don't know" option (DONT_KNOW).
NOT_APPLICABLE = "not_applicable"

SATISFACTION = (
    (VERY_SATISFIED, _("Very satisfied")),
    (FAIRLY_SATISFIED, _("Fairly satisfied")),
    (NEITHER, _("Neither satisfied nor dissatisfied")),
    (FAIRLY_DISSATISFIED, _("Fairly dissatisfied")),
    (VERY_DISSATISFIED, _("Very dissatisfied")),
)
AGREEMENT = (
    (STRONGLY_AGREE, _("Strongly agree")),
    (AGREE, _("Agree")),
    (NEITHER_AGREE, _("Neither agree nor disagree")),
    (DISAGREE, _("Disagree")),
    (STRONGLY_DISAGREE, _("Strongly disagree")),
)
DONT_KNOW_CHOICE = (DONT_KNOW, _("Not applicable/ don't know"))

# Measures spec: value = (very + fairly satisfied) ÷ valid answers; TP08 (strongly agree +
# agree). "Don't know" and "not applicable" are not valid answers.
POSITIVE = (VERY_SATISFIED, FAIRLY_SATISFIED, STRONGLY_AGREE, AGREE)
NOT_VALID = (DONT_KNOW, NOT_APPLICABLE)

REPAIR = "had_repair"
COMPLAINT = "made_complaint"
COMMUNAL = "has_communal_areas"

FILTER_QUESTIONS = {
    REPAIR: _("Has [landlord] carried out a repair to your home in the last 12 months?"),
    COMPLAINT: _("Have you made a complaint to [landlord] in the last 12 months?"),
    COMMUNAL: _(
        "Do you live in a building with communal areas, either inside or outside, that "
        "[landlord] is responsible for maintaining?"
    ),
}


@dataclass(frozen=True)
class Question:
    code: str
    wording: Any  # a lazily translated string
    choices: tuple[tuple[str, Any], ...]
    # The filter question that must be answered "yes" for this question to be asked.
    asked_if: str | None = None

    def text(self, landlord: str) -> str:
        return str(self.wording).replace("[landlord]", landlord)

    def valid_answers(self) -> set[str]:
        return {code for code, _label in self.choices} | {DONT_KNOW}


def _sat(code: str, wording: Any, *, dont_know: bool, asked_if: str | None = None) -> Question:
    choices = SATISFACTION + ((DONT_KNOW_CHOICE,) if dont_know else ())
    return Question(code, wording, choices, asked_if)


QUESTIONS: tuple[Question, ...] = (
    _sat(
        "TP01",
        _(
            "Taking everything into account, how satisfied or dissatisfied are you with the "
            "service provided by [landlord]?"
        ),
        dont_know=False,
    ),
    _sat(
        "TP02",
        _(
            "How satisfied or dissatisfied are you with the overall repairs service from "
            "[landlord] over the last 12 months?"
        ),
        dont_know=False,
        asked_if=REPAIR,
    ),
    _sat(
        "TP03",
        _(
            "How satisfied or dissatisfied are you with the time taken to complete your most "
            "recent repair after you reported it?"
        ),
        dont_know=False,
        asked_if=REPAIR,
    ),
    _sat(
        "TP04",
        _(
            "How satisfied or dissatisfied are you that [landlord] provides a home that is "
            "well maintained?"
        ),
        dont_know=False,
    ),
    _sat(
        "TP05",
        _(
            "Thinking about the condition of the property or building you live in, how "
            "satisfied or dissatisfied are you that [landlord] provides a home that is safe?"
        ),
        dont_know=True,
    ),
    _sat(
        "TP06",
        _(
            "How satisfied or dissatisfied are you that [landlord] listens to your views and "
            "acts upon them?"
        ),
        dont_know=True,
    ),
    _sat(
        "TP07",
        _(
            "How satisfied or dissatisfied are you that [landlord] keeps you informed about "
            "things that matter to you?"
        ),
        dont_know=True,
    ),
    Question(
        "TP08",
        _(
            "To what extent do you agree or disagree with the following "
            "“[landlord] treats me fairly and with respect”?"
        ),
        (*AGREEMENT, DONT_KNOW_CHOICE),
    ),
    _sat(
        "TP09",
        _(
            "How satisfied or dissatisfied are you with [landlord]'s approach to complaints "
            "handling?"
        ),
        dont_know=False,
        asked_if=COMPLAINT,
    ),
    _sat(
        "TP10",
        _(
            "How satisfied or dissatisfied are you that [landlord] keeps these communal areas "
            "clean and well maintained?"
        ),
        dont_know=False,
        asked_if=COMMUNAL,
    ),
    _sat(
        "TP11",
        _(
            "How satisfied or dissatisfied are you that [landlord] makes a positive "
            "contribution to your neighbourhood?"
        ),
        dont_know=True,
    ),
    _sat(
        "TP12",
        _(
            "How satisfied or dissatisfied are you with [landlord]'s approach to handling "
            "anti-social behaviour?"
        ),
        dont_know=True,
    ),
)
BY_CODE = {q.code: q for q in QUESTIONS}
CODES = tuple(BY_CODE)

ANSWER_LABELS = {code: label for q in QUESTIONS for code, label in q.choices}
ANSWER_LABELS[NOT_APPLICABLE] = _("Not applicable")

# Shown before the first question (the Regulator expects respondents to be told the purpose).
MINUTES_TO_COMPLETE = 5
