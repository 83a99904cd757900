"""What a repair costs: lines priced from the schedule of rates, spend limits per role with a
manager's approval above them, and recharges to residents for damage they caused."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import formats, timeline
from hearth.core.casework import Actor, actor_of
from hearth.core.models import Landlord
from hearth.core.permissions import Can, can
from hearth.core.uploads import binary_instead_of_text
from hearth.repairs.models import (
    CostLine,
    Rate,
    Recharge,
    RechargeStatus,
    Repair,
    RepairSettings,
    SpendApproval,
    SpendDecision,
    Trade,
    Visit,
)
from hearth.repairs.services.common import tell_resident

PENNY = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def committed_cost(repair: Repair) -> Decimal:
    """The repair's cost: lines that needed no approval, or that a manager approved."""
    total = repair.cost_lines.filter(
        Q(approval__isnull=True) | Q(approval__decision=SpendDecision.APPROVED)
    ).aggregate(total=Sum("total"))["total"]
    return money(total or Decimal("0"))


def spend_limit(actor: Actor) -> Decimal | None:
    """The most a person may commit on one repair without approval; None means no limit
    (managers and administrators, who approve). A role not listed has a limit of nothing."""
    if can(actor, Can.APPROVE_SPEND):
        return None
    limits = RepairSettings.current().spend_limits or {}
    raw = limits.get(getattr(actor, "role", ""), "0")
    try:
        return money(Decimal(str(raw)))
    except InvalidOperation:
        return Decimal("0.00")


@transaction.atomic
def add_cost_line(
    *,
    repair: Repair,
    actor: Actor,
    quantity: Decimal,
    rate: Rate | None = None,
    description: str = "",
    unit_price: Decimal | None = None,
    visit: Visit | None = None,
) -> CostLine:
    """Price a line of work (from the schedule of rates, or by hand). If it takes the repair
    over what the person's role may commit (or a manager has already approved), the line
    waits for a manager's approval, which is requested and recorded on the timeline."""
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    errors: dict[str, str] = {}
    if quantity is None or quantity <= 0:
        errors["quantity"] = _("Enter a quantity greater than 0")
    if rate is None and unit_price is None:
        errors["rate"] = _("Choose a rate, or enter a description and a price")
    if rate is None and not description.strip():
        errors["description"] = _("Describe the work")
    if unit_price is not None and unit_price < 0:
        errors["unit_price"] = _("The price must not be negative")
    if visit is not None and visit.repair_id != repair.pk:
        errors["visit"] = _("That visit is on another repair")
    if errors:
        raise ValidationError(errors)
    price = unit_price if unit_price is not None else rate.unit_price  # type: ignore[union-attr]
    total = money(price * quantity)
    line = CostLine(
        repair=repair,
        visit=visit,
        rate=rate,
        code=rate.code if rate else "",
        description=description.strip() or (rate.description if rate else ""),
        quantity=quantity,
        unit_price=price,
        total=total,
        added_by=actor_of(actor),
    )
    new_total = committed_cost(repair) + total
    limit = spend_limit(actor)
    allowed = None if limit is None else max(limit, repair.approved_spend or Decimal("0"))
    if allowed is not None and new_total > allowed:
        approval = repair.spend_approvals.filter(decision=SpendDecision.PENDING).first()
        pending = (
            repair.cost_lines.filter(approval=approval).aggregate(t=Sum("total"))["t"]
            if approval
            else None
        ) or Decimal("0")
        amount = money(new_total + pending)
        if approval is None:
            approval = SpendApproval.objects.create(
                repair=repair, amount=amount, requested_by=line.added_by
            )
        else:
            approval.amount = amount
            approval.save(update_fields=["amount"])
        line.approval = approval
        timeline.record(
            repair,
            verb="spend_approval_requested",
            summary=_("Spend of %(amount)s needs a manager's approval (limit %(limit)s)")
            % {"amount": formats.money(amount), "limit": formats.money(allowed)},
            actor=actor,
            details={"approval": approval.pk, "amount": str(amount)},
        )
    line.save()
    timeline.record(
        repair,
        verb="cost_added",
        summary=_("Cost added: %(d)s, %(t)s") % {"d": line.description, "t": formats.money(total)},
        actor=actor,
        details={"line": line.pk, "total": str(total)},
    )
    return line


@transaction.atomic
def decide_spend_approval(
    *, approval: SpendApproval, actor: Actor, approve: bool, note: str = ""
) -> SpendApproval:
    """A manager approves (the repair may then cost up to the amount) or refuses the spend."""
    if not can(actor, Can.APPROVE_SPEND):
        raise PermissionDenied(_("Only a manager can approve spend"))
    approval = SpendApproval.objects.select_for_update().get(pk=approval.pk)
    if approval.decision != SpendDecision.PENDING:
        raise ValidationError(_("This request has already been decided"))
    approval.decision = SpendDecision.APPROVED if approve else SpendDecision.REJECTED
    approval.decided_by = actor
    approval.decided_at = timezone.now()
    approval.note = note.strip()[:300]
    approval.save()
    repair = Repair.objects.select_for_update().get(pk=approval.repair_id)
    if approve:
        repair.approved_spend = max(approval.amount, repair.approved_spend or Decimal("0"))
        repair.save(update_fields=["approved_spend"])
    timeline.record(
        repair,
        verb="spend_approved" if approve else "spend_refused",
        summary=(_("Spend up to %(a)s approved") if approve else _("Spend of %(a)s refused"))
        % {"a": formats.money(approval.amount)}
        + (f": {approval.note}" if approval.note else ""),
        actor=actor,
        details={"approval": approval.pk},
    )
    return approval


@transaction.atomic
def raise_recharge(
    *, repair: Repair, actor: Actor, reason: str, amount: Decimal | None = None
) -> Recharge:
    """Propose charging the resident for a repair they (or a visitor) caused. The amount is
    the repair's cost unless given."""
    reason = reason.strip()
    amount = money(amount) if amount is not None else committed_cost(repair)
    errors = {}
    if not reason:
        errors["reason"] = _("Say why the resident should pay")
    if amount <= 0:
        errors["amount"] = _("Enter an amount greater than £0")
    if Recharge.objects.filter(repair=repair).exists():
        errors["amount"] = _("This repair already has a recharge")
    if errors:
        raise ValidationError(errors)
    recharge = Recharge.objects.create(
        repair=repair, tenancy=repair.tenancy, amount=amount, reason=reason, raised_by=actor
    )
    timeline.record(
        repair,
        verb="recharge_raised",
        summary=_("Recharge of %(a)s proposed: %(r)s") % {"a": formats.money(amount), "r": reason},
        actor=actor,
    )
    return recharge


@transaction.atomic
def decide_recharge(*, recharge: Recharge, actor: Actor, charge: bool) -> Recharge:
    """Charge the resident (and tell them), or waive the recharge."""
    recharge = Recharge.objects.select_for_update().get(pk=recharge.pk)
    if recharge.status != RechargeStatus.PROPOSED:
        raise ValidationError(_("This recharge has already been decided"))
    recharge.status = RechargeStatus.CHARGED if charge else RechargeStatus.WAIVED
    recharge.decided_at = timezone.now()
    recharge.save()
    repair = recharge.repair
    timeline.record(
        repair,
        verb="recharge_charged" if charge else "recharge_waived",
        summary=(_("Recharge of %(a)s charged") if charge else _("Recharge of %(a)s waived"))
        % {"a": formats.money(recharge.amount)},
        actor=actor,
        details={"amount": str(recharge.amount)},
        visible_to_resident=charge,
    )
    if charge:
        tell_resident(
            repair=repair,
            purpose="repair_recharge",
            key=f"recharge:{recharge.pk}",
            actor=actor,
            contact_purpose="other",
            recharge=recharge,
        )
    return recharge


# -- Schedule of rates ------------------------------------------------------------------------

RATE_COLUMNS = ("code", "description", "unit", "unit_price", "trade")
RATE_REQUIRED = ("code", "description", "unit_price")


@dataclass
class RatesImport:
    created: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)


def _parse_rate_row(line: int, row: dict[str, str], problems: list[str]) -> dict[str, Any] | None:
    values = {key: (row.get(key) or "").strip() for key in RATE_COLUMNS}
    bad = False
    for key in RATE_REQUIRED:
        if not values[key]:
            problems.append(f"line {line}: {key}: is empty")
            bad = True
    try:
        price = money(Decimal(values["unit_price"])) if values["unit_price"] else None
        if price is not None and price < 0:
            problems.append(f"line {line}: unit_price: must not be negative")
            bad = True
    except InvalidOperation:
        problems.append(f'line {line}: unit_price: "{values["unit_price"]}" is not an amount')
        bad = True
        price = None
    if values["trade"] and values["trade"] not in Trade.values:
        problems.append(
            f'line {line}: trade: "{values["trade"]}" is not one of: {", ".join(Trade.values)}'
        )
        bad = True
    if len(values["code"]) > 30 or len(values["description"]) > 300:
        problems.append(f"line {line}: code or description is too long")
        bad = True
    if bad:
        return None
    return {**values, "unit_price": price, "unit": values["unit"] or "each"}


# A schedule of rates is a few thousand lines at most.
MAX_RATES_BYTES = 5 * 1024 * 1024


@transaction.atomic
def import_rates(*, data: bytes, actor: Actor) -> RatesImport:
    """Load a schedule of rates CSV (columns code, description, unit, unit_price, trade).
    All or nothing: any problem, and nothing changes; rows update rates with the same code."""
    result = RatesImport()
    if len(data) > MAX_RATES_BYTES:
        result.problems.append(_("The file must be smaller than 5MB"))
        return result
    disguised = binary_instead_of_text(data)
    if disguised:
        result.problems.append(
            _("The file is %(what)s, not a CSV file; save it as CSV UTF-8") % {"what": disguised}
        )
        return result
    if b"\x00" in data:
        result.problems.append(
            _("The file holds a NUL character (a zero byte); save it as CSV UTF-8")
        )
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append(_("The file must be a CSV file saved as UTF-8"))
        return result
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in RATE_COLUMNS]
    missing = [h for h in RATE_REQUIRED if h not in header]
    if unknown:
        result.problems.append(_("Unknown columns: %(c)s") % {"c": ", ".join(unknown)})
    if missing:
        result.problems.append(_("Missing columns: %(c)s") % {"c": ", ".join(missing)})
    if result.problems:
        return result
    rows: dict[str, dict[str, Any]] = {}
    for row in reader:
        parsed = _parse_rate_row(reader.line_num, row, result.problems)
        if parsed is None:
            continue
        if parsed["code"] in rows:
            result.problems.append(f"line {reader.line_num}: code: {parsed['code']} is repeated")
        rows[parsed["code"]] = parsed
    if not rows and not result.problems:
        result.problems.append(_("The file has no rates in it"))
    if result.problems:
        return result
    existing = Rate.objects.in_bulk(list(rows), field_name="code")
    for code, values in rows.items():
        rate = existing.get(code)
        if rate is None:
            Rate.objects.create(**values)
            result.created += 1
        elif any(getattr(rate, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(rate, key, value)
            rate.save()
            result.updated += 1
    timeline.record(
        Landlord.current(),
        verb="rates_imported",
        summary=_("Schedule of rates imported: %(c)s new, %(u)s changed")
        % {"c": result.created, "u": result.updated},
        actor=actor,
    )
    return result
