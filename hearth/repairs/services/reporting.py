"""Raising a repair, and what changes it afterwards: its priority, who does it, cancelling it,
completing it, and the Awaab's Law steps of a damp and mould report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import case_events, formats, hazards, timeline
from hearth.core.casework import Actor, actor_of
from hearth.core.deadlines import local_date
from hearth.repairs import rules
from hearth.repairs.models import (
    CatalogueItem,
    DampMould,
    Outcome,
    Priority,
    Repair,
    RepairPhoto,
    RepairSettings,
    ReportChannel,
    Status,
)
from hearth.repairs.services.common import create_with_ref, tell_resident

MAX_DESCRIPTION = 2000


def _due_text(repair: Repair) -> str:
    return due_words(due_at=repair.due_at, due_on=repair.due_on)


def due_words(*, due_at: datetime | None, due_on: date) -> str:
    """When a repair is due: "Tuesday 8 December 2026, 5pm", or the day alone."""
    if due_at is not None:
        return formats.moment(timezone.localtime(due_at), style="long")
    return date_format(due_on, "l j F Y")


def _due_details(repair: Repair) -> dict[str, str | None]:
    """A repair's due date as a timeline event keeps it (for `due_words` at reading time)."""
    return {
        "due_at": repair.due_at.isoformat() if repair.due_at is not None else None,
        "due_on": repair.due_on.isoformat(),
    }


def _check_where(home: Any, block: Any, tenancy: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    if home is None and block is None:
        errors["home"] = _("Choose the home, or the block for a repair to shared areas")
    if home is not None and block is not None and home.block_id != block.pk:
        errors["block"] = _("The home is not in that block")
    if tenancy is not None and home is not None and tenancy.home_id != home.pk:
        errors["home"] = _("The tenancy is not of that home")
    return errors


@transaction.atomic
def raise_repair(
    *,
    actor: Actor,
    description: str,
    channel: str,
    home: Any = None,
    block: Any = None,
    tenancy: Any = None,
    reporter: Any = None,
    priority: str | None = None,
    trade: str = "",
    catalogue_item: CatalogueItem | None = None,
    location: str = "",
    reported_at: datetime | None = None,
    right_to_repair_days: int | None = None,
    damp_or_mould: bool | None = None,
    emergency_hazard: bool = False,
    hazard: str = "",
    rechargeable: bool = False,
    access_notes: str = "",
    photos: Sequence[RepairPhoto] = (),
    no_heating_or_hot_water: bool | None = None,
    told_at_risk_from_cold: bool = False,
) -> Repair:
    """Record a repair and work out, once, when it is due.

    The catalogue item (if any) suggests the priority, trade and Right to Repair period;
    staff may override each. The Right to Repair period applies only to secure and
    introductory tenants; the due date is the priority's or the statutory period's, whichever
    is sooner.

    A report about an Awaab's Law hazard (`hazard`, a code from core's hazard list; damp and
    mould when the report is about damp or mould, emergency when it is an emergency hazard)
    starts the statutory clocks when that hazard was in scope on the day it was reported.

    Loss of heating or hot water (a seasonal heating item, or as the resident tells us) from
    October to April, in a household at risk from the cold (its record, or what the resident
    tells us), is an emergency unless staff chose the priority themselves
    (`rules.heating_loss_is_emergency`).

    Contradictory answers are refused with a message on the field, never dropped: "damp or
    mould is an emergency hazard" without damp or mould (or another hazard), or with a priority
    other than emergency; a recharge on shared areas; a common repair for the wrong kind of
    place.
    """
    description = description.strip()
    errors = _check_where(home, block, tenancy)
    if not description:
        errors["description"] = _("Describe the problem")
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = _("The description must be %(n)s characters or fewer") % {
            "n": MAX_DESCRIPTION
        }
    reported_at = reported_at or timezone.now()
    if reported_at > timezone.now() + timedelta(minutes=5):
        errors["reported_at"] = _("The time reported must not be in the future")
    item = catalogue_item
    chosen_priority = priority
    priority = priority or (item.priority if item else Priority.ROUTINE)
    if priority not in Priority.values:
        errors["priority"] = _("Choose a priority")
    damp = damp_or_mould if damp_or_mould is not None else bool(item and item.damp_or_mould)
    errors.update(_contradictions(
        damp=damp, emergency_hazard=emergency_hazard, chosen_priority=chosen_priority,
        rechargeable=rechargeable, communal=home is None and block is not None, item=item,
        hazard=hazard,
    ))  # fmt: skip
    if hazard and hazards.hazard(hazard) is None:
        errors["hazard"] = _("Choose a hazard from the list")
    if right_to_repair_days not in (None, *rules.RIGHT_TO_REPAIR_PERIODS):
        errors["right_to_repair_days"] = _("The Right to Repair period is 1, 3 or 7 working days")
    if errors:
        raise ValidationError(errors)

    if home is not None:
        block = home.block
    tenure = tenancy.tenure if tenancy is not None else None
    if right_to_repair_days is None and item is not None:
        right_to_repair_days = item.rtr_days_on(local_date(reported_at))
    if not rules.right_to_repair_applies(tenure):
        right_to_repair_days = None
    priority, why_emergency = decide_priority(
        item=item, chosen=chosen_priority, emergency_hazard=emergency_hazard,
        no_heating_or_hot_water=no_heating_or_hot_water, told_at_risk=told_at_risk_from_cold,
        tenancy=tenancy, reported_at=reported_at,
    )  # fmt: skip
    if not hazard and damp:
        hazard = hazards.DAMP_AND_MOULD
    elif not hazard and emergency_hazard:
        hazard = hazards.EMERGENCY
    due = rules.repair_due_dates(
        reported_at=reported_at,
        priority=priority,
        rtr_days=right_to_repair_days,
        times=RepairSettings.current().times,
    )
    repair: Repair = create_with_ref(
        Repair,
        "R",
        home=home,
        block=block,
        tenancy=tenancy,
        reporter=reporter,
        reported_at=reported_at,
        channel=channel,
        raised_by=actor_of(actor),
        owner=actor if getattr(actor, "is_staff_member", False) else None,
        priority=priority,
        description=description,
        location=location.strip()[:200],
        trade=trade or (item.trade if item else ""),
        catalogue_item=item,
        right_to_repair_days=right_to_repair_days,
        due_at=due.due_at,
        due_on=due.due_on,
        rtr_due_on=due.rtr_due_on,
        damp_or_mould=damp,
        hazard=hazard,
        rechargeable=rechargeable,
        access_notes=access_notes.strip(),
        repeat_of=_repeat_of(home, trade or (item.trade if item else ""), reported_at),
    )
    if photos:
        RepairPhoto.objects.filter(pk__in=[p.pk for p in photos], repair__isnull=True).update(
            repair=repair
        )
    how = ReportChannel(channel).label.lower()
    timeline.record(
        repair,
        verb="repair_reported",
        summary=_("Repair reported (%(how)s): %(what)s") % {"how": how, "what": repair.summary},
        actor=actor,
        details={
            "priority": priority,
            "due_on": due.due_on.isoformat(),
            "channel": channel,
            "what": repair.summary,
        },
        visible_to_resident=True,
        occurred_at=reported_at,
    )
    if repair.repeat_of is not None:
        timeline.record(
            repair,
            verb="repeat_repair",
            summary=_("Repeat: the same trade completed %(ref)s at this home on %(on)s")
            % {
                "ref": repair.repeat_of.ref,
                "on": formats.day(timezone.localtime(repair.repeat_of.completed_at)),
            },
            actor=actor,
            details={"repeat_of": repair.repeat_of.ref},
            occurred_at=reported_at,
        )
    if why_emergency:
        timeline.record(
            repair,
            verb="priority_decided",
            summary=_("Emergency: %(why)s") % {"why": why_emergency},
            actor=actor,
            details={"priority": priority, "why": why_emergency},
            visible_to_resident=True,
            occurred_at=reported_at,
        )
    if hazard and hazards.in_scope(hazard, on=local_date(reported_at)):
        emergency = emergency_hazard or hazard == hazards.EMERGENCY
        start_awaab_clocks(repair=repair, emergency=emergency, actor=actor)
    tell_resident(
        repair=repair,
        purpose="repair_reported",
        key="reported",
        actor=actor,
        contact_purpose="acknowledgement",
        priority_label=Priority(priority).label,
    )
    return repair


def decide_priority(
    *,
    item: CatalogueItem | None,
    chosen: str | None,
    emergency_hazard: bool = False,
    no_heating_or_hot_water: bool | None = None,
    told_at_risk: bool = False,
    tenancy: Any = None,
    reported_at: datetime,
) -> tuple[str, str]:
    """A new repair's priority, and why it is an emergency when a rule made it one: what
    staff chose; else an emergency damp or mould hazard, or heating or hot water lost in
    winter in a household at risk from the cold, is an emergency; else the common repair's
    priority (routine if none)."""
    if chosen:
        return chosen, ""
    priority = item.priority if item else Priority.ROUTINE
    if emergency_hazard:
        return Priority.EMERGENCY, _("an emergency hazard (Awaab's Law)")
    if priority == Priority.EMERGENCY:
        return priority, ""
    loss = (
        no_heating_or_hot_water
        if no_heating_or_hot_water is not None
        else bool(item and item.seasonal_heating)
    )
    day = local_date(reported_at)
    if loss and rules.heating_loss_is_emergency(
        on=day,
        no_heating_or_hot_water=True,
        at_risk=_at_risk_from_cold(tenancy, day, told=told_at_risk),
    ):
        return Priority.EMERGENCY, _(
            "no heating or hot water between October and April, in a household at risk from "
            "the cold"
        )
    return priority, ""


def _repeat_of(home: Any, trade: str, reported_at: datetime) -> Repair | None:
    """The repair this one repeats: the same home and trade, completed within 30 days."""
    if home is None or not trade:
        return None
    reported_on = local_date(reported_at)
    candidates = Repair.objects.filter(
        home=home,
        trade=trade,
        status=Status.COMPLETED,
        completed_at__lte=reported_at,
        completed_at__gte=reported_at - timedelta(days=rules.REPEAT_WITHIN_DAYS + 1),
    ).order_by("-completed_at")
    for earlier in candidates:
        assert earlier.completed_at is not None
        if rules.is_repeat(
            reported_on=reported_on, previous_completed_on=local_date(earlier.completed_at)
        ):
            return earlier
    return None


def _at_risk_from_cold(tenancy: Any, day: date, *, told: bool) -> bool:
    from hearth.tenancies.queries import household_cold_facts

    births, has_need = household_cold_facts(tenancy.pk if tenancy is not None else None)
    return rules.at_risk_from_cold(birth_dates=births, on=day, vulnerable=told or has_need)


def _contradictions(
    *,
    damp: bool,
    emergency_hazard: bool,
    chosen_priority: str | None,
    rechargeable: bool,
    communal: bool,
    item: CatalogueItem | None,
    hazard: str = "",
) -> dict[str, str]:
    """Answers that cannot all be true. Each is refused on the field to change."""
    errors: dict[str, str] = {}
    if emergency_hazard and not damp and not hazard:
        errors["emergency_hazard"] = _(
            "You ticked that damp or mould is an emergency hazard, but not that this is about "
            "damp or mould: tick that too, choose the hazard, or untick the emergency hazard"
        )
    elif emergency_hazard and chosen_priority and chosen_priority != Priority.EMERGENCY:
        errors["priority"] = _(
            "An emergency damp or mould hazard must be made safe within 24 hours: choose "
            "Emergency, or untick the emergency hazard"
        )
    if rechargeable and communal:
        errors["rechargeable"] = _(
            "A repair to shared areas cannot be recharged to one resident: untick it, or "
            "enter the home"
        )
    if item is not None and item.communal and not communal:
        errors["catalogue_item"] = _(
            "That common repair is for a block's shared areas: choose another, or enter the "
            "block reference instead of the home"
        )
    elif item is not None and not item.communal and communal:
        errors["catalogue_item"] = _(
            "That common repair is for inside a home: choose a shared areas repair, or "
            "'Something else'"
        )
    return errors


def start_awaab_clocks(*, repair: Repair, emergency: bool, actor: Actor) -> DampMould:
    """Awaab's Law: investigate within 10 working days of becoming aware (24 hours, and make
    safe, for an emergency hazard)."""
    aware_at = repair.reported_at
    clocks, _created = DampMould.objects.update_or_create(
        repair=repair,
        defaults={
            "aware_at": aware_at,
            "emergency": emergency,
            "investigation_due_on": rules.awaab_investigation_due(local_date(aware_at)),
            "made_safe_due_at": rules.awaab_emergency_due(aware_at) if emergency else None,
        },
    )
    found = hazards.hazard(repair.hazard or hazards.DAMP_AND_MOULD)
    timeline.record(
        repair,
        verb="awaab_clocks_started",
        summary=_("%(hazard)s: Awaab's Law clocks started; investigate by %(due)s")
        % {
            "hazard": found.name if found else _("Damp and mould"),
            "due": date_format(clocks.investigation_due_on, "j F Y"),
        },
        actor=actor,
    )
    return clocks


class DampStep:
    INVESTIGATED = "investigated"
    SUMMARY_SENT = "summary_sent"
    SAFETY_WORK_STARTED = "safety_work_started"
    MADE_SAFE = "made_safe"


@transaction.atomic
def record_damp_mould_step(
    *,
    repair: Repair,
    actor: Actor,
    step: str,
    on: date | None = None,
    at: datetime | None = None,
    significant_hazard: bool | None = None,
) -> DampMould:
    """Record an Awaab's Law step. The investigation starts the summary clock (3 working
    days) and, for a significant hazard, the safety-work clock (5 working days)."""
    clocks = DampMould.objects.select_for_update().filter(repair=repair).first()
    if clocks is None:
        raise ValidationError(_("This repair is not a damp and mould report"))
    day = on or timezone.localdate()
    if day < local_date(clocks.aware_at):
        raise ValidationError({"on": _("The date must not be before the report")})
    if step == DampStep.INVESTIGATED:
        clocks.investigated_on = day
        clocks.significant_hazard = significant_hazard
        clocks.summary_due_on = rules.awaab_summary_due(day)
        clocks.safety_work_due_on = rules.awaab_safety_work_due(day) if significant_hazard else None
        summary = _("Damp and mould investigated on %(d)s") % {"d": date_format(day, "j F Y")}
    elif step == DampStep.SUMMARY_SENT:
        clocks.summary_sent_on = day
        summary = _("Written summary of the damp and mould findings sent to the resident")
    elif step == DampStep.SAFETY_WORK_STARTED:
        clocks.safety_work_started_on = day
        summary = _("Safety work on the damp and mould began")
    elif step == DampStep.MADE_SAFE:
        clocks.made_safe_at = at or timezone.now()
        summary = _("Emergency damp and mould hazard made safe")
    else:
        raise ValidationError(_("Unknown step"))
    clocks.save()
    timeline.record(
        repair,
        verb="awaab_step",
        summary=summary,
        actor=actor,
        details={"step": step, "on": day.isoformat()},
        visible_to_resident=True,
    )
    return clocks


def _locked(repair: Repair) -> Repair:
    return (
        Repair.objects.select_for_update(of=("self",)).select_related("tenancy").get(pk=repair.pk)
    )


@transaction.atomic
def change_priority(*, repair: Repair, priority: str, actor: Actor, reason: str = "") -> Repair:
    """Change an open repair's priority; its due date is worked out again from when it was
    reported (the Right to Repair period still applies when shorter)."""
    repair = _locked(repair)
    if repair.status != Status.OPEN:
        raise ValidationError(_("Only an open repair's priority can change"))
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Choose a priority")})
    before = repair.priority
    due = rules.repair_due_dates(
        reported_at=repair.reported_at,
        priority=priority,
        rtr_days=repair.right_to_repair_days,
        times=RepairSettings.current().times,
    )
    repair.priority, repair.due_at, repair.due_on = priority, due.due_at, due.due_on
    repair.save(update_fields=["priority", "due_at", "due_on"])
    timeline.record(
        repair,
        verb="priority_changed",
        summary=_("Priority changed from %(a)s to %(b)s; now due %(due)s")
        % {"a": Priority(before).label, "b": Priority(priority).label, "due": _due_text(repair)},
        actor=actor,
        details={"from": before, "to": priority, "reason": reason, **_due_details(repair)},
        visible_to_resident=True,
    )
    return repair


@transaction.atomic
def assign_repair(*, repair: Repair, operative: Any, actor: Actor) -> Repair:
    """Give an open repair (and its booked appointments) to an operative, or to nobody."""
    repair = _locked(repair)
    repair.operative = operative
    repair.save(update_fields=["operative"])
    # Whoever does the repair goes to its booked appointments too (their jobs list).
    repair.appointments.filter(outcome=Outcome.PENDING).update(operative=operative)
    who = operative.display_name if operative else _("nobody")
    timeline.record(
        repair,
        verb="repair_assigned",
        summary=_("Assigned to %(who)s") % {"who": who},
        actor=actor,
        details={"operative": getattr(operative, "pk", None)},
    )
    return repair


@transaction.atomic
def bulk_assign(*, repairs: Iterable[Repair], operative: Any, actor: Actor) -> int:
    """Assign many open repairs at once (the coordinator's queue); each gets its own event."""
    count = 0
    for repair in Repair.objects.filter(pk__in=[r.pk for r in repairs], status=Status.OPEN):
        assign_repair(repair=repair, operative=operative, actor=actor)
        count += 1
    return count


def _cancel_pending_appointments(repair: Repair, *, by_resident: bool, reason: str) -> None:
    today = timezone.localdate()
    for appointment in repair.appointments.filter(outcome=Outcome.PENDING):
        if by_resident:
            appointment.cancel_by_resident(on=today, reason=reason)
        else:
            appointment.cancel_by_landlord(on=today, reason=reason)
        appointment.save()


@transaction.atomic
def cancel_repair(
    *, repair: Repair, actor: Actor, reason: str, by_resident: bool = False
) -> Repair:
    """Cancel an open repair (raised in error, a duplicate, or the resident no longer needs
    it). Cancelled repairs are left out of every repair measure; its booked appointments are
    cancelled too."""
    repair = _locked(repair)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the repair is cancelled")})
    if repair.status != Status.OPEN:
        raise ValidationError(
            _("This repair is already %(s)s") % {"s": repair.get_status_display().lower()}
        )  # type: ignore[attr-defined]
    repair.cancel(at=timezone.now(), reason=reason[:300])
    repair.save()
    _cancel_pending_appointments(repair, by_resident=by_resident, reason=_("Repair cancelled"))
    timeline.record(
        repair,
        verb="repair_cancelled",
        summary=_("Repair cancelled: %(reason)s") % {"reason": reason},
        actor=actor,
        details={"reason": reason},
        visible_to_resident=True,
    )
    tell_resident(
        repair=repair, purpose="repair_cancelled", key="cancelled", actor=actor, reason=reason
    )
    return repair


@transaction.atomic
def complete_repair(
    *, repair: Repair, actor: Actor, completed_at: datetime | None = None, note: str = ""
) -> Repair:
    """Mark a repair completed (a visit's outcome, or a contractor's report). Any appointment
    still booked is cancelled, the resident is told and asked the one satisfaction question."""
    repair = _locked(repair)
    completed_at = completed_at or timezone.now()
    if repair.status != Status.OPEN:
        raise ValidationError(_("Only an open repair can be completed"))
    if completed_at < repair.reported_at:
        raise ValidationError({"completed_at": _("It cannot be completed before it was reported")})
    repair.complete(at=completed_at)
    repair.save()
    _cancel_pending_appointments(repair, by_resident=False, reason=_("Repair completed"))
    timeline.record(
        repair,
        verb="repair_completed",
        summary=_("Repair completed") + (f": {note}" if note else ""),
        actor=actor,
        details={"note": note},
        visible_to_resident=True,
        occurred_at=completed_at,
    )
    # A repair reopened (the resident said it was not fixed) and completed again is a new
    # message, asking again.
    key = f"completed:{repair.reopened_at.isoformat()}" if repair.reopened_at else "completed"
    tell_resident(repair=repair, purpose="repair_completed", key=key, actor=actor)
    case_events.case_closed(
        case_events.CaseClosed(
            case_type="repair",
            case_ref=repair.ref,
            closed_on=timezone.localtime(completed_at).date(),
            person_id=repair.reporter_id,
            tenancy_id=repair.tenancy_id,
            actor=actor,
        )
    )
    return repair
