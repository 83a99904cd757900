from __future__ import annotations

from datetime import date

import pytest

from hearth.core.measures import Period, Scope, report
from hearth.estates.tests.factories import BlockFactory, HomeFactory
from hearth.involvement import queries
from hearth.involvement.measures import satisfaction
from hearth.involvement.tests.factories import SurveyFactory, respond
from hearth.tenancies.tests.factories import TenancyFactory

YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))


@pytest.fixture
def answered(db):
    survey = SurveyFactory()
    respond(survey, date(2025, 6, 10), TP01="very_satisfied", TP08="agree", TP05="dont_know")
    respond(
        survey,
        date(2025, 9, 1),
        TP01="fairly_satisfied",
        TP08="neither_agree",
        TP05="fairly_satisfied",
    )
    respond(
        survey, date(2026, 3, 31), TP01="very_dissatisfied", TP08="strongly_agree", TP05="dont_know"
    )
    respond(survey, date(2026, 4, 1), TP01="very_satisfied")  # after the year
    return survey


def _row(measure_id: str) -> dict:
    return report(YEAR.start, YEAR.end, only=[measure_id])["measures"][0]


def test_tp01_counts_very_and_fairly_satisfied_over_the_answers_dated_in_period(answered):
    row = _row("TP01")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 3, 66.7)
    assert row["met"] is False  # target 80


def test_tp08_uses_the_agree_scale(answered):
    # agree and strongly agree count; "neither agree nor disagree" does not
    row = _row("TP08")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 3, 66.7)


def test_dont_know_is_not_a_valid_answer(answered):
    row = _row("TP05")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 1, 100.0)


def test_a_question_nobody_answered_has_no_value(answered):
    row = _row("TP12")
    assert (row["numerator"], row["denominator"], row["value"]) == (0, 0, None)


def test_each_tp_measure_is_one_query(answered, django_assert_num_queries):
    with django_assert_num_queries(1):
        satisfaction("TP01", YEAR)


def test_tp_measures_can_be_counted_for_one_estate_or_block(db):
    survey = SurveyFactory()
    north, south = BlockFactory(), BlockFactory()
    here = TenancyFactory(home=HomeFactory(block=north))
    there = TenancyFactory(home=HomeFactory(block=south))
    respond(survey, date(2025, 6, 1), here, TP01="very_satisfied")
    respond(survey, date(2025, 6, 2), there, TP01="very_dissatisfied")
    on_north = report(YEAR.start, YEAR.end, only=["TP01"], scope=Scope(block_id=north.pk))
    assert on_north["measures"][0]["value"] == 100.0
    on_south_estate = report(
        YEAR.start, YEAR.end, only=["TP01"], scope=Scope(estate_id=south.estate_id)
    )
    assert on_south_estate["measures"][0]["value"] == 0.0


def test_weighting_by_estate_counts_each_estate_by_its_share_of_tenancies(db):
    survey = SurveyFactory()
    big, small = BlockFactory(), BlockFactory()
    first = TenancyFactory(home=HomeFactory(block=big))
    second = TenancyFactory(home=HomeFactory(block=big))
    TenancyFactory(home=HomeFactory(block=big))  # did not answer
    third = TenancyFactory(home=HomeFactory(block=small))
    respond(survey, date(2025, 6, 1), first, TP01="very_satisfied")
    respond(survey, date(2025, 6, 1), second, TP01="fairly_dissatisfied")
    respond(survey, date(2025, 6, 1), third, TP01="fairly_satisfied")
    # Unweighted 2 of 3 = 66.7%. Weighted: big estate 3 tenancies at 50%, small 1 at 100%:
    # (3 x 0.5 + 1 x 1.0) / 4 = 62.5%.
    assert _row("TP01")["value"] == 66.7
    assert queries.weighted_results(YEAR)["TP01"].value == 62.5
