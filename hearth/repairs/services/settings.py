"""The landlord's repair settings: priority times and spend limits."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.core.models import Landlord
from hearth.repairs.models import RepairSettings


@transaction.atomic
def update_repair_settings(
    *,
    actor: Actor,
    emergency_hours: int,
    urgent_days: int,
    routine_days: int,
    planned_days: int,
    spend_limits: dict[str, Decimal],
    void_days: int | None = None,
) -> RepairSettings:
    """Change how long each priority has (repairs raised from now on) and the spend limits.
    Repairs already raised keep the due dates worked out when they were raised."""
    errors: dict[str, str] = {}
    if not 1 <= emergency_hours <= 72:
        errors["emergency_hours"] = _("Emergency repairs must have between 1 and 72 hours")
    days = {"urgent_days": urgent_days, "routine_days": routine_days, "planned_days": planned_days}
    if void_days is not None:
        days["void_days"] = void_days
    for name, value in days.items():
        if not 1 <= value <= 250:
            errors[name] = _("Enter a number of working days between 1 and 250")
    if not errors and not urgent_days <= routine_days <= planned_days:
        errors["routine_days"] = _(
            "Urgent must be no longer than routine, and routine no longer than planned"
        )
    if any(limit < 0 for limit in spend_limits.values()):
        errors["spend_limits"] = _("Spend limits must not be negative")
    if errors:
        raise ValidationError(errors)
    found = RepairSettings.objects.select_for_update().get(pk=RepairSettings.current().pk)
    found.emergency_hours = emergency_hours
    found.urgent_days, found.routine_days, found.planned_days = (
        urgent_days,
        routine_days,
        planned_days,
    )
    if void_days is not None:
        found.void_days = void_days
    found.spend_limits = {role: f"{limit:.2f}" for role, limit in spend_limits.items()}
    found.save()
    timeline.record(
        Landlord.current(),
        verb="repair_settings_changed",
        summary=_(
            "Repair priorities set to %(e)s hours, %(u)s, %(r)s and %(p)s working days; void "
            "works %(v)s working days"
        )
        % {
            "e": emergency_hours,
            "u": urgent_days,
            "r": routine_days,
            "p": planned_days,
            "v": found.void_days,
        },
        actor=actor,
        details={"spend_limits": found.spend_limits},
    )
    return found
