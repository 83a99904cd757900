"""How antisocial behaviour, fly-tipping and cleaning-concern timelines read, in the language of
whoever reads them (found automatically by `hearth.core.timeline`). The words are the
services' own, given the event's details."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import formats
from hearth.core.timeline import register_summaries
from hearth.neighbourhood.models import Channel, Triage, UpdateFrequency

Details = Mapping[str, Any]


def _channel(d: Details) -> str:
    return formats.lower(Channel(d["channel"]).label)


def concern_reported(d: Details) -> str:
    return _("Cleaning concern reported (%(c)s)") % {"c": _channel(d)}


def flytipping_reported(d: Details) -> str:
    return _("Fly-tipping reported (%(c)s) at %(l)s") % {"c": _channel(d), "l": d["l"]}


def flytipping_removed(d: Details) -> str:
    return _("Removed on %(d)s") % {"d": formats.day_with_weekday(date.fromisoformat(d["on"]))}


def asb_reported(d: Details) -> str:
    return _("ASB reported (%(c)s): %(cat)s") % {"c": _channel(d), "cat": d["cat"]}


def asb_triaged(d: Details) -> str:
    return _("Triaged as %(o)s: %(r)s") % {
        "o": formats.lower(Triage(d["outcome"]).label),
        "r": d["r"],
    }


def action_plan_agreed(d: Details) -> str:
    return _("Action plan agreed; updates %(f)s") % {
        "f": formats.lower(UpdateFrequency(d["frequency"]).label)
    }


register_summaries(
    "neighbourhood",
    {
        "concern_reported": concern_reported,
        "concern_answered": gettext_lazy("Answered: %(r)s"),
        "flytipping_reported": flytipping_reported,
        "flytipping_removed": flytipping_removed,
        "flytipping_reopened": gettext_lazy("Reported as still there %(n)s"),
        "asb_reported": asb_reported,
        "community_trigger": gettext_lazy(
            "Community Trigger: three reports in six months. The resident has the right to an "
            "ASB case review."
        ),
        "asb_triaged": asb_triaged,
        "action_plan_agreed": action_plan_agreed,
        "asb_update_sent": gettext_lazy("Update to the complainant: %(m)s"),
        "asb_closed": gettext_lazy("Closed: %(r)s"),
    },
)
