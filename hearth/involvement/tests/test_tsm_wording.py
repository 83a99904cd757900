"""The perception survey is asked in the Regulator's words (TSM Technical Requirements, Table 2):
these are checked one by one so that an edit to the questions cannot slip through."""

from __future__ import annotations

from hearth.involvement import tsm

LANDLORD = "[your landlord]"
SATISFACTION = [
    "Very satisfied", "Fairly satisfied", "Neither satisfied nor dissatisfied",
    "Fairly dissatisfied", "Very dissatisfied",
]  # fmt: skip
AGREEMENT = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]  # fmt: skip
DONT_KNOW = "Not applicable/ don't know"


def _labels(code: str) -> list[str]:
    return [str(label) for _code, label in tsm.BY_CODE[code].choices]


def test_tp08_is_asked_as_table_2_words_it() -> None:
    assert tsm.BY_CODE["TP08"].text(LANDLORD) == (
        "To what extent do you agree or disagree with the following "
        "“[your landlord] treats me fairly and with respect”?"
    )
    assert _labels("TP08") == [*AGREEMENT, DONT_KNOW]


def test_dont_know_is_offered_only_where_table_2_offers_it() -> None:
    offered = {code for code in tsm.CODES if DONT_KNOW in _labels(code)}
    assert offered == {"TP05", "TP06", "TP07", "TP08", "TP11", "TP12"}
    for code in tsm.CODES:
        scale = AGREEMENT if code == "TP08" else SATISFACTION
        assert _labels(code)[:5] == scale


def test_the_filter_questions_rule_out_tp02_tp03_tp09_and_tp10() -> None:
    asked_if = {q.code: q.asked_if for q in tsm.QUESTIONS if q.asked_if}
    assert asked_if == {"TP02": tsm.REPAIR, "TP03": tsm.REPAIR, "TP09": tsm.COMPLAINT, "TP10": tsm.COMMUNAL}  # fmt: skip
    assert tsm.BY_CODE["TP01"].text(LANDLORD) == (
        "Taking everything into account, how satisfied or dissatisfied are you with the service "
        "provided by [your landlord]?"
    )
