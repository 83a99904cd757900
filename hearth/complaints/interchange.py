"""complaints.csv: one row per complaint, its stage dates as the measures count them; and the
"complaint" case type of contacts.csv.

- The status (and the clock of what is due next) follows from the dates: a row with a stage 2
  response is closed, one with a stage 1 acknowledgement but no response is being investigated,
  and so on; outcome `withdrawn` makes it withdrawn.
- `category` is any text, in the landlord's own words. Hearth's own values (`repairs`,
  `damp_mould`, ...) are kept as they are; other words are kept as the complaint's
  `landlord_category` and count as the Hearth category an administrator maps them to on the
  categories page (as "other" until then). Export writes the landlord's words back.
- `refused_on` and `refusal_reason`: a complaint refused under the Code's exclusions (Code 2.2)
  has a refused date; it is kept, exported and left out of every complaint measure. The reason
  is one of Hearth's exclusion reasons (`over_12_months`, ...), that reason and an explanation
  as `reason: explanation`, or any other text (kept as the explanation).
- `tenancy_ref` without `home_ref` takes the tenancy's home; a new complaint about a tenancy is
  from its lead tenant, so they are written to and see it in their account.
- Dates must follow each other: nothing before the complaint was received, a response not
  before its acknowledgement, stage 2 not before the stage 1 response.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf

from hearth.complaints import clocks
from hearth.complaints.models import Complaint, ExclusionReason, Outcome, Status
from hearth.complaints.services.categories import (
    hearth_category,
    mappings_for,
    note_landlord_categories,
)
from hearth.contacts.case_types import register_case_type
from hearth.core import bulk
from hearth.interchange.columns import Choice, Column, Date, Integer, Money, Ref, RefTo, Text
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.tenancies.models import MemberRole, TenancyMember

register_case_type("complaint", model=Complaint, file="complaints.csv", label="complaint")
CATEGORIES = "complaints.csv:categories"

# (column, the column it must not be before, how to say what that is)
_ORDER = (
    ("stage1_acknowledged_on", "received_on", "the complaint was received"),
    ("stage1_responded_on", "received_on", "the complaint was received"),
    ("stage1_responded_on", "stage1_acknowledged_on", "it was acknowledged"),
    ("stage2_requested_on", "received_on", "the complaint was received"),
    ("stage2_requested_on", "stage1_responded_on", "the stage 1 response"),
    ("stage2_acknowledged_on", "stage2_requested_on", "stage 2 was requested"),
    ("stage2_responded_on", "stage2_requested_on", "stage 2 was requested"),
    ("stage2_responded_on", "stage2_acknowledged_on", "stage 2 was acknowledged"),
    ("refused_on", "received_on", "the complaint was received"),
)
_STAGE2 = ("stage2_acknowledged_on", "stage2_extension_days", "stage2_responded_on")
_DATES = (
    "stage1_acknowledged_on",
    "stage1_responded_on",
    "stage2_requested_on",
    "stage2_acknowledged_on",
    "stage2_responded_on",
)


@register
class ComplaintsFile(FileSpec):
    name = "complaints.csv"
    label = "complaint"
    model = Complaint
    columns = (
        Ref("complaint_ref"),
        RefTo("tenancy_ref", "tenancies.csv", field="tenancy"),
        RefTo("home_ref", "homes.csv", field="home"),
        Date("received_on", required=True),
        Text("category", required=True, field=None, max_length=200),
        Date("stage1_acknowledged_on"),
        Integer("stage1_extension_days", min_value=0, max_value=365),
        Date("stage1_responded_on"),
        Date("stage2_requested_on"),
        Date("stage2_acknowledged_on"),
        Integer("stage2_extension_days", min_value=0, max_value=365),
        Date("stage2_responded_on"),
        Choice("outcome", Outcome),
        Money("compensation", min_value=Decimal("0")),
        Date("refused_on", field="excluded_on"),
        Text("refusal_reason", field=None),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        for column, earlier, what in _ORDER:
            later_day, earlier_day = row.get(column), row.get(earlier)
            if later_day and earlier_day and later_day < earlier_day:
                ctx.problem(
                    self.name, row.line, column, f"{later_day} is before {what}, {earlier_day}"
                )
        if row.get("refusal_reason") and not row.get("refused_on"):
            ctx.problem(self.name, row.line, "refusal_reason", "a refusal reason needs refused_on")
        if not row.get("stage2_requested_on"):
            for column in _STAGE2:
                if row.get(column):
                    ctx.problem(
                        self.name,
                        row.line,
                        column,
                        "a stage 2 date or extension needs stage2_requested_on",
                    )

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        texts = [row.get("category") for row in file.rows if row.get("category")]
        note_landlord_categories(texts)
        ctx.notes[CATEGORIES] = mappings_for(texts)
        return super().load(file, ctx)

    def assign(self, row: Row, record: Any, file: ParsedFile, ctx: ImportContext) -> set[str]:
        """As the generic loader, with the category and refusal reason, and a complaint about a
        tenancy with no home given is about the tenancy's home."""
        before = record.home_id
        changed = super().assign(row, record, file, ctx)
        wanted: dict[str, Any] = {}
        if file.has("category"):
            category, words = hearth_category(row.get("category"), ctx.notes[CATEGORIES])
            wanted |= {"category": category, "landlord_category": words}
        if file.has("refusal_reason"):
            reason, explanation = _refusal(row.get("refusal_reason") or "")
            wanted |= {"exclusion_reason": reason, "exclusion_explanation": explanation}
        for name, value in wanted.items():
            if getattr(record, name) != value:
                setattr(record, name, value)
                changed.add(name)
        if row.get("tenancy_ref") and not row.get("home_ref"):
            record.home_id = ctx.record("tenancies.csv", row.get("tenancy_ref")).home_id  # type: ignore[attr-defined]
            if record.pk is not None and record.home_id == before:
                changed.discard("home")
            elif record.home_id != before:
                changed.add("home")
        return changed

    def export_field(self, column: Column) -> Any:
        if column.name == "refused_on":
            # A refusal recorded without its date is dated the day the complaint came in.
            refused = Coalesce("excluded_on", "received_on")
            return Case(When(status=Status.EXCLUDED, then=refused), default=F("excluded_on"))
        if column.name == "category":
            return Coalesce(NullIf("landlord_category", Value("")), "category")
        if column.name == "refusal_reason":
            both = ~Q(exclusion_reason="") & ~Q(exclusion_explanation="")
            return Case(
                When(
                    both,
                    then=Concat(
                        "exclusion_reason",
                        Value(": "),
                        "exclusion_explanation",
                        output_field=TextField(),
                    ),
                ),
                default=Concat(
                    "exclusion_reason", "exclusion_explanation", output_field=TextField()
                ),
                output_field=TextField(),
            )
        return super().export_field(column)

    def after_load(self, file: ParsedFile, ctx: ImportContext, report: FileReport) -> None:
        """Fill in what follows from the row: home, complainant, status and the clock."""
        complaints: list[Complaint] = [
            c for c in ctx.loaded[self.name].values() if isinstance(c, Complaint)
        ]
        created = {
            complaint.ref for complaint in complaints if complaint.ref in report.created_refs
        }
        leads = self._lead_tenants(
            {c.tenancy_id for c in complaints if c.tenancy_id and c.ref in created}
        )
        by_status: dict[str, list[int]] = defaultdict(list)
        changed: list[Complaint] = []
        fields: set[str] = set()
        for complaint in complaints:
            own: list[str] = []
            if complaint.ref in created and complaint.tenancy_id and not complaint.complainant_id:
                complaint.complainant_id = leads.get(complaint.tenancy_id)
                own.append("complainant")
            status = complaint.status
            if complaint.excluded_on is not None:
                status = Status.EXCLUDED
            elif status != Status.EXCLUDED or file.has("refused_on"):
                status = clocks.status_from_dates(
                    outcome=complaint.outcome,
                    **{name: getattr(complaint, name) for name in _DATES},
                )
            if status != complaint.status:
                by_status[status].append(complaint.pk)
            own += clocks.refresh(complaint, status)
            if own:
                changed.append(complaint)
                fields |= set(own)
                report.mark_updated(complaint.ref)
        bulk.update(Complaint, changed, fields, actor=ctx.actor)
        # The status field only moves through transitions, so imports set it in the database.
        for status, ids in by_status.items():
            for chunk in bulk.chunked(ids):
                Complaint.objects.filter(pk__in=chunk).update(status=status)

    @staticmethod
    def _lead_tenants(tenancy_ids: set[int]) -> dict[int, int]:
        leads: dict[int, int] = {}
        for chunk in bulk.chunked(sorted(tenancy_ids)):
            members = TenancyMember.objects.filter(
                tenancy_id__in=chunk, role=MemberRole.LEAD_TENANT
            ).values_list("tenancy_id", "person_id")
            leads.update(dict(members))
        return leads


def _refusal(text: str) -> tuple[str, str]:
    """(exclusion reason, explanation) from a refusal_reason cell (see the module docstring)."""
    if text in ExclusionReason.values:
        return text, ""
    reason, _, explanation = text.partition(": ")
    if reason in ExclusionReason.values and explanation:
        return reason, explanation
    return "", text
