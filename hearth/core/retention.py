"""The retention schedule: closed records past their retention period are anonymised. Names,
contact details and free text are replaced; references, dates, categories, statuses and amounts
stay, so the measures and returns for past years still count the same. Uploaded files (photos,
certificates, evidence) are deleted once the case they belong to is past its period.

Each app says what it keeps and for how long in its own `retention.py` (found automatically):

    @retention.rule
    def complaints() -> retention.Rule:
        return retention.Rule(
            key="complaints.complaint", label="Complaints", closed="closed",
            due=lambda cutoff: Complaint.objects.filter(closed before cutoff, not yet anonymised),
            anonymise=lambda rows: rows.update(description=REMOVED, ...),
        )

A record is due once it closed before the cutoff: today less the rule's period, in years
(`HEARTH_RETENTION_YEARS`, 6 by default, or the rule's own entry in
`HEARTH_RETENTION_YEARS_BY_RECORD`). `hearth retention --dry-run` lists what would be
anonymised; without it (and once a day as the `retention` sweep) the records are anonymised,
each rule in one transaction, every record gets a note on its own timeline (a deleted file: on
its case's timeline), and the run is written on the landlord's timeline.

Two runs at once (two workers, or the sweep beside the command) never handle a record twice:
each rule takes its due rows with `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL and then
anonymises them in the same transaction, so the other run skips them, and once committed they
are no longer due (SQLite lets one writer at a time in).

Former tenants: `hearth.tenancies.retention` anonymises a person once every tenancy they were
on ended before the cutoff, unless a domain still has an open case for them. A domain says
which people it has open cases for, and forgets what else it holds about a person:

    @retention.open_cases
    def open_complaints() -> QuerySet:  # the ids of people with an open complaint
        return Complaint.objects.exclude(status__in=CLOSED).values("complainant_id")

    @retention.forget_people
    def forwarding_addresses(person_ids: list[int]) -> None: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.db import models, transaction

from hearth.core import formats, timeline
from hearth.core.actors import Actor
from hearth.core.models import Landlord, Message, MessageStatus
from hearth.core.registry import Registry

# What free text becomes. Anonymised rows are recognised by it, so a second run finds none.
REMOVED = "[Removed under the retention schedule]"
BATCH = 500  # rows per UPDATE (and per IN list)


def _itself(row: Any) -> models.Model:
    return row  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Rule:
    key: str
    label: str  # "Complaints"
    closed: str  # what starts the clock, in words: "the final response"
    due: Callable[[date], models.QuerySet[Any]]  # closed before the cutoff, not yet anonymised
    anonymise: Callable[[models.QuerySet[Any]], int]
    # Whose timeline is told (the row itself unless the row is a file of a case).
    note_on: Callable[[Any], models.Model] = _itself
    # What the note says; `{years}` and `{closed}` are filled in.
    note: str = "Anonymised under the retention schedule ({years} years after {closed})"
    # Fetch these relations when reading the rows the notes are written on.
    related: Sequence[str] = ()


RuleFactory = Callable[[], Rule]
rules: Registry[RuleFactory] = Registry("retention rules", discover="retention")
# People a domain still has an open case for: each returns a queryset of person ids.
OpenCases = Callable[[], models.QuerySet[Any]]
open_case_sources: Registry[OpenCases] = Registry("open cases for people", discover="retention")
# What a domain holds about former tenants being anonymised, removed.
Forget = Callable[[list[int]], Any]
forgetters: Registry[Forget] = Registry("forgetters of people", discover="retention")


def rule(factory: RuleFactory) -> RuleFactory:
    return rules.register(factory)


def open_cases(func: OpenCases) -> OpenCases:
    return open_case_sources.register(func)


def forget_people(func: Forget) -> Forget:
    return forgetters.register(func)


def years_for(key: str) -> int:
    by_record: dict[str, int] = getattr(settings, "HEARTH_RETENTION_YEARS_BY_RECORD", {})
    return int(by_record.get(key, settings.HEARTH_RETENTION_YEARS))


def cutoff(key: str, today: date) -> date:
    """Records closed before this day are past their period."""
    years = years_for(key)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@dataclass(frozen=True)
class Line:
    rule: Rule
    years: int
    cutoff: date
    count: int

    def __str__(self) -> str:
        return (
            f"{self.rule.label}: {self.count} closed before {formats.day(self.cutoff)} "
            f"({self.years} years after {self.rule.closed})"
        )


def schedule(*, today: date) -> list[Line]:
    """What is due for anonymising today, per kind of record (the dry run)."""
    found = []
    for factory in rules:
        each = factory()
        day = cutoff(each.key, today)
        found.append(Line(each, years_for(each.key), day, each.due(day).count()))
    return found


def _batches(ids: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _apply_rule(line: Line, actor: Actor) -> int:
    """Lock the rule's due rows (skipping any another run holds), anonymise them and note each
    on its timeline, all in one transaction."""
    each = line.rule
    summary = each.note.format(years=line.years, closed=each.closed)
    with transaction.atomic():
        due = each.due(line.cutoff)
        model = due.model
        ids = list(
            due.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True)
        )
        count = 0
        for batch in _batches(ids):
            rows = model._default_manager.filter(pk__in=batch)
            cases = [each.note_on(row) for row in rows.select_related(*each.related)]
            count += each.anonymise(rows)
            timeline.record_many(
                timeline.Event(case, verb="anonymised", summary=summary, actor=actor,
                               details={"rule": each.key})
                for case in cases
            )  # fmt: skip
    return count


def apply(*, today: date, actor: Actor = None) -> list[Line]:
    """Anonymise everything due today; returns what was done, per kind of record."""
    done = []
    for line in schedule(today=today):
        count = _apply_rule(line, actor) if line.count else 0
        done.append(Line(line.rule, line.years, line.cutoff, count))
    total = sum(line.count for line in done)
    if total:
        timeline.record(
            Landlord.current(),
            verb="retention_applied",
            summary=f"Retention schedule: {total} closed records anonymised"[:500],
            actor=actor,
            details={line.rule.key: line.count for line in done},
        )
    return done


def files(
    *,
    key: str,
    label: str,
    closed: str,
    due: Callable[[date], models.QuerySet[Any]],
    field: str,
    case: Callable[[Any], models.Model],
    related: Sequence[str] = (),
    delete_rows: bool = False,
) -> Rule:
    """A rule for uploaded files: past the period each file is deleted from storage, and the
    row either deleted too (`delete_rows`: a photo row holds nothing but the photo) or left
    with the field empty. The note goes on `case(row)`'s timeline. `due` must leave out rows
    whose field is already empty."""

    def remove(rows: models.QuerySet[Any]) -> int:
        count = 0
        for row in rows:
            stored = getattr(row, field)
            if stored:
                # After commit, so a rolled-back run leaves the file in place.
                transaction.on_commit(partial(stored.storage.delete, stored.name))
            count += 1
        if delete_rows:
            rows.delete()
        else:
            rows.update(**{field: ""})
        return count

    return Rule(
        key, label, closed, due, remove, note_on=case, related=related,
        note="File deleted under the retention schedule ({years} years after {closed})",
    )  # fmt: skip


# Core's own records: the outbox. A message finished with (sent, failed or not sent) keeps its
# purpose, channel, status and dates; who it went to and what it said are removed.

FINISHED = (MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.NOT_SENT)


@rule
def outbox() -> Rule:
    return Rule(
        key="core.message",
        label="Messages sent",
        closed="the message was sent",
        due=lambda day: Message.objects.filter(status__in=FINISHED, created_at__date__lt=day)
        .exclude(body=REMOVED),
        anonymise=lambda rows: rows.update(
            to_address="", subject="", body=REMOVED, person=None, routing_note=""
        ),
    )  # fmt: skip
