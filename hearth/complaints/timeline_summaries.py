"""How a complaint's timeline reads, in the language of whoever reads it (found automatically
by `hearth.core.timeline`). The words are the services' own, given the event's details."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.complaints.models import Channel, Decision, ExclusionReason
from hearth.complaints.services._common import when
from hearth.core import formats
from hearth.core.timeline import register_summaries

APP = "complaints"
Details = Mapping[str, Any]


def _day(value: str) -> date:
    return date.fromisoformat(value)


def received(d: Details) -> str:
    behalf = (
        _(" (made for them by %(name)s)") % {"name": d["representative"]}
        if d["representative"]
        else ""
    )
    return _("Complaint received from %(who)s%(behalf)s by %(channel)s") % {
        "who": d["who"] or _("a resident"),
        "behalf": behalf,
        "channel": formats.lower(Channel(d["channel"]).label),
    }


def acknowledged(d: Details) -> str:
    return _("Stage %(stage)s acknowledged: we will reply by %(due)s") % {
        "stage": d["stage"],
        "due": when(_day(d["due"])) if d["due"] else "",
    }


def extended(d: Details) -> str:
    return _("Stage %(stage)s extended by %(days)s working days, to %(due)s: %(reason)s") % {
        "stage": d["stage"],
        "days": d["days"],
        "due": when(_day(d["due"])),
        "reason": d["reason"],
    }


def responded(d: Details) -> str:
    label = _("Final response") if d["stage"] == 2 else _("Stage 1 response")
    return _("%(label)s sent: %(decision)s") % {
        "label": label,
        "decision": formats.lower(Decision(d["decision"]).label),
    }


def escalated(d: Details) -> str:
    if d["by_resident"]:
        return _("Stage 2 requested by the resident")
    return _("Stage 2 requested for the resident by %(name)s") % {"name": d["name"] or _("staff")}


def action_added(d: Details) -> str:
    due = _(" by %(day)s") % {"day": when(_day(d["due_on"]))} if d["due_on"] else ""
    return _("Action promised: %(what)s%(due)s") % {"what": d["what"], "due": due}


def compensation_paid(d: Details) -> str:
    how = (
        _("set against rent arrears, as the resident agreed")
        if d["offset"]
        else _("paid to the resident")
    )
    return _("Compensation of %(amount)s %(how)s") % {
        "amount": formats.money(Decimal(d["amount"])),
        "how": how,
    }


def excluded(d: Details) -> str:
    return _("Not taken on as a complaint: %(reason)s") % {
        "reason": ExclusionReason(d["reason"]).label
    }


def withdrawn(d: Details) -> str:
    note = d["note"]
    return _("Complaint withdrawn") + (f": {note}" if note else "")


register_summaries(
    APP,
    {
        "received": received,
        **{f"stage{stage}_acknowledged": acknowledged for stage in (1, 2)},
        **{f"stage{stage}_extended": extended for stage in (1, 2)},
        **{f"stage{stage}_responded": responded for stage in (1, 2)},
        "escalated": escalated,
        "action_added": action_added,
        "action_done": gettext_lazy("Action done: %(what)s"),
        "compensation_paid": compensation_paid,
        "excluded": excluded,
        "withdrawn": withdrawn,
    },
)
