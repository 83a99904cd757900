"""survey_answers.csv (interchange spec): one row per answer to a TSM perception question
(TP01-TP12), the answers `TP01` ... `TP12` are computed from.

- The file has one row per answer; Hearth keeps a response (who answered, when) holding its
  answers. The new rows of one import with the same tenancy and date make one response (a new
  one whenever a question comes round again), filed under the survey whose reporting year holds the date, or
  under an "Imported survey answers" round for that April-to-March year. The filter questions
  of an imported response follow from what was answered (TP02/TP03: a repair; TP09: a
  complaint; TP10: communal areas). Its channel is "imported".
- The spec's `neither` is TP08's "neither agree nor disagree" for TP08; `not_applicable` is
  kept, and is not a valid answer, like `dont_know`.
- Answers given in Hearth have no ref of their own: export names them `HEARTH-` and the answer's
  number, ten digits, and an import keeps that ref, so the round trip is exact.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, LPad

from hearth.core import bulk
from hearth.interchange.columns import Choice, Column, Date, Ref, RefTo
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.involvement import tsm
from hearth.involvement.models import Answer, Response, SurveyChannel, TsmSurvey

SATISFACTION = ("very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied", "very_dissatisfied")  # fmt: skip
AGREEMENT = ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree")
NOT_VALID = (tsm.DONT_KNOW, tsm.NOT_APPLICABLE)
ANSWERS = (*SATISFACTION, *AGREEMENT[:2], *AGREEMENT[3:], *NOT_VALID)
AGREEMENT_QUESTION = "TP08"
HEARTH_REF = "HEARTH-"


def _stored(question: str, answer: str) -> str:
    """The spec's answer code as Hearth keeps it."""
    return tsm.NEITHER_AGREE if question == AGREEMENT_QUESTION and answer == "neither" else answer


def _written(question: str, answer: str) -> str:
    return "neither" if answer == tsm.NEITHER_AGREE else answer


def _reporting_year(day: date) -> tuple[date, date]:
    start = date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    return start, date(start.year + 1, 3, 31)


# A new answer waiting for its response: (line, ref, question, answer as stored).
_Waiting = tuple[int, str, str, str]


@register
class SurveyAnswersFile(FileSpec):
    name = "survey_answers.csv"
    label = "survey answer"
    model = Answer
    # Streamed through a staging table and loaded a chunk at a time.
    staged = True
    columns = (
        Ref("answer_ref"),
        RefTo("tenancy_ref", "tenancies.csv", field=None),
        Date("answered_on", required=True, field=None),
        Choice("question", tsm.CODES, required=True),
        Choice("answer", ANSWERS, required=True, field=None),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        question, answer = row.get("question"), row.get("answer")
        if question is None or answer is None:
            return
        allowed = AGREEMENT if question == AGREEMENT_QUESTION else SATISFACTION
        if answer not in allowed and answer not in NOT_VALID:
            ctx.problem(self.name, row.line, "answer", f"{answer} is not an answer to {question}: one of {', '.join((*allowed, *NOT_VALID))}")  # fmt: skip

    def fetch_existing(self, refs: Any) -> dict[str, models.Model]:
        found: dict[str, models.Model] = {}
        for chunk in bulk.chunked(sorted(set(refs))):
            answers = Answer.objects.filter(ref__in=chunk).select_related("response")
            found.update({a.ref: a for a in answers if a.ref is not None})
        return found

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        """A chunk of rows at a time from the staging table: a stored answer whose response
        still fits is changed in place; a new answer, or one whose tenancy, date or question
        changed, waits (as a few plain values) to be filed under a new response."""
        assert file.staging is not None
        report = FileReport(self.name, rows=file.staging.rows)
        waiting: dict[tuple[int | None, date], list[_Waiting]] = defaultdict(list)
        for rows in file.row_chunks():
            existing = self.fetch_existing([row.ref for row in rows if row.ref])
            changed: list[Answer] = []
            moved: list[Answer] = []
            for row in rows:
                assert row.ref is not None
                tenancy_ref = row.get("tenancy_ref")
                tenancy_id = ctx.record("tenancies.csv", tenancy_ref).pk if tenancy_ref else None
                day: date = row.get("answered_on")
                question: str = row.get("question")
                answer = _stored(question, row.get("answer"))
                found = existing.get(row.ref)
                if found is not None:
                    assert isinstance(found, Answer)
                    response = found.response
                    if (response.tenancy_id, response.answered_on, found.question) == (tenancy_id, day, question):  # fmt: skip
                        if found.answer != answer:
                            found.answer = answer
                            changed.append(found)
                            report.updated_unlisted += 1
                        continue
                    moved.append(found)
                    report.updated_unlisted += 1
                else:
                    report.created_unlisted += 1
                waiting[(tenancy_id, day)].append((row.line, row.ref, question, answer))
            bulk.update(Answer, changed, {"answer"}, actor=ctx.actor)
            if moved:
                left = {a.response_id for a in moved}
                Answer.objects.filter(pk__in=[a.pk for a in moved]).delete()
                Response.objects.filter(pk__in=left, channel=SurveyChannel.IMPORTED, answers__isnull=True).delete()  # fmt: skip
        self._add(waiting, ctx)
        return report

    def _add(
        self, waiting: dict[tuple[int | None, date], list[_Waiting]], ctx: ImportContext
    ) -> None:
        """One response per tenancy and date (a new one when a question comes round again),
        written a few thousand at a time with their answers."""
        groups: list[tuple[int | None, date, list[_Waiting]]] = []
        for (tenancy_id, day), items in waiting.items():
            current: list[_Waiting] = []
            for item in sorted(items):
                if any(question == item[2] for _l, _r, question, _a in current):
                    groups.append((tenancy_id, day, current))
                    current = []
                current.append(item)
            groups.append((tenancy_id, day, current))
        if not groups:
            return
        surveys = self._surveys(sorted({day for _t, day, _items in groups}))
        for batch in bulk.chunked(groups, 2000):
            responses: list[Response] = []
            for tenancy_id, day, items in batch:
                asked = {question for _l, _r, question, _a in items}
                responses.append(
                    Response(
                        survey=surveys[day],
                        tenancy_id=tenancy_id,
                        answered_on=day,
                        channel=SurveyChannel.IMPORTED,
                        had_repair=bool(asked & {"TP02", "TP03"}),
                        made_complaint="TP09" in asked,
                        has_communal_areas="TP10" in asked,
                    )
                )
            bulk.create(Response, responses, actor=ctx.actor)
            answers = [
                Answer(response=response, ref=ref, question=question, answer=answer)
                for response, (_t, _d, items) in zip(responses, batch, strict=True)
                for _line, ref, question, answer in items
            ]
            bulk.create(Answer, answers, actor=ctx.actor)

    def _surveys(self, days: list[date]) -> dict[date, TsmSurvey]:
        """The survey round each date's answers count towards (its reporting year)."""
        rounds = list(TsmSurvey.objects.order_by("year_start", "opens_on", "pk"))
        found: dict[date, TsmSurvey] = {}
        for day in days:
            survey = next((s for s in rounds if s.year_start <= day <= s.year_end), None)
            if survey is None:
                start, end = _reporting_year(day)
                in_year = [d for d in days if start <= d <= end]
                survey = TsmSurvey.objects.create(
                    title=f"Imported survey answers {start.year} to {end.year}",
                    year_start=start,
                    year_end=end,
                    opens_on=in_year[0],
                    closes_on=in_year[-1],
                )
                rounds.append(survey)
            found[day] = survey
        return found

    # -- export -------------------------------------------------------------------------------

    def export_queryset(self) -> models.QuerySet[Any]:
        number = LPad(Cast("pk", CharField()), 10, Value("0"))
        ref = Coalesce("ref", Concat(Value(HEARTH_REF), number), output_field=CharField())
        return Answer.objects.annotate(answer_ref=ref).order_by("answer_ref")

    def export_field(self, column: Column) -> Any:
        if column.name == "answer_ref":
            return "answer_ref"
        if column.name == "tenancy_ref":
            return "response__tenancy__ref"
        if column.name == "answered_on":
            return "response__answered_on"
        if column.name == "answer":  # as `_written`
            return Case(When(answer=tsm.NEITHER_AGREE, then=Value("neither")), default=F("answer"))
        return super().export_field(column)
