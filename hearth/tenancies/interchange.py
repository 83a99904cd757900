"""tenancies.csv: tenancies, and on each row its lead tenant.

The lead tenant columns land on the records Hearth keeps for a person:

- `lead_tenant_name`, `phone`, `email`: the `Person` who is the tenancy's lead tenant
  (`TenancyMember` with role `lead_tenant`); re-importing updates that person, never adds one.
- `preferred_language`: their `ContactPreference.language` (empty: back to the default).
- `support_needs`: the description of their first support need of kind `other`. An empty cell
  leaves recorded support needs alone: an import never deletes what staff wrote about a
  vulnerable person.

- `lead_person_ref`: the landlord's id for the person (`Person.ref`). Rows with the same one
  have the same lead tenant, one person with one portal account (after a transfer, say). A row
  with a ref Hearth already holds points the tenancy at that person; a tenancy whose lead
  tenant has no ref yet gives them this one; otherwise it is a new person. When rows for one
  person differ, the last row's name, phone and email are kept. Export writes each person's
  ref, and `HEARTH-<id>` for a person who has none, so an export imported elsewhere keeps one
  person as one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf

from hearth.core import bulk
from hearth.interchange.columns import Choice, Column, Date, Email, Ref, RefTo, Text
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.tenancies.models import (
    ContactPreference,
    MemberRole,
    Person,
    SupportNeed,
    Tenancy,
    TenancyMember,
    Tenure,
)

DEFAULT_LANGUAGE: str = ContactPreference._meta.get_field("language").get_default()

# Homes whose tenancies are checked for overlaps at a time (`TenanciesFile.check_file`).
OVERLAP_CHUNK = 5000


@dataclass(frozen=True)
class _Period:
    ref: str
    start: date
    end: date | None
    line: int | None  # None: as it stands in the database

    def overlaps(self, other: _Period) -> bool:
        # Both ends count: a tenancy ending on the day the next starts would give two tenants.
        return (self.end is None or self.end >= other.start) and (
            other.end is None or other.end >= self.start
        )

    def describe(self, home_ref: str) -> str:
        until = f"to {self.end}" if self.end else "with no end date"
        where = "in the database" if self.line is None else f"on line {self.line}"
        return f"tenancy {self.ref} at {home_ref} from {self.start} {until}, {where}"


@register
class TenanciesFile(FileSpec):
    name = "tenancies.csv"
    label = "tenancy"
    model = Tenancy
    # Streamed through a staging table, checked and loaded a chunk at a time (with each
    # chunk's lead tenants); the files that point at tenancies are given each one's keys.
    staged = True
    staged_indexes = ("tenancy_ref", "home_ref")
    columns = (
        Ref("tenancy_ref"),
        RefTo("home_ref", "homes.csv", field="home", required=True),
        Choice("tenure", Tenure, required=True),
        Date("start_date", required=True),
        Date("end_date"),
        Text("lead_tenant_name", required=True, field=None, max_length=200),
        Text("lead_person_ref", field=None, max_length=40),
        Text("phone", field=None, max_length=40),
        Email("email", field=None, max_length=254),
        Text("preferred_language", field=None, max_length=40),
        Text("support_needs", field=None),
    )

    # -- checks -----------------------------------------------------------------------------

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        start, end = row.get("start_date"), row.get("end_date")
        if start and end and end < start:
            ctx.problem(self.name, row.line, "end_date", f"{end} is before the start date, {start}")

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        """Two tenancies of one home must not overlap, counting the file and the database.
        Homes are checked a chunk at a time, each with its tenancies from the staging table
        and the database, so that no more than a chunk's are held."""
        staging = file.staging
        if staging is None:
            return  # the file could not be read, and the reader said so
        if not all(staging.has(name) for name in ("tenancy_ref", "home_ref", "start_date")):
            return  # a required column is missing, and the header check said so
        repeats = set()
        if staging.ref_repeats:  # rows repeating an earlier row's ref: reported already
            ref = staging.column("tenancy_ref")
            repeats = {
                line
                for (line,) in staging.query(
                    f"SELECT s.line FROM {{t}} s WHERE s.{ref} IS NOT NULL "  # noqa: S608
                    f"AND NOT ({staging.first_only('s', 'tenancy_ref')})"
                )
            }
        dates = ["start_date", "end_date"] if staging.has("end_date") else ["start_date"]
        for home_refs in bulk.chunked(sorted(staging.distinct("home_ref")), OVERLAP_CHUNK):
            homes: dict[str, dict[str, _Period]] = defaultdict(dict)
            stored_home: dict[str, str] = {}
            for chunk in bulk.chunked(home_refs):
                stored = Tenancy.objects.filter(home__ref__in=chunk).values_list(
                    "ref", "home__ref", "start_date", "end_date"
                )
                for ref, home_ref, start, end in stored:
                    homes[home_ref][ref] = _Period(ref, start, end, None)
                    stored_home[ref] = home_ref
            # The file's version of a stored tenancy replaces the database's, at whichever
            # home the file gives it.
            for _line, ref in staging.lines_with("tenancy_ref", sorted(stored_home)):
                homes[stored_home[ref]].pop(ref, None)
            rows = staging.rows_with("home_ref", home_refs, ["tenancy_ref", "home_ref", *dates])
            for line, ref, home_ref, start, *rest in rows:
                end = rest[0] if rest else None
                if ref is None or line in repeats or start is None or (end and end < start):
                    continue
                homes[home_ref][ref] = _Period(ref, start, end, line)
            for home_ref, periods in homes.items():
                self._report_overlaps(home_ref, list(periods.values()), ctx)

    def _report_overlaps(self, home_ref: str, periods: list[_Period], ctx: ImportContext) -> None:
        furthest: _Period | None = None  # of the tenancies so far, the one that ends last
        for period in sorted(periods, key=lambda p: (p.start, p.line or 0)):
            if furthest is not None and furthest.overlaps(period):
                if period.line is not None:
                    message = f"overlaps {furthest.describe(home_ref)}"
                    ctx.problem(self.name, period.line, "start_date", message)
                elif furthest.line is not None:
                    message = f"overlaps {period.describe(home_ref)}"
                    ctx.problem(self.name, furthest.line, "end_date", message)
            if furthest is None or (
                furthest.end is not None and (period.end is None or period.end > furthest.end)
            ):
                furthest = period

    # -- loading ------------------------------------------------------------------------------

    def after_chunk(
        self,
        rows: list[Row],
        records: dict[str, Any],
        created: list[Any],
        file: ParsedFile,
        ctx: ImportContext,
        report: FileReport,
    ) -> None:
        """The lead tenants of a chunk of rows (at 100,000 homes, every row's person, member
        and contact preference held at once took hundreds of MB). Each chunk is written
        before the next is read, so a person a later chunk names again (by lead_person_ref)
        is found in the database as the earlier row left them: what is written and counted
        is what one pass over the whole file would write and count."""
        people = self._load_lead_tenants(rows, file, records, ctx, report)
        if file.has("preferred_language"):
            self._load_languages(rows, people, ctx, report)
        if file.has("support_needs"):
            self._load_support_needs(rows, people, ctx, report)

    def _load_lead_tenants(
        self,
        rows: list[Row],
        file: ParsedFile,
        tenancies: dict[str, Any],
        ctx: ImportContext,
        report: FileReport,
    ) -> dict[str, Person]:
        """Each row's lead tenant: the person its lead_person_ref names, else the tenancy's
        current lead tenant, updated, else a new person."""
        members: dict[int, TenancyMember] = {}
        before = [
            tenancies[row.ref].pk
            for row in rows
            if row.ref is not None and row.ref not in report.created_refs
        ]
        for chunk in bulk.chunked(before):
            found = TenancyMember.objects.filter(
                tenancy_id__in=chunk, role=MemberRole.LEAD_TENANT
            ).select_related("person")
            members.update({m.tenancy_id: m for m in found})
        by_ref: dict[str, Person] = {}
        if file.has("lead_person_ref"):
            wanted = {row.get("lead_person_ref") for row in rows} - {None}
            for chunk in bulk.chunked(sorted(wanted)):
                by_ref.update({p.ref: p for p in Person.objects.filter(ref__in=chunk)})
        people: dict[str, Person] = {}
        new_people: dict[int, Person] = {}  # by id(): the same new person may lead two rows
        new_members: list[TenancyMember] = []
        moved: list[TenancyMember] = []
        changed: dict[int, Person] = {}
        changed_fields: set[str] = set()
        for row in rows:
            assert row.ref is not None
            tenancy = tenancies[row.ref]
            member = members.get(tenancy.pk)
            current = member.person if member is not None else None
            person_ref = row.get("lead_person_ref") if file.has("lead_person_ref") else None
            person = current
            if person_ref:
                person = by_ref.get(person_ref)
                if person is None and current is not None and not current.ref:
                    person = current  # identified now: they take the ref
                if person is None:
                    person = Person(ref=person_ref)
                    new_people[id(person)] = person
                by_ref[person_ref] = person
            elif person is None:
                person = Person()
                new_people[id(person)] = person
            if member is None:
                member = TenancyMember(tenancy=tenancy, person=person, role=MemberRole.LEAD_TENANT)
                members[tenancy.pk] = member
                new_members.append(member)
                report.mark_updated(row.ref)
            elif current is None or person.pk is None or current.pk != person.pk:
                member.person = person
                moved.append(member)
                report.mark_updated(row.ref)
            fields = _assign_person(row, person, file)
            if person_ref and person.ref != person_ref:
                person.ref = person_ref
                fields.add("ref")
            if fields and person.pk is not None:
                changed[person.pk] = person
                changed_fields |= fields
                report.mark_updated(row.ref)
            people[row.ref] = person
        bulk.create(Person, list(new_people.values()), actor=ctx.actor)
        bulk.update(Person, list(changed.values()), changed_fields, actor=ctx.actor)
        for member in new_members + moved:
            member.person_id = member.person.pk
        bulk.create(TenancyMember, new_members)
        bulk.update(TenancyMember, moved, ["person"])
        return people

    def _load_languages(
        self, rows: list[Row], people: dict[str, Person], ctx: ImportContext, report: FileReport
    ) -> None:
        preferences = {
            p.person_id: p
            for chunk in bulk.chunked(p.pk for p in people.values())
            for p in ContactPreference.objects.filter(person_id__in=chunk)
        }
        new: list[ContactPreference] = []
        changed: list[ContactPreference] = []
        for row in rows:
            assert row.ref is not None
            person = people[row.ref]
            language = row.get("preferred_language")
            preference = preferences.get(person.pk)
            if preference is None:
                if language:
                    preference = ContactPreference(person=person, language=language)
                    preferences[person.pk] = preference
                    new.append(preference)
                    report.mark_updated(row.ref)
            elif preference.language != (language or DEFAULT_LANGUAGE):
                preference.language = language or DEFAULT_LANGUAGE
                changed.append(preference)
                report.mark_updated(row.ref)
        bulk.create(ContactPreference, new, actor=ctx.actor)
        bulk.update(ContactPreference, changed, ["language"], actor=ctx.actor)

    def _load_support_needs(
        self, rows: list[Row], people: dict[str, Person], ctx: ImportContext, report: FileReport
    ) -> None:
        needs: dict[int, SupportNeed] = {}
        for chunk in bulk.chunked(p.pk for p in people.values()):
            found = SupportNeed.objects.filter(
                person_id__in=chunk, kind=SupportNeed.Kind.OTHER
            ).order_by("pk")
            for stored in found:
                needs.setdefault(stored.person_id, stored)
        new: list[SupportNeed] = []
        changed: list[SupportNeed] = []
        for row in rows:
            assert row.ref is not None
            person, description = people[row.ref], row.get("support_needs")
            if not description:
                continue
            need = needs.get(person.pk)
            if need is None:
                need = SupportNeed(
                    person=person, kind=SupportNeed.Kind.OTHER, description=description
                )
                needs[person.pk] = need
                new.append(need)
                report.mark_updated(row.ref)
            elif need.description != description:
                need.description = description
                changed.append(need)
                report.mark_updated(row.ref)
        bulk.create(SupportNeed, new, actor=ctx.actor)
        bulk.update(SupportNeed, changed, ["description"], actor=ctx.actor)

    # -- export -------------------------------------------------------------------------------

    def export_queryset(self) -> QuerySet[Any]:
        lead = FilteredRelation("members", condition=Q(members__role=MemberRole.LEAD_TENANT))
        return super().export_queryset().alias(lead=lead)

    def export_field(self, column: Column) -> Any:
        """The lead tenant's columns, from the one lead tenant member of the tenancy."""
        person = "lead__person"
        if column.name == "lead_tenant_name":
            return f"{person}__full_name"
        if column.name == "lead_person_ref":
            hearth_ref = Concat(Value("HEARTH-"), Cast(f"{person}__id", CharField()))
            ref = Coalesce(NullIf(f"{person}__ref", Value("")), hearth_ref)
            return Case(When(**{f"{person}__isnull": False}, then=ref), default=None)
        if column.name in ("phone", "email"):
            return f"{person}__{column.name}"
        if column.name == "preferred_language":
            return f"{person}__contact_preference__language"
        if column.name == "support_needs":
            first_other = SupportNeed.objects.filter(
                person=OuterRef(f"{person}__id"), kind=SupportNeed.Kind.OTHER
            ).order_by("pk")
            return Subquery(first_other.values("description")[:1])
        return super().export_field(column)


def _assign_person(row: Row, person: Person, file: ParsedFile) -> set[str]:
    """Copy the lead tenant columns present in the file onto `person`; return what changed."""
    wanted = {"full_name": row.get("lead_tenant_name") or ""}
    for column in ("phone", "email"):
        if file.has(column):
            wanted[column] = row.get(column) or ""
    changed = {name for name, value in wanted.items() if getattr(person, name) != value}
    for name in changed:
        setattr(person, name, wanted[name])
    return changed
