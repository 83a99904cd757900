"""Clocks for neighbourhood cases, told to core's hourly sweeps: the ASB monthly update (a
reminder to the officer before it is due, and an escalation to the officer and managers once it
is overdue), evidence waiting for review, cleaning concerns and fly-tipping. And a daily sweep
that publishes each inspection to residents when its notice period starts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.urls import reverse

from hearth.core.deadlines import local_date
from hearth.core.reminders import DueItem, due_source
from hearth.core.sweeps import sweep
from hearth.neighbourhood import queries, services


@due_source("neighbourhood.asb_update")
def asb_updates_due(*, due_by: date) -> Iterator[DueItem]:
    for case in (
        queries.asb_updates_due(until=due_by).select_related("officer").iterator(chunk_size=500)
    ):
        assert case.next_update_due_on is not None
        yield DueItem(
            case=case,
            title=f"ASB case {case.ref}: update the complainant",
            due=case.next_update_due_on,
            owner=case.officer,
            url=reverse("neighbourhood:asb-update", args=[case.ref]),
        )


@due_source("neighbourhood.asb_evidence")
def evidence_due(*, due_by: date) -> Iterator[DueItem]:
    for evidence in queries.unreviewed_evidence(until=due_by).select_related("case__officer"):
        yield DueItem(
            case=evidence.case,
            title=f"ASB case {evidence.case.ref}: review the evidence uploaded",
            due=evidence.review_due_on,
            owner=evidence.case.officer,
            url=reverse("neighbourhood:asb", args=[evidence.case.ref]) + "#evidence",
        )


@due_source("neighbourhood.cleaning_concern")
def concerns_due(*, due_by: date) -> Iterator[DueItem]:
    for concern in queries.open_concerns().filter(due_on__lte=due_by):
        yield DueItem(case=concern, title=f"Cleaning concern {concern.ref}", due=concern.due_on,
                      url=reverse("neighbourhood:concern", args=[concern.ref]))  # fmt: skip


@due_source("neighbourhood.flytipping")
def flytipping_due(*, due_by: date) -> Iterator[DueItem]:
    for report in queries.open_flytipping().filter(due_on__lte=due_by):
        yield DueItem(case=report, title=f"Fly-tipping {report.ref}", due=report.due_on,
                      url=reverse("neighbourhood:flytipping", args=[report.ref]))  # fmt: skip


@sweep("neighbourhood.schedule_inspections", every=timedelta(days=7))
def schedule_inspections(*, now: datetime) -> dict[str, int]:
    return {"scheduled": services.schedule_ahead(today=local_date(now))}


@sweep("neighbourhood.publish_inspections", every=timedelta(hours=24))
def publish_inspections(*, now: datetime) -> dict[str, int]:
    return {"published": services.publish_due_inspections(today=local_date(now))}
