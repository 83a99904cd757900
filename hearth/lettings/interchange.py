"""voids.csv: one row per empty home, from the previous tenancy's end to the new tenancy's
start (interchange spec).

- `works_type` sets the void's target from the landlord's settings (21 or 60 days by default).
- The void's stage is worked out from its dates: let (`let_on`), offering (Letting Standard
  passed), checks (works completed), else the void inspection.
- Dates that cannot be are refused: a new tenancy starting on or before the previous one ended,
  a sign-up after the new tenancy started, a new tenancy of another home, or starting on a day
  other than `let_on`, the same new tenancy letting two voids, and two unlet voids of one home.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models

from hearth.core import bulk
from hearth.interchange.columns import Choice, Date, Ref, RefTo
from hearth.interchange.context import ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.lettings.models import LettingSettings, Stage, Void, WorksType
from hearth.tenancies.models import Tenancy


def stage_from(record: Void) -> str:
    if record.let_on is not None:
        return Stage.LET
    if record.letting_standard_passed_on is not None:
        return Stage.OFFERING
    if record.works_completed_on is not None:
        return Stage.CHECKS
    return record.stage if record.stage in (Stage.WORKS, Stage.INSPECTION) else Stage.INSPECTION


@register
class VoidsFile(FileSpec):
    name = "voids.csv"
    label = "void"
    model = Void
    columns = (
        Ref("void_ref"),
        RefTo("home_ref", "homes.csv", field="home", required=True),
        Date("previous_tenancy_end", required=True),
        Date("keys_returned_on"),
        Choice("works_type", WorksType, required=True),
        Date("works_completed_on"),
        Date("letting_standard_passed_on"),
        Date("viewing_offered_on"),
        Date("signed_on"),
        RefTo("new_tenancy_ref", "tenancies.csv", field="new_tenancy"),
        Date("let_on"),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        end, let, signed = row.get("previous_tenancy_end"), row.get("let_on"), row.get("signed_on")
        if let is not None and end is not None and let <= end:
            ctx.problem(self.name, row.line, "let_on",
                        f"{let.isoformat()} is not after the previous tenancy ended ({end.isoformat()})")  # fmt: skip
        if signed is not None and let is not None and signed > let:
            ctx.problem(self.name, row.line, "signed_on",
                        f"{signed.isoformat()} is after the new tenancy started ({let.isoformat()})")  # fmt: skip
        if row.get("new_tenancy_ref") and let is None:
            ctx.problem(self.name, row.line, "let_on",
                        "is empty, but a void with a new tenancy needs the day it started")  # fmt: skip

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        tenancy_refs = {
            row.get("new_tenancy_ref") for row in file.rows if row.get("new_tenancy_ref")
        }
        tenancies = self._tenancies(tenancy_refs, ctx)
        lets: dict[str, int] = {}
        unlet: dict[str, int] = defaultdict(int)
        for row in file.rows:
            ref = row.get("new_tenancy_ref")
            if ref:
                if ref in lets:
                    ctx.problem(self.name, row.line, "new_tenancy_ref",
                                f"tenancy {ref} already lets the void on line {lets[ref]}")  # fmt: skip
                lets.setdefault(ref, row.line)
                home, start = tenancies.get(ref, (None, None))
                if home is not None and home != row.get("home_ref"):
                    ctx.problem(self.name, row.line, "new_tenancy_ref",
                                f"tenancy {ref} is of home {home}, not {row.get('home_ref')}")  # fmt: skip
                elif (
                    start is not None
                    and row.get("let_on") is not None
                    and start != row.get("let_on")
                ):
                    ctx.problem(self.name, row.line, "let_on",
                                f"{row.get('let_on').isoformat()} is not the day tenancy {ref} starts "
                                f"({start.isoformat()})")  # fmt: skip
            elif row.get("let_on") is None:
                unlet[row.get("home_ref")] += 1
                if unlet[row.get("home_ref")] == 2:
                    ctx.problem(self.name, row.line, "home_ref",
                                f"home {row.get('home_ref')} already has an unlet void in this file")  # fmt: skip

    def _tenancies(self, refs: set[str], ctx: ImportContext) -> dict[str, tuple[Any, Any]]:
        found: dict[str, tuple[Any, Any]] = {}
        parsed = ctx.files.get("tenancies.csv")
        in_file = parsed.values_for(refs, ["home_ref", "start_date"]) if parsed else {}
        stored = [r for r in refs if r not in in_file]
        for chunk in bulk.chunked(sorted(stored)):
            rows = Tenancy.objects.filter(ref__in=chunk)
            for ref, home, start in rows.values_list("ref", "home__ref", "start_date"):
                found[ref] = (home, start)
        found.update((ref, (home, start)) for ref, (home, start) in in_file.items())
        return found

    def load(self, file: ParsedFile, ctx: ImportContext) -> Any:
        self._settings = LettingSettings.current()
        return super().load(file, ctx)

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        assert isinstance(record, Void)
        changed = super().assign(row, record, file, ctx)
        target = self._settings.target_for(record.works_type)
        if (record.pk is None or "works_type" in changed) and record.target_days != target:
            record.target_days = target
            changed.add("target_days")
        stage = stage_from(record)
        if record.stage != stage:
            record.stage = stage
            changed.add("stage")
        return changed
