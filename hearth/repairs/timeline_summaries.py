"""How a repair's timeline reads, in the language of whoever reads it (found automatically by
`hearth.core.timeline`). The words are the services' own, given the event's details."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import formats
from hearth.core.timeline import register_summaries
from hearth.repairs.models import Priority, ReportChannel, Satisfaction, VisitOutcome
from hearth.repairs.services.appointments import MOVED, describe_slot
from hearth.repairs.services.reporting import DampStep, due_words

APP = "repairs"
Details = Mapping[str, Any]


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _with_note(text: str, note: str, joiner: str = ": ") -> str:
    return f"{text}{joiner}{note}" if note else text


def reported(d: Details) -> str:
    how = formats.lower(ReportChannel(d["channel"]).label)
    return _("Repair reported (%(how)s): %(what)s") % {"how": how, "what": d["what"]}


def priority_changed(d: Details) -> str:
    due_at = parse_datetime(d["due_at"]) if d["due_at"] else None
    return _("Priority changed from %(a)s to %(b)s; now due %(due)s") % {
        "a": Priority(d["from"]).label,
        "b": Priority(d["to"]).label,
        "due": due_words(due_at=due_at, due_on=_day(d["due_on"])),
    }


def completed(d: Details) -> str:
    return _with_note(_("Repair completed"), d["note"])


def appointment_booked(d: Details) -> str:
    text = _("Appointment booked: %(when)s") % {
        "when": describe_slot(day=_day(d["date"]), slot=d["slot"])
    }
    if d["late"]:
        text += ". " + _("This is after the date we promised (%(due)s). The reason: %(reason)s") % {
            "due": formats.day(_day(d["due_on"])),
            "reason": d["late_reason"],
        }
    return text


def appointment_cancelled(d: Details) -> str:
    text = _("Appointment on %(when)s cancelled %(who)s") % {
        "when": describe_slot(day=_day(d["date"]), slot=d["slot"]),
        "who": _("by the resident") if d["by_resident"] else _("by us"),
    }
    return _with_note(text, _(MOVED) if d["reason"] == MOVED else d["reason"])


def visit_recorded(d: Details) -> str:
    text = _("Visit: %(outcome)s") % {"outcome": VisitOutcome(d["outcome"]).label}
    further = d["further_work"] if d["outcome"] == VisitOutcome.FURTHER_WORK else ""
    return _with_note(text, further, ". ")


def reopened(d: Details) -> str:
    return _("Reopened: the resident says it is not fixed. %(note)s") % {"note": d["note"][:500]}


def progress_update(d: Details) -> str:
    return _("Update to the resident: %(u)s") % {"u": d["update"][:400]}


def satisfaction(d: Details) -> str:
    return _("Satisfaction: %(a)s") % {"a": Satisfaction(d["answer"]).label}


def damp_mould_step(d: Details) -> str:
    step = d["step"]
    if step == DampStep.INVESTIGATED:
        return _("Damp and mould investigated on %(d)s") % {
            "d": date_format(_day(d["on"]), "j F Y")
        }
    if step == DampStep.SUMMARY_SENT:
        return _("Written summary of the damp and mould findings sent to the resident")
    if step == DampStep.SAFETY_WORK_STARTED:
        return _("Safety work on the damp and mould began")
    if step == DampStep.MADE_SAFE:
        return _("Emergency damp and mould hazard made safe")
    raise ValueError(step)


def recharge_charged(d: Details) -> str:
    return _("Recharge of %(a)s charged") % {"a": formats.money(Decimal(d["amount"]))}


register_summaries(
    APP,
    {
        "repair_reported": reported,
        "priority_decided": gettext_lazy("Emergency: %(why)s"),
        "priority_changed": priority_changed,
        "repair_cancelled": gettext_lazy("Repair cancelled: %(reason)s"),
        "repair_completed": completed,
        "appointment_booked": appointment_booked,
        "appointment_cancelled": appointment_cancelled,
        "on_the_way": gettext_lazy("The operative is on the way"),
        "visit_recorded": visit_recorded,
        "fix_confirmed": gettext_lazy("The resident confirmed the repair is fixed"),
        "repair_reopened": reopened,
        "progress_update": progress_update,
        "photo_added": gettext_lazy("Photo added"),
        "satisfaction_recorded": satisfaction,
        "awaab_step": damp_mould_step,
        "recharge_charged": recharge_charged,
    },
)
