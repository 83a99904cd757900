"""Repairs made directly (not through the services) for tests that need exact timestamps,
e.g. the measures' hand-worked examples. Due dates still come from the rules, as the services
would work them out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import factory
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.estates.tests.factories import HomeFactory
from hearth.repairs import rules
from hearth.repairs.models import (
    Appointment,
    Operative,
    Repair,
    RepairSettings,
    ReportChannel,
    Visit,
)

LONDON = timezone.get_default_timezone()


def london(*parts: int) -> datetime:
    """A London wall-clock time, e.g. london(2025, 4, 17, 9, 30)."""
    return datetime(*parts, tzinfo=LONDON)  # type: ignore[misc]


def make_repair(
    *,
    reported_at: datetime,
    priority: str = "routine",
    status: str = "open",
    completed_at: datetime | None = None,
    rtr_days: int | None = None,
    **fields: Any,
) -> Repair:
    """A repair in any state, its due dates worked out by the rules as `raise_repair` would."""
    home = fields.pop("home", None) or HomeFactory()
    due = rules.repair_due_dates(
        reported_at=reported_at,
        priority=priority,
        rtr_days=rtr_days,
        times=RepairSettings.current().times,
    )
    repair = Repair(
        ref=fields.pop("ref", None) or f"R-T{Repair.objects.count() + 1:05d}",
        home=home,
        block=home.block,
        reported_at=reported_at,
        channel=fields.pop("channel", ReportChannel.PHONE),
        priority=priority,
        description=fields.pop("description", "Dripping tap in the kitchen"),
        right_to_repair_days=rtr_days,
        due_at=due.due_at,
        due_on=due.due_on,
        rtr_due_on=due.rtr_due_on,
        completed_at=completed_at,
        **fields,
    )
    repair.__dict__["status"] = status  # a protected state field, set as an import would
    repair.save()
    return repair


def make_visit(repair: Repair, visited_at: datetime, outcome: str, **fields: Any) -> Visit:
    update_due_on = None
    if outcome == "further_work":
        update_due_on = rules.progress_update_due(timezone.localtime(visited_at).date())
    return Visit.objects.create(
        ref=fields.pop("ref", None) or f"V-T{Visit.objects.count() + 1:05d}",
        repair=repair,
        visited_at=visited_at,
        outcome=outcome,
        update_due_on=update_due_on,
        **fields,
    )


def make_appointment(repair: Repair, day: Any, slot: str = "am", outcome: str = "pending",
                     **fields: Any) -> Appointment:  # fmt: skip
    appointment = Appointment(
        ref=fields.pop("ref", None) or f"A-T{Appointment.objects.count() + 1:05d}",
        repair=repair,
        date=day,
        slot=slot,
        **fields,
    )
    appointment.__dict__["outcome"] = outcome
    appointment.save()
    return appointment


class OperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operative

    user = factory.SubFactory(UserFactory, role=Role.OPERATIVE)
    trade = "plumber"
    am_capacity = 2
    pm_capacity = 2
