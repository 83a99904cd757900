"""The retention schedule: closed records past their retention period are anonymised. Names,
contact details and free text are replaced; references, dates, categories, statuses and amounts
stay, so the measures and returns for past years still count the same.

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
anonymised; without it the records are anonymised, each rule in one transaction, and the run
is written on the landlord's timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models, transaction

from hearth.core import formats, timeline
from hearth.core.actors import Actor
from hearth.core.models import Landlord, Message, MessageStatus
from hearth.core.registry import Registry

# What free text becomes. Anonymised rows are recognised by it, so a second run finds none.
REMOVED = "[Removed under the retention schedule]"


@dataclass(frozen=True)
class Rule:
    key: str
    label: str  # "Complaints"
    closed: str  # what starts the clock, in words: "the final response"
    due: Callable[[date], models.QuerySet[Any]]  # closed before the cutoff, not yet anonymised
    anonymise: Callable[[models.QuerySet[Any]], int]


RuleFactory = Callable[[], Rule]
rules: Registry[RuleFactory] = Registry("retention rules", discover="retention")


def rule(factory: RuleFactory) -> RuleFactory:
    return rules.register(factory)


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


def apply(*, today: date, actor: Actor = None) -> list[Line]:
    """Anonymise everything due today; returns what was done, per kind of record."""
    done = []
    for line in schedule(today=today):
        if not line.count:
            done.append(line)
            continue
        with transaction.atomic():
            count = line.rule.anonymise(line.rule.due(line.cutoff))
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
