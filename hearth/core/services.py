"""Writes to the landlord's own settings. Closure days change the working-day calendar, so every
deadline counted after the change moves with it; each change is on the landlord's timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import calendar, timeline
from hearth.core.models import ClosureDay, Landlord


@transaction.atomic
def add_closure_day(*, day: date, reason: str, actor: Any) -> ClosureDay:
    """Close the offices on `day`: it stops counting as a working day for every deadline.

    A Saturday, Sunday or bank holiday is already not a working day, so it is refused with a
    message saying so, as is a day that is already a closure day.
    """
    reason = reason.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Enter why the offices are closed")
    elif len(reason) > ClosureDay._meta.get_field("reason").max_length:  # type: ignore[operator]
        errors["reason"] = _("The reason must be 200 characters or fewer")
    when = date_format(day, "l j F Y")
    holiday = calendar.bank_holiday_name(day)
    if day.weekday() >= 5:
        errors["day"] = _("%(day)s is a weekend, so it is not a working day anyway") % {"day": when}
    elif holiday:
        errors["day"] = _(
            "%(day)s is a bank holiday (%(name)s), so it is not a working day anyway"
        ) % {
            "day": when,
            "name": holiday,
        }
    elif ClosureDay.objects.filter(date=day).exists():
        errors["day"] = _("%(day)s is already a closure day") % {"day": when}
    if errors:
        raise ValidationError(errors)
    closure = ClosureDay.objects.create(date=day, reason=reason)
    timeline.record(
        Landlord.current(),
        verb="closure_day_added",
        summary=f"Closure day added: {when} ({reason})",
        actor=actor,
        details={"date": day.isoformat(), "reason": reason},
    )
    return closure


@transaction.atomic
def remove_closure_day(*, closure_day: ClosureDay, actor: Any) -> None:
    """Reopen the offices on a closure day: it counts as a working day again."""
    day, reason = closure_day.date, closure_day.reason
    closure_day.delete()
    timeline.record(
        Landlord.current(),
        verb="closure_day_removed",
        summary=f"Closure day removed: {date_format(day, 'l j F Y')} ({reason})",
        actor=actor,
        details={"date": day.isoformat(), "reason": reason},
    )
