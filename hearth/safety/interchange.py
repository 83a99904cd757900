"""safety_checks.csv and home_conditions.csv (interchange spec).

- A check is of a home (`home_ref`: gas, electrical, smoke and carbon monoxide alarms, a flat's
  entrance fire door) or of a block's communal areas and lifts (`block_ref`: communal fire
  doors, fire risk, asbestos, water, lifts); one or the other, never both.
- `next_due_on` is on or after `done_on`, except for a no-access visit, which keeps the due
  date that was already passing (Hearth records a missed visit that way).
- A survey's `decent` and `failing_criteria` must agree: a decent home fails no criterion.
  `failing_criteria` lists the Decent Homes criteria a home fails (`A`, `B`, `C`, `D`) with
  semicolons, e.g. `A;D`.
- Loaded as they stand: no messages, no works orders, no copies to tenants.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Concat, Substr

from hearth.interchange.columns import Boolean, Choice, Column, Date, Ref, RefTo, Text
from hearth.interchange.context import ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.safety.models import ConditionSurvey, Kind, Outcome, SafetyCheck

HOME_KINDS = {Kind.GAS, Kind.ELECTRICAL, Kind.SMOKE_ALARM, Kind.CO_ALARM, Kind.FIRE_DOOR}
BLOCK_KINDS = {Kind.FIRE_DOOR, Kind.FIRE_RISK, Kind.ASBESTOS, Kind.WATER, Kind.LIFT}
CRITERIA = ("A", "B", "C", "D")


@register
class SafetyChecksFile(FileSpec):
    name = "safety_checks.csv"
    label = "safety check"
    model = SafetyCheck
    # Rows streamed through a staging table and loaded a chunk at a time (nothing points here).
    staged = True
    columns = (
        Ref("check_ref"),
        RefTo("home_ref", "homes.csv", field="home"),
        RefTo("block_ref", "blocks.csv", field="block"),
        Choice("kind", Kind, required=True),
        Text("asset_ref"),
        Date("done_on", required=True),
        Date("next_due_on", required=True),
        Choice("outcome", Outcome, required=True),
        Text("certificate_ref"),
        Text("notes"),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        home, block, kind = row.get("home_ref"), row.get("block_ref"), row.get("kind")
        if not home and not block:
            ctx.problem(self.name, row.line, "home_ref",
                        "give a home_ref, or a block_ref for a block's communal areas and lifts")  # fmt: skip
        elif home and block:
            ctx.problem(
                self.name, row.line, "block_ref", "give a home_ref or a block_ref, not both"
            )
        elif kind and home and kind not in HOME_KINDS:
            ctx.problem(self.name, row.line, "kind",
                        f"{kind} is a check of a block: give a block_ref")  # fmt: skip
        elif kind and block and kind not in BLOCK_KINDS:
            ctx.problem(self.name, row.line, "kind",
                        f"{kind} is a check of a home: give a home_ref")  # fmt: skip
        done, due = row.get("done_on"), row.get("next_due_on")
        if done and due and due < done and row.get("outcome") != Outcome.NO_ACCESS:
            ctx.problem(self.name, row.line, "next_due_on",
                        f"{due.isoformat()} is before the check was done ({done.isoformat()})")  # fmt: skip

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        changed = super().assign(row, record, file, ctx)
        # A row names a home or a block: the other is cleared, even when its column is absent.
        assert isinstance(record, SafetyCheck)
        if row.get("home_ref") and record.block_id is not None:
            record.block_id = None
            changed.add("block")
        if row.get("block_ref") and record.home_id is not None:
            record.home_id = None
            changed.add("home")
        return changed


@register
class HomeConditionsFile(FileSpec):
    name = "home_conditions.csv"
    label = "condition survey"
    model = ConditionSurvey
    staged = True
    columns = (
        Ref("survey_ref"),
        RefTo("home_ref", "homes.csv", field="home", required=True),
        Date("surveyed_on", required=True),
        Boolean("decent", required=True),
        Text("failing_criteria", field=None, max_length=20),
        Text("notes"),
    )

    @staticmethod
    def _criteria(raw: str | None) -> list[str] | None:
        """The letters in `raw`, or None when something else is there."""
        letters = [part.strip().upper() for part in (raw or "").split(";") if part.strip()]
        return letters if all(letter in CRITERIA for letter in letters) else None

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        letters = self._criteria(row.get("failing_criteria"))
        if letters is None:
            ctx.problem(self.name, row.line, "failing_criteria",
                        f'"{row.get("failing_criteria")}" is not a list of the criteria A, B, C '
                        "and D separated by semicolons, like A;D")  # fmt: skip
        elif letters and row.get("decent") is True:
            ctx.problem(self.name, row.line, "failing_criteria",
                        "names criteria the home fails, but decent is true")  # fmt: skip

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        changed = super().assign(row, record, file, ctx)
        if "failing_criteria" in file.columns:
            letters = set(self._criteria(row.get("failing_criteria")) or [])
            for letter in CRITERIA:
                field = f"fails_{letter.lower()}"
                value = letter in letters
                if getattr(record, field) != value:
                    setattr(record, field, value)
                    changed.add(field)
        return changed

    def export_field(self, column: Column) -> Any:
        if column.name == "failing_criteria":  # as `ConditionSurvey.failing_criteria`: A;D
            letters = [
                Case(When(**{f"fails_{letter.lower()}": True}, then=Value(f";{letter}")),
                     default=Value(""))
                for letter in CRITERIA
            ]  # fmt: skip
            return Substr(Concat(*letters, output_field=CharField()), 2)
        return super().export_field(column)
