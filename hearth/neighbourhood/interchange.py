"""inspections.csv, flytipping.csv, cleaning_concerns.csv, cleaning_schedules.csv and
asb_cases.csv (interchange spec); and the "asb" case type of contacts.csv, so the ASB rows of
the contact log resolve to cases (their `asb_update` contacts are the updates
`asb.monthly_updates` counts).

- Due dates are worked out on import by the one clock: fly-tipping and cleaning concerns from
  `received_on` (3 working days), an ASB case's next update from its opening date.
- An inspection's overall grade is worked out from its score; a block's cleaning schedule lines
  are matched on block and task (the file has no ref column), and `weekday` is the day's name
  (`monday` ... `sunday`).
- An ASB case given only a home is filed under the home's block too. Imported ASB cases are
  loaded as antisocial behaviour (triaged), as they stand in the source system.
- Export writes the cases the measures count: a report triaged as everyday household noise is
  not an ASB case, and the layout has no column to say so, so it (and its contacts) stays out
  of `asb_cases.csv` (see docs/interchange.md). Otherwise it would come back as an ASB case and
  change `NM01.asb` and `asb.monthly_updates`.
- Nothing happens before it started: no removal before the report, no answer before the
  concern, no publication after the inspection, no closing before the opening.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db import models
from django.db.models import Case, Value, When
from django.utils import timezone

from hearth.contacts.case_types import register_case_type
from hearth.core import bulk
from hearth.interchange.columns import (
    Boolean,
    Choice,
    Column,
    Date,
    Integer,
    Ref,
    RefTo,
    Text,
)
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.neighbourhood import rules
from hearth.neighbourhood.models import (
    AsbCase,
    Channel,
    CleaningConcern,
    CleaningTask,
    FlyTipReport,
    FlyTipStatus,
    Frequency,
    Inspection,
    Risk,
    Triage,
)

register_case_type("asb", model=AsbCase, file="asb_cases.csv", label="ASB case")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _not_before(
    ctx: ImportContext, file: str, row: Row, later: str, earlier: str, what: str
) -> None:
    first, second = row.get(earlier), row.get(later)
    if first is not None and second is not None and second < first:
        ctx.problem(file, row.line, later, f"{second.isoformat()} is before {earlier} {first.isoformat()}: {what}")  # fmt: skip


def _set(record: models.Model, field: str, value: Any, changed: set[str]) -> None:
    if getattr(record, field) != value:
        setattr(record, field, value)
        changed.add(field)


@register
class InspectionsFile(FileSpec):
    name = "inspections.csv"
    label = "inspection"
    model = Inspection
    columns = (
        Ref("inspection_ref"),
        RefTo("block_ref", "blocks.csv", field="block", required=True),
        Date("scheduled_on", required=True),
        Date("published_on"),
        Date("completed_on"),
        Integer("score", min_value=0, max_value=100),
        Text("notes"),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        published = row.get("published_on")
        for done in ("scheduled_on", "completed_on"):
            if published is not None and row.get(done) is not None and published > row.get(done):
                ctx.problem(self.name, row.line, "published_on",
                            f"{published.isoformat()} is after {done} {row.get(done).isoformat()}: an inspection is published before it takes place")  # fmt: skip
        if row.get("score") is not None and row.get("completed_on") is None:
            ctx.problem(self.name, row.line, "score", "an inspection not completed has no score")

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        changed = super().assign(row, record, file, ctx)
        assert isinstance(record, Inspection)
        _set(record, "grade", rules.overall_grade(record.score), changed)
        return changed


def _received_at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


@register
class FlyTippingFile(FileSpec):
    name = "flytipping.csv"
    label = "fly-tipping report"
    model = FlyTipReport
    columns = (
        Ref("report_ref"),
        RefTo("block_ref", "blocks.csv", field="block", required=True),
        Date("received_on", required=True),
        Date("removed_on"),
        Text("location"),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        _not_before(ctx, self.name, row, "removed_on", "received_on", "it cannot be removed before it was reported")  # fmt: skip

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        changed = super().assign(row, record, file, ctx)
        assert isinstance(record, FlyTipReport)
        if record.pk is None:
            record.channel = Channel.IMPORTED
        if "received_on" in changed or record.pk is None:
            _set(record, "received_at", _received_at(record.received_on), changed)
        _set(record, "due_on", rules.flytipping_removal_due(record.received_on), changed)
        if record.status != FlyTipStatus.DUPLICATE:
            status = FlyTipStatus.REMOVED if record.removed_on else FlyTipStatus.OPEN
            _set(record, "status", status, changed)
        return changed


@register
class CleaningConcernsFile(FileSpec):
    name = "cleaning_concerns.csv"
    label = "cleaning concern"
    model = CleaningConcern
    columns = (
        Ref("concern_ref"),
        RefTo("block_ref", "blocks.csv", field="block", required=True),
        Date("received_on", required=True),
        Date("responded_on"),
        Text("description"),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        _not_before(ctx, self.name, row, "responded_on", "received_on", "a concern is answered after it is received")  # fmt: skip

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        changed = super().assign(row, record, file, ctx)
        assert isinstance(record, CleaningConcern)
        if record.pk is None:
            record.channel = Channel.IMPORTED
        _set(record, "due_on", rules.cleaning_response_due(record.received_on), changed)
        return changed


@register
class CleaningSchedulesFile(FileSpec):
    """One row per line of a block's schedule, matched on block and task."""

    name = "cleaning_schedules.csv"
    label = "cleaning schedule line"
    model = CleaningTask
    columns = (
        RefTo("block_ref", "blocks.csv", field="block", required=True),
        Text("task", required=True),
        Choice("frequency", Frequency, required=True),
        Choice("weekday", WEEKDAYS, field=None),
        Date("displayed_on"),
    )

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        seen: dict[tuple[str, str], int] = {}
        for row in file.rows:
            key = (row.get("block_ref") or "", (row.get("task") or "").strip())
            if key in seen:
                ctx.problem(self.name, row.line, "task", f"{key[1]} for block {key[0]} appears again (first on line {seen[key]})")  # fmt: skip
            else:
                seen[key] = row.line

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        report = FileReport(self.name, rows=len(file.rows))
        blocks = {row.get("block_ref"): ctx.record("blocks.csv", row.get("block_ref")).pk for row in file.rows}  # fmt: skip
        existing: dict[tuple[int, str], CleaningTask] = {}
        for chunk in bulk.chunked(sorted(set(blocks.values()))):
            for task in CleaningTask.objects.filter(block_id__in=chunk):
                existing[(task.block_id, task.task)] = task
        created: list[CleaningTask] = []
        updated: list[CleaningTask] = []
        for row in file.rows:
            block_id = blocks[row.get("block_ref")]
            name = row.get("task").strip()
            weekday = WEEKDAYS.index(row.get("weekday")) if row.get("weekday") else None
            values = {"frequency": row.get("frequency"), "weekday": weekday}
            if file.has("displayed_on"):
                values["displayed_on"] = row.get("displayed_on")
            key = f"{row.get('block_ref')}:{name}"
            found = existing.get((block_id, name))
            if found is None:
                created.append(CleaningTask(block_id=block_id, task=name, **values))
                report.created_refs.add(key)
            elif any(getattr(found, f) != v for f, v in values.items()):
                for field, value in values.items():
                    setattr(found, field, value)
                updated.append(found)
                report.updated_refs.add(key)
        bulk.create(CleaningTask, created, actor=ctx.actor)
        bulk.update(
            CleaningTask, updated, {"frequency", "weekday", "displayed_on"}, actor=ctx.actor
        )
        return report

    def export_queryset(self) -> models.QuerySet[Any]:
        return CleaningTask.objects.order_by("block__ref", "task")

    def export_field(self, column: Column) -> Any:
        if column.name == "weekday":
            days = [When(weekday=number, then=Value(day)) for number, day in enumerate(WEEKDAYS)]
            return Case(*days, default=None)
        return super().export_field(column)


@register
class AsbCasesFile(FileSpec):
    name = "asb_cases.csv"
    label = "ASB case"
    model = AsbCase
    columns = (
        Ref("case_ref"),
        RefTo("home_ref", "homes.csv", field="home"),
        RefTo("block_ref", "blocks.csv", field="block"),
        Date("opened_on", required=True),
        Date("closed_on"),
        Text("category", required=True),
        Boolean("hate_incident"),
        Choice("risk", Risk),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        _not_before(ctx, self.name, row, "closed_on", "opened_on", "a case closes after it opens")

    def export_queryset(self) -> models.QuerySet[Any]:
        return super().export_queryset().exclude(triage=Triage.HOUSEHOLD_NOISE)

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        assert isinstance(record, AsbCase)
        block_before = record.block_id
        changed = super().assign(row, record, file, ctx)
        if record.pk is None:
            record.channel = Channel.IMPORTED
            record.triage = Triage.ASB
        if record.home_id and not record.block_id:
            home = ctx.record("homes.csv", row.get("home_ref"))
            record.block_id = home.block_id  # type: ignore[attr-defined]
        if record.block_id == block_before:
            changed.discard("block")
        else:
            changed.add("block")
        if record.next_update_due_on is None or "opened_on" in changed:
            last = record.last_update_on or record.opened_on
            _set(record, "next_update_due_on", rules.update_interval_due(last, record.update_frequency), changed)  # fmt: skip
        if record.risk and ("risk" in changed or "opened_on" in changed):
            _set(record, "first_contact_due_on", rules.first_contact_due(record.opened_on, record.risk), changed)  # fmt: skip
        return changed
