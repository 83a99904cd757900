"""survey_answers.csv: the TSM perception answers load into responses and count in TP01-TP12,
a bad row is refused with its line, a second import changes nothing, and an export imported
into an empty database gives the same answers, measures and file."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from hearth.core.measures import report
from hearth.interchange.services import ImportRejected, export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.involvement.models import Answer, Response, TsmSurvey
from hearth.involvement.tests.factories import SurveyFactory, respond
from hearth.tenancies.models import Tenancy

pytestmark = pytest.mark.django_db

ANSWERS = """
    answer_ref,tenancy_ref,answered_on,question,answer
    S1,T2,2026-06-10,TP01,very_satisfied
    S2,T2,2026-06-10,TP08,neither
    S3,T2,2026-06-10,TP05,not_applicable
    S4,T3,2026-06-11,TP01,fairly_dissatisfied
    S5,,2026-06-12,TP01,dont_know
    S6,,2026-06-12,TP01,fairly_satisfied
"""
FILES = {**GOOD, "survey_answers.csv": ANSWERS}
APRIL_TO_SEPTEMBER = (date(2026, 4, 1), date(2026, 9, 30))


def _counts(*ids: str) -> dict[str, tuple[int, int]]:
    found = {m["id"]: m for m in report(*APRIL_TO_SEPTEMBER)["measures"]}
    return {i: (found[i]["numerator"], found[i]["denominator"]) for i in ids}


def _picture() -> list:
    return list(
        Answer.objects.order_by("ref").values_list(
            "ref", "response__tenancy__ref", "response__answered_on", "question", "answer"
        )
    )


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_the_answers_load_into_responses_and_count_in_the_measures(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", FILES))
    # TP01: S1 and S6 satisfied, S4 dissatisfied, S5 "don't know" not valid.
    # TP08: "neither" agree nor disagree is valid, not positive. TP05: only "not applicable".
    assert _counts("TP01", "TP08", "TP05") == {"TP01": (2, 3), "TP08": (0, 1), "TP05": (0, 0)}
    assert Answer.objects.get(ref="S2").answer == "neither_agree"
    # T2's three answers of 10 June are one response; the two unnamed TP01 answers of 12 June
    # are two respondents.
    assert Response.objects.count() == 4
    t2 = Response.objects.get(tenancy=Tenancy.objects.get(ref="T2"))
    assert sorted(t2.answers.values_list("question", flat=True)) == ["TP01", "TP05", "TP08"]
    assert t2.channel == "imported" and not t2.had_repair and not t2.made_complaint
    survey = TsmSurvey.objects.get()
    assert (survey.year_start, survey.year_end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert (survey.opens_on, survey.closes_on) == (date(2026, 6, 10), date(2026, 6, 12))


def test_answers_go_to_the_survey_whose_year_holds_them(tmp_path: Path):
    survey = SurveyFactory(year_start=date(2026, 4, 1), year_end=date(2027, 3, 31))
    import_folder(write_folder(tmp_path / "in", FILES))
    assert set(Response.objects.values_list("survey", flat=True)) == {survey.pk}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(tmp_path: Path):
    folder = write_folder(tmp_path / "in", FILES)
    import_folder(folder)
    before = (_picture(), sorted(Response.objects.values_list("pk", flat=True)))
    second = import_folder(folder)
    assert (_picture(), sorted(Response.objects.values_list("pk", flat=True))) == before
    assert (second.file("survey_answers.csv").created, second.file("survey_answers.csv").updated) == (0, 0)  # fmt: skip


def test_a_changed_answer_is_updated_and_a_moved_one_changes_response(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", FILES))
    changed = ANSWERS.replace("S1,T2,2026-06-10,TP01,very_satisfied", "S1,T2,2026-06-10,TP01,very_dissatisfied")  # fmt: skip
    changed = changed.replace("S4,T3,2026-06-11", "S4,T3,2026-06-15")
    result = import_folder(
        write_folder(tmp_path / "again", {**GOOD, "survey_answers.csv": changed})
    )
    assert result.file("survey_answers.csv").updated == 2
    assert Answer.objects.get(ref="S1").answer == "very_dissatisfied"
    assert Answer.objects.get(ref="S4").response.answered_on == date(2026, 6, 15)
    # The response S4 left, now empty, is gone.
    assert Response.objects.count() == 4
    assert _counts("TP01") == {"TP01": (1, 3)}


def test_an_export_imported_into_an_empty_database_gives_the_same_answers_and_file(
    tmp_path: Path,
):
    import_folder(write_folder(tmp_path / "in", FILES))
    export_folder(tmp_path / "out")
    assert _rows(tmp_path / "out" / "survey_answers.csv") == _rows(tmp_path / "in" / "survey_answers.csv")  # fmt: skip
    before, measures = _picture(), _counts("TP01", "TP05", "TP08")
    Answer.objects.all().delete()
    Response.objects.all().delete()
    TsmSurvey.objects.all().delete()
    import_folder(tmp_path / "out")
    assert _picture() == before
    assert _counts("TP01", "TP05", "TP08") == measures
    export_folder(tmp_path / "again")
    name = "survey_answers.csv"
    assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "out" / name).read_bytes()


def test_answers_given_in_hearth_are_exported_under_a_ref_that_an_import_keeps(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", GOOD))
    given = respond(SurveyFactory(), date(2025, 9, 1), Tenancy.objects.get(ref="T3"), TP08="neither_agree")  # fmt: skip
    answer = given.answers.get()
    export_folder(tmp_path / "out")
    ref = f"HEARTH-{answer.pk:010d}"
    assert _rows(tmp_path / "out" / "survey_answers.csv")[1] == [ref, "T3", "2025-09-01", "TP08", "neither"]  # fmt: skip
    Answer.objects.all().delete()
    import_folder(tmp_path / "out")
    assert Answer.objects.get(ref=ref).answer == "neither_agree"


def test_every_bad_row_is_refused_with_its_line_and_nothing_is_loaded(tmp_path: Path):
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "bad", {**GOOD, "survey_answers.csv": """
            answer_ref,tenancy_ref,answered_on,question,answer
            S1,T2,2026-06-10,TP08,very_satisfied
            S2,T9,2026-06-10,TP01,agree
            S3,T2,10/06/2026,TP13,fairly_satisfied
            S3,T2,2026-06-10,TP02,meh
        """}))  # fmt: skip
    problems = [str(p) for p in rejected.value.problems]
    assert "survey_answers.csv:2: answer: very_satisfied is not an answer to TP08: one of strongly_agree, agree, neither, disagree, strongly_disagree, dont_know, not_applicable" in problems  # fmt: skip
    assert "survey_answers.csv:3: answer: agree is not an answer to TP01: one of very_satisfied, fairly_satisfied, neither, fairly_dissatisfied, very_dissatisfied, dont_know, not_applicable" in problems  # fmt: skip
    for start in ("survey_answers.csv:3: tenancy_ref: no tenancy T9", "survey_answers.csv:4: answered_on:",
                  "survey_answers.csv:4: question:", "survey_answers.csv:5: answer_ref:", "survey_answers.csv:5: answer:"):  # fmt: skip
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert not Answer.objects.exists() and not Tenancy.objects.exists()
