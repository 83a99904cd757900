"""repairs.csv, appointments.csv and visits.csv; and the "repair" case type of contacts.csv.

- A repair is in a home (`home_ref`) or, for shared areas, in a block (`block_ref`); one or the
  other, never both. A repair in a home is also filed under the home's block (for the estate
  filters), and under the tenancy that was current at the home when it was reported, so that
  the resident sees it in their account.
- Due dates are worked out on import by the one clock, from `reported_at`, the priority and
  the Right to Repair period, with the landlord's current priority times; a repair whose
  report time, priority and period did not change keeps the due dates it has.
- `status` is loaded as it stands in the source system (no transitions, no messages). A
  completed repair needs `completed_at`; an open or cancelled one must not have it.
- An appointment's `cancelled_on` belongs only to a cancelled appointment, and one cancelled by
  the landlord needs it: cancelling on or after the day counts as missing the appointment.
- Nothing happens before its repair was reported: not a visit, not an appointment's day.
- A further-work visit's update deadline (1 working day) is worked out on import.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import Case, F, When

from hearth.contacts.case_types import register_case_type
from hearth.core import bulk
from hearth.core.deadlines import local_date
from hearth.interchange.columns import (
    LONDON,
    Boolean,
    Choice,
    Column,
    Date,
    Integer,
    Ref,
    RefTo,
    Text,
    Timestamp,
)
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.repairs import rules
from hearth.repairs.models import (
    Appointment,
    DampMould,
    Outcome,
    Priority,
    Repair,
    RepairSettings,
    ReportChannel,
    Slot,
    Status,
    Visit,
    VisitOutcome,
)
from hearth.tenancies.models import Tenancy

register_case_type("repair", model=Repair, file="repairs.csv", label="repair")

# `ctx.notes` key: home id -> (start, end, tenancy id) of its tenancies, for a chunk of repairs.
TENANCY_PERIODS = "repairs.tenancy_periods"


def set_state(record: models.Model, field: str, value: str) -> bool:
    """Load a protected state field as the source system has it (imports bypass transitions).
    Returns whether it changed."""
    if record.__dict__.get(field) == value:
        return False
    record.__dict__[field] = value
    return True


def _reported_at(ctx: ImportContext, refs: set[str]) -> dict[str, datetime]:
    """When each repair was reported: this import's value, else the database's."""
    found: dict[str, datetime] = {}
    parsed = ctx.files.get("repairs.csv")
    stored = [ref for ref in refs if not (parsed and parsed.holds(ref))]
    for chunk in bulk.chunked(sorted(stored)):
        found.update(Repair.objects.filter(ref__in=chunk).values_list("ref", "reported_at"))
    if parsed and parsed.staging is not None:
        staging = parsed.staging
        if staging.has("repair_ref") and staging.has("reported_at"):
            # Only the rows these refs name, in line order (the last of a repeated ref wins).
            for _line, ref, reported in staging.rows_with(
                "repair_ref", sorted(refs), ["repair_ref", "reported_at"]
            ):
                if reported:
                    found[ref] = reported
    elif parsed:
        found.update(
            (row.ref, row.get("reported_at"))
            for row in parsed.each_row()
            if row.ref in refs and row.get("reported_at")
        )
    return found


def _not_before_report(file: ParsedFile, ctx: ImportContext, column: str, what: str) -> None:
    # A chunk of rows at a time, each with the report times of only the repairs it names.
    for rows in file.row_chunks():
        refs = {row.get("repair_ref") for row in rows if row.get("repair_ref")}
        reported = _reported_at(ctx, refs)
        for row in rows:
            value, ref = row.get(column), row.get("repair_ref")
            if value is None or ref not in reported:
                continue
            when = reported[ref]
            moment = local_date(value) if isinstance(value, datetime) else value
            early = value < when if isinstance(value, datetime) else moment < local_date(when)
            if early:
                ctx.problem(
                    file.name, row.line, column,
                    f"{what} {value.isoformat()} is before repair {ref} was reported "
                    f"({when.astimezone(LONDON).isoformat()})",
                )  # fmt: skip


@register
class RepairsFile(FileSpec):
    name = "repairs.csv"
    label = "repair"
    model = Repair
    # Streamed through a staging table and loaded a chunk at a time. Appointments and visits
    # read back the keys of the repairs each chunk of theirs names (none are held). Indexed on
    # the ref: their checks look up those repairs in the staging table.
    staged = True
    keys_held = False
    staged_indexes = ("repair_ref",)
    columns = (
        Ref("repair_ref"),
        RefTo("home_ref", "homes.csv", field=None),
        RefTo("block_ref", "blocks.csv", field=None),
        Timestamp("reported_at", required=True),
        Choice("priority", Priority, required=True),
        Text("description", required=True),
        Text("trade"),
        Integer("right_to_repair_days", min_value=1, max_value=7),
        Choice("status", Status, required=True, field=None),
        Timestamp("completed_at"),
        Boolean("damp_or_mould"),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        home, block = row.get("home_ref"), row.get("block_ref")
        if not home and not block:
            ctx.problem(self.name, row.line, "home_ref",
                        "give a home_ref, or a block_ref for a repair to shared areas")  # fmt: skip
        elif home and block:
            ctx.problem(self.name, row.line, "block_ref",
                        "give a home_ref or a block_ref, not both (block_ref is for a repair "
                        "to shared areas)")  # fmt: skip
        days = row.get("right_to_repair_days")
        if days is not None and days not in rules.RIGHT_TO_REPAIR_PERIODS:
            ctx.problem(self.name, row.line, "right_to_repair_days", f"{days} is not 1, 3 or 7")
        status, done, reported = row.get("status"), row.get("completed_at"), row.get("reported_at")
        if status == Status.COMPLETED and done is None:
            ctx.problem(self.name, row.line, "completed_at",
                        "is empty, but a completed repair needs the time it was completed")  # fmt: skip
        elif status in (Status.OPEN, Status.CANCELLED) and done is not None:
            ctx.problem(
                self.name, row.line, "completed_at", f"is given, but the repair is {status}"
            )
        elif done is not None and reported is not None and done < reported:
            ctx.problem(self.name, row.line, "completed_at",
                        f"{done.isoformat()} is before it was reported ({reported.isoformat()})")  # fmt: skip

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        self._times = RepairSettings.current().times
        return super().load(file, ctx)

    def prefetch_targets(self, rows: Iterable[Row], file: ParsedFile, ctx: ImportContext) -> None:
        """Also the tenancies of the homes a chunk's repairs are in, so that each new repair is
        filed under the tenancy current when it was reported as it is written (not updated
        after, which at 100,000 homes wrote 320,000 updates and as many history rows)."""
        rows = list(rows)
        super().prefetch_targets(rows, file, ctx)
        refs = {row.get("home_ref") for row in rows if row.get("home_ref")}
        homes = sorted(home.pk for home in ctx.records("homes.csv", refs).values())
        periods: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        for chunk in bulk.chunked(homes):
            found = Tenancy.objects.filter(home_id__in=chunk).values_list(
                "home_id", "start_date", "end_date", "pk"
            )
            for home_id, start, end, pk in found:
                periods[home_id].append((start, end, pk))
        ctx.notes[TENANCY_PERIODS] = periods

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        assert isinstance(record, Repair)
        new = record.pk is None
        before = (record.reported_at, record.priority, record.right_to_repair_days)
        changed = super().assign(row, record, file, ctx)
        if new:
            record.channel = ReportChannel.IMPORTED
        home = ctx.record("homes.csv", row.get("home_ref")) if row.get("home_ref") else None
        if home is not None:
            place = (home.pk, home.block_id)  # type: ignore[attr-defined]
        else:
            place = (None, ctx.record("blocks.csv", row.get("block_ref")).pk)
        if (record.home_id, record.block_id) != place:
            record.home_id, record.block_id = place
            changed |= {"home", "block"}
        if new and record.home_id is not None:
            day = local_date(record.reported_at)
            record.tenancy_id = next(
                (pk for start, end, pk in ctx.notes[TENANCY_PERIODS][record.home_id]
                 if start <= day and (end is None or end >= day)),
                None,
            )  # fmt: skip
        if set_state(record, "status", row.get("status")):
            changed.add("status")
        if new or before != (record.reported_at, record.priority, record.right_to_repair_days):
            due = rules.repair_due_dates(
                reported_at=record.reported_at,
                priority=record.priority,
                rtr_days=record.right_to_repair_days,
                times=self._times,
            )
            record.due_at, record.due_on, record.rtr_due_on = due.due_at, due.due_on, due.rtr_due_on
            changed |= {"due_at", "due_on", "rtr_due_on"}
        return changed

    def after_chunk(
        self,
        rows: list[Row],
        records: dict[str, models.Model],
        created: list[models.Model],
        file: ParsedFile,
        ctx: ImportContext,
        report: FileReport,
    ) -> None:
        damp = [r for r in records.values() if isinstance(r, Repair) and r.damp_or_mould]
        with_clocks = set()
        for chunk in bulk.chunked([r.pk for r in damp]):
            with_clocks |= set(
                DampMould.objects.filter(repair_id__in=chunk).values_list("repair_id", flat=True)
            )
        DampMould.objects.bulk_create(
            [
                DampMould(
                    repair=r,
                    aware_at=r.reported_at,
                    investigation_due_on=rules.awaab_investigation_due(local_date(r.reported_at)),
                )
                for r in damp
                if r.pk not in with_clocks
            ],
            batch_size=bulk.CHUNK,
        )

    def export_field(self, column: Column) -> Any:
        if column.name == "home_ref":
            return "home__ref"
        if column.name == "block_ref":  # only for a repair to shared areas
            return Case(When(home__isnull=True, then=F("block__ref")), default=None)
        if column.name == "status":
            return "status"
        return super().export_field(column)

    def export_queryset(self) -> models.QuerySet[Any]:
        return Repair.objects.order_by("ref")


@register
class AppointmentsFile(FileSpec):
    name = "appointments.csv"
    label = "appointment"
    model = Appointment
    # Rows streamed through a staging table and loaded a chunk at a time (nothing points here).
    staged = True
    columns = (
        Ref("appointment_ref"),
        RefTo("repair_ref", "repairs.csv", field="repair", required=True),
        Date("date", required=True),
        Choice("slot", Slot, required=True),
        Choice("outcome", Outcome, required=True, field=None),
        Date("cancelled_on"),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        outcome, cancelled_on = row.get("outcome"), row.get("cancelled_on")
        cancelled = outcome in (Outcome.CANCELLED_BY_RESIDENT, Outcome.CANCELLED_BY_LANDLORD)
        if cancelled_on is not None and outcome is not None and not cancelled:
            ctx.problem(self.name, row.line, "cancelled_on",
                        f"is given, but the appointment was not cancelled ({outcome})")  # fmt: skip
        if outcome == Outcome.CANCELLED_BY_LANDLORD and cancelled_on is None:
            ctx.problem(self.name, row.line, "cancelled_on",
                        "is empty, but an appointment we cancelled needs the date we cancelled "
                        "it (on or after the day, it counts as missed)")  # fmt: skip

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        _not_before_report(file, ctx, "date", "the appointment day")

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        changed = super().assign(row, record, file, ctx)
        if set_state(record, "outcome", row.get("outcome")):
            changed.add("outcome")
        return changed

    def export_field(self, column: Column) -> Any:
        if column.name == "outcome":
            return "outcome"
        return super().export_field(column)


@register
class VisitsFile(FileSpec):
    name = "visits.csv"
    label = "visit"
    model = Visit
    staged = True
    columns = (
        Ref("visit_ref"),
        RefTo("repair_ref", "repairs.csv", field="repair", required=True),
        Timestamp("visited_at", required=True),
        Choice("outcome", VisitOutcome, required=True),
        Text("notes"),
    )

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        _not_before_report(file, ctx, "visited_at", "the visit")

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        assert isinstance(record, Visit)
        changed = super().assign(row, record, file, ctx)
        due = (
            rules.progress_update_due(local_date(record.visited_at))
            if record.outcome == VisitOutcome.FURTHER_WORK
            else None
        )
        if record.update_due_on != due:
            record.update_due_on = due
            changed.add("update_due_on")
        return changed
