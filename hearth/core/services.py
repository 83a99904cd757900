"""Writes to the landlord's own settings: its name and contact details, its measure targets and
its closure days. Closure days change the working-day calendar, so every deadline counted after
the change moves with it. Each change is on the landlord's timeline."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import calendar, timeline
from hearth.core.actors import Actor
from hearth.core.measures import CATALOGUE, Kind, MeasureDef
from hearth.core.models import ClosureDay, Landlord

_PHONE_CHARS = re.compile(r"^\+?[\d\s()\-]+$")


def clean_phone(phone: str) -> str:
    """A UK or international phone number: digits with optional spaces, brackets, dashes and a
    leading +; 10 to 15 digits. Returned trimmed, as the person wrote it."""
    phone = " ".join(phone.split())
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if not _PHONE_CHARS.match(phone) or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
            code="phone",
        )
    return phone


# What each setting is called on the landlord's timeline.
LANDLORD_FIELDS = {
    "name": gettext_lazy("name"),
    "short_name": gettext_lazy("short name"),
    "phone": gettext_lazy("phone number"),
    "emergency_phone": gettext_lazy("emergency phone number"),
    "email": gettext_lazy("email address"),
    "address": gettext_lazy("postal address"),
    "website": gettext_lazy("website"),
    "opening_hours": gettext_lazy("opening hours"),
}
ADDRESS_MAX_LENGTH = 500
# Measures with a direction can be met or missed, so they have a target the landlord may set.
TARGETABLE: dict[str, MeasureDef] = {m.id: m for m in CATALOGUE if m.direction is not None}


def is_uk_mobile(phone: str) -> bool:
    """A UK mobile number starts 07 (or +44 7) and has 11 digits in national form."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return len(digits) == 11 and digits.startswith("07")


def clean_landlord_setting(name: str, value: str) -> str:
    """One setting, trimmed and checked; raises ValidationError with the message to show.
    (The settings form uses it too, so every mistake is listed at once.)"""
    value = value.strip()
    if name == "address":
        value = "\n".join(line.strip() for line in value.splitlines() if line.strip())
        limit = ADDRESS_MAX_LENGTH
    else:
        value = " ".join(value.split())
        limit = getattr(Landlord._meta.get_field(name), "max_length", None) or ADDRESS_MAX_LENGTH
    if name == "name" and not value:
        raise ValidationError(_("Enter the landlord's name"))
    if len(value) > limit:
        raise ValidationError(_("This must be %(limit)s characters or fewer") % {"limit": limit})
    if name in ("phone", "emergency_phone"):
        return clean_phone(value)
    if name == "email" and value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(
                _("Enter an email address in the correct format, like name@example.com")
            ) from None
    if name == "website" and value:
        if "://" not in value:
            value = f"https://{value}"
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValidationError(_("Enter a web address, like https://www.example.org")) from None
    return value


def clean_target(measure: MeasureDef, value: Decimal | float | None) -> float | None:
    """A target for `measure`, or None for its default; raises ValidationError if out of range."""
    if value is None:
        return None
    number = Decimal(str(value))
    if not number.is_finite() or number < 0:
        raise ValidationError(_("The target must be 0 or more"))
    if measure.kind is Kind.PERCENT and number > 100:
        raise ValidationError(_("The target must be a percentage from 0 to 100"))
    if number > 10_000:
        raise ValidationError(_("The target must be 10,000 or less"))
    return float(round(number, 1))


def _target_text(value: float | None, measure: MeasureDef) -> str:
    shown = measure.target if value is None else value
    if shown is None:
        return _("none")
    text = f"{shown:g}"
    return f"{text}%" if measure.unit == "%" else f"{text} {measure.unit}"


@transaction.atomic
def update_landlord_settings(
    *, actor: Actor, targets: Mapping[str, Decimal | float | None] | None = None, **fields: str
) -> Landlord:
    """Change the landlord's name, contact details, opening hours and measure targets.

    A setting not given is left as it is. The name is required; a phone must be a phone number,
    the email an email address and the website a web address (https:// is added if left off).
    A target is given by measure id, for a measure with a direction only (a rate per 1,000
    homes is reported, not met or missed); None goes back to the measures spec's default. A
    percentage target is 0 to 100, any other 0 or more, kept to one decimal place.
    """
    unknown = set(fields) - set(LANDLORD_FIELDS)
    if unknown:
        raise TypeError(f"Not a landlord setting: {', '.join(sorted(unknown))}")
    landlord = Landlord.objects.select_for_update().get(pk=Landlord.current().pk)
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[str, str] = {}
    for name, text in fields.items():
        try:
            cleaned[name] = clean_landlord_setting(name, text)
        except ValidationError as error:
            errors[name] = [error]
    new_targets: dict[str, float | None] = {}
    for measure_id, given in (targets or {}).items():
        measure = TARGETABLE.get(measure_id)
        if measure is None:
            raise ValueError(f"{measure_id} is not a measure with a target")
        try:
            new_targets[measure_id] = clean_target(measure, given)
        except ValidationError as error:
            errors[measure_id] = [error]
    if errors:
        raise ValidationError(errors)

    changed = [
        name
        for name in LANDLORD_FIELDS
        if name in cleaned and getattr(landlord, name) != cleaned[name]
    ]
    stored = dict(landlord.targets or {})
    target_changes: dict[str, dict[str, float | None]] = {}
    for measure_id, value in new_targets.items():
        old = stored.get(measure_id)
        old = None if old is None else float(old)
        if old != value:
            target_changes[measure_id] = {"from": old, "to": value}
        if value is None:
            stored.pop(measure_id, None)
        else:
            stored[measure_id] = value
    if not changed and not target_changes:
        return landlord
    for name in changed:
        setattr(landlord, name, cleaned[name])
    landlord.targets = stored
    landlord.save()

    parts = [str(LANDLORD_FIELDS[name]) for name in changed]
    parts += [
        _("target for %(measure)s from %(old)s to %(new)s")
        % {
            "measure": measure_id,
            "old": _target_text(change["from"], TARGETABLE[measure_id]),
            "new": _target_text(change["to"], TARGETABLE[measure_id]),
        }
        for measure_id, change in target_changes.items()
    ]
    summary = _("Settings changed: %(what)s") % {"what": "; ".join(parts)}
    timeline.record(
        landlord,
        verb="landlord_settings_updated",
        summary=summary[:500],
        actor=actor,
        details={"fields": changed, "targets": target_changes},
    )
    return landlord


@transaction.atomic
def add_closure_day(*, day: date, reason: str, actor: Actor) -> ClosureDay:
    """Close the offices on `day`: it stops counting as a working day for every deadline, and
    every domain's stored due dates counted across it move (`calendar.recount_due_dates`).

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
    if calendar.is_weekend(day):
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
    calendar.recount_due_dates(calendar.CalendarChange(day=day, closed=True))
    timeline.record(
        Landlord.current(),
        verb="closure_day_added",
        summary=f"Closure day added: {when} ({reason})",
        actor=actor,
        details={"date": day.isoformat(), "reason": reason},
    )
    return closure


@transaction.atomic
def remove_closure_day(*, closure_day: ClosureDay, actor: Actor) -> None:
    """Reopen the offices on a closure day: it counts as a working day again, and the stored
    due dates counted across it move back."""
    day, reason = closure_day.date, closure_day.reason
    closure_day.delete()
    calendar.recount_due_dates(calendar.CalendarChange(day=day, closed=False))
    timeline.record(
        Landlord.current(),
        verb="closure_day_removed",
        summary=f"Closure day removed: {date_format(day, 'l j F Y')} ({reason})",
        actor=actor,
        details={"date": day.isoformat(), "reason": reason},
    )
