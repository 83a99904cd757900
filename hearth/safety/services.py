"""Every write to the building safety register: one function per change, atomic, keyword-only,
with an explicit actor, each writing a timeline event."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor, ContactLog, actor_of, lock, tell_resident
from hearth.core.models import Landlord
from hearth.estates.models import Block, Home
from hearth.safety import rules
from hearth.safety.models import (
    AccessAttempt,
    AccessChannel,
    AccessOutcome,
    ActionStatus,
    AwaabHazard,
    CheckType,
    ConditionSurvey,
    CopyChannel,
    CopyOccasion,
    Finding,
    LegalAccess,
    Outcome,
    RemedialAction,
    ResidentCopy,
    RiskLevel,
    SafetyCheck,
)
from hearth.tenancies.models import Tenancy

MAX_CERTIFICATE_BYTES = 10 * 1024 * 1024
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# The repairs priority a remedial action's works order takes from its risk.
WORKS_PRIORITY = {"immediate": "emergency", "high": "urgent", "medium": "routine", "low": "planned"}
WORKS_TRADE = {"gas": "gas_engineer", "electrical": "electrician", "co_alarm": "gas_engineer"}


def _new_ref(prefix: str) -> str:
    return f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(7))


def _create_with_ref(model: type[models.Model], prefix: str, **fields: Any) -> Any:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return model._default_manager.create(ref=_new_ref(prefix), **fields)
        except IntegrityError:
            continue
    raise RuntimeError(f"Could not find a free {prefix} reference")


def check_certificate(upload: UploadedFile) -> None:
    """A certificate must be a real PDF (it starts with the PDF header and ends with its
    end-of-file marker) of at most 10MB."""
    if upload.size is None or upload.size == 0:
        raise ValidationError({"certificate": _("The selected file is empty")})
    if upload.size > MAX_CERTIFICATE_BYTES:
        raise ValidationError({"certificate": _("The selected file must be smaller than 10MB")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError({"certificate": _("The selected file must be a PDF")})


@dataclass(frozen=True)
class FindingInput:
    finding: str
    description: str
    risk: str = ""


def _previous_due(kind: str, home: Home | None, block: Block | None, before: date) -> date | None:
    good = SafetyCheck.objects.filter(kind=kind, home=home, block=block, done_on__lte=before)
    found = good.exclude(outcome=Outcome.NO_ACCESS).order_by("-next_due_on").first()
    return found.next_due_on if found else None


def next_due_for(check_type: CheckType, *, done_on: date, risk: str = "") -> date:
    months = check_type.frequency_months
    if check_type.kind == "fire_risk" and risk:
        months = rules.fire_risk_assessment_months(
            risk,
            high=check_type.high_risk_months,
            medium=check_type.medium_risk_months,
            low=check_type.low_risk_months,
            default=months,
        )
    return rules.next_check_due(done_on=done_on, months=months)


@transaction.atomic
def record_check(
    *,
    actor: Actor,
    check_type: CheckType,
    done_on: date,
    outcome: str,
    home: Home | None = None,
    block: Block | None = None,
    contractor: str = "",
    engineer: str = "",
    asset_ref: str = "",
    certificate: UploadedFile | None = None,
    certificate_ref: str = "",
    next_due_on: date | None = None,
    risk: str = "",
    notes: str = "",
    findings: Sequence[FindingInput] = (),
) -> SafetyCheck:
    """Record a check done (or attempted and missed: outcome no access).

    The next check falls due the check type's frequency after it (a fire risk assessment's by
    the risk it found), unless the certificate gives another date. A no-access visit leaves
    the due date where it was, so the thing stays overdue; it is also logged as an access
    attempt. An unsatisfactory check raises a remedial action for each finding.
    """
    errors: dict[str, str] = {}
    if check_type.applies_to == "home" and home is None:
        errors["home"] = _("Choose the home that was checked")
    if check_type.applies_to == "block" and block is None:
        errors["block"] = _("Choose the block that was checked")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome of the check")
    if done_on > timezone.localdate():
        errors["done_on"] = _("The date of the check must be today or in the past")
    if check_type.kind == "lift" and not asset_ref.strip():
        errors["asset_ref"] = _("Enter which lift was examined, for example LIFT-1")
    if check_type.kind == "fire_risk" and outcome != Outcome.NO_ACCESS and not risk:
        errors["risk"] = _("Choose the risk the assessment found")
    if next_due_on is not None and next_due_on < done_on:
        errors["next_due_on"] = _("The next due date must be on or after the date of the check")
    if outcome == Outcome.UNSATISFACTORY and not findings:
        errors["findings"] = _("Say what needs putting right")
    if certificate is not None:
        try:
            check_certificate(certificate)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    if check_type.applies_to == "home":
        block = None
    else:
        home = None
    if outcome == Outcome.NO_ACCESS:
        next_due_on = _previous_due(check_type.kind, home, block, done_on) or done_on
    elif next_due_on is None:
        next_due_on = next_due_for(check_type, done_on=done_on, risk=risk)
    check: SafetyCheck = _create_with_ref(
        SafetyCheck,
        "SC",
        kind=check_type.kind,
        home=home,
        block=block,
        asset_ref=asset_ref.strip()[:40],
        done_on=done_on,
        next_due_on=next_due_on,
        outcome=outcome,
        contractor=contractor.strip()[:200],
        engineer=engineer.strip()[:200],
        certificate_ref=certificate_ref.strip()[:60],
        risk=risk,
        notes=notes.strip(),
        recorded_by=actor_of(actor),
    )
    if certificate is not None:
        check.certificate.save(f"{check.ref}.pdf", certificate, save=True)
    timeline.record(
        check,
        verb="check_recorded",
        summary=_("%(type)s recorded: %(outcome)s, next due %(due)s")
        % {
            "type": check_type.name,
            "outcome": Outcome(outcome).label.lower(),
            "due": date_format(next_due_on, "j F Y"),
        },
        actor=actor,
        details={"outcome": outcome, "next_due_on": next_due_on.isoformat()},
    )
    if outcome == Outcome.NO_ACCESS and home is not None:
        AccessAttempt.objects.create(
            home=home,
            kind=check_type.kind,
            attempted_at=timezone.make_aware(datetime.combine(done_on, datetime.min.time()))
            if done_on != timezone.localdate()
            else timezone.now(),
            channel=AccessChannel.VISIT,
            outcome=AccessOutcome.NO_ANSWER,
            safety_check=check,
            notes=notes.strip(),
            recorded_by=actor_of(actor),
        )
    for finding in findings:
        raise_remedial_action(
            actor=actor,
            check=check,
            finding=finding.finding,
            description=finding.description,
            risk=finding.risk or None,
            raised_on=done_on,
        )
    return check


@transaction.atomic
def attach_certificate(
    *, actor: Actor, check: SafetyCheck, certificate: UploadedFile
) -> SafetyCheck:
    """Add (or replace) the certificate of a check already recorded."""
    check_certificate(certificate)
    check = lock(check)
    check.certificate.save(f"{check.ref}.pdf", certificate, save=True)
    timeline.record(check, verb="certificate_attached", summary=_("Certificate added"), actor=actor)
    return check


@transaction.atomic
def raise_remedial_action(
    *,
    actor: Actor,
    check: SafetyCheck,
    finding: str,
    description: str,
    risk: str | None = None,
    raised_on: date | None = None,
    works_order: bool = True,
) -> RemedialAction:
    """An action to put right what a check found, due by its risk (an EICR C1 or C2 within 28
    days of the inspection), with a works order raised through repairs. `raised_on` is the
    date the clock starts: the check's date for what a check found."""
    description = description.strip()
    errors = {}
    if finding not in Finding.values:
        errors["finding"] = _("Choose what the check found")
    if not description:
        errors["description"] = _("Describe the work needed")
    risk = risk or rules.default_risk(finding)
    if risk not in RiskLevel.values:
        errors["risk"] = _("Choose a risk level")
    if errors:
        raise ValidationError(errors)
    raised_on = raised_on or timezone.localdate()
    due_on = rules.remedial_due(finding=finding, risk=risk, raised_on=raised_on)
    action: RemedialAction = _create_with_ref(
        RemedialAction,
        "RA",
        safety_check=check,
        finding=finding,
        description=description,
        risk=risk,
        raised_on=raised_on,
        due_on=due_on,
    )
    if works_order:
        from hearth.repairs import services as repairs

        repair = repairs.raise_repair(
            actor=actor,
            description=_("Safety remedial %(ref)s: %(what)s")
            % {"ref": action.ref, "what": description},
            channel="operative",
            home=check.home,
            block=check.block if check.home is None else None,
            priority=WORKS_PRIORITY[risk],
            trade=WORKS_TRADE.get(check.kind, "multi_trade"),
        )
        action.works_order_ref = repair.ref
        action.save(update_fields=["works_order_ref"])
    timeline.record(
        action,
        verb="action_raised",
        summary=_("Remedial action raised (%(risk)s risk), due %(due)s")
        % {"risk": RiskLevel(risk).label.lower(), "due": date_format(due_on, "j F Y")},
        actor=actor,
        details={"check": check.ref, "works_order": action.works_order_ref},
    )
    return action


@transaction.atomic
def record_mitigation(*, actor: Actor, action: RemedialAction, mitigation: str) -> RemedialAction:
    """Record the interim measure keeping residents safe until the work is done."""
    mitigation = mitigation.strip()
    if not mitigation:
        raise ValidationError({"mitigation": _("Describe the interim mitigation")})
    action = lock(action)
    action.mitigation = mitigation
    action.mitigation_recorded_on = timezone.localdate()
    action.save(update_fields=["mitigation", "mitigation_recorded_on"])
    timeline.record(
        action, verb="mitigation_recorded", summary=_("Interim mitigation recorded"), actor=actor,
        details={"mitigation": mitigation},
    )  # fmt: skip
    return action


@transaction.atomic
def complete_action(
    *, actor: Actor, action: RemedialAction, completed_on: date, mitigation: str = ""
) -> RemedialAction:
    """Close an action as done. One finished after its deadline must have had its interim
    mitigation recorded (`rules.action_needs_mitigation`)."""
    action = lock(action)
    if action.status != ActionStatus.OPEN:
        raise ValidationError(_("This action is already done"))
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The date must be today or in the past")})
    if completed_on < action.raised_on:
        raise ValidationError(
            {"completed_on": _("The date must be on or after the action was raised")}
        )
    if mitigation.strip() and not action.mitigation:
        action.mitigation = mitigation.strip()
        action.mitigation_recorded_on = timezone.localdate()
    if rules.action_needs_mitigation(
        due_on=action.due_on, done=False, mitigated=bool(action.mitigation), today=completed_on
    ):
        raise ValidationError(
            {"mitigation": _("This action is past its deadline: record the interim mitigation")}
        )
    action.status = ActionStatus.DONE
    action.completed_on = completed_on
    action.save(update_fields=["status", "completed_on", "mitigation", "mitigation_recorded_on"])
    timeline.record(action, verb="action_done", summary=_("Remedial action done"), actor=actor)
    return action


@transaction.atomic
def record_access_attempt(
    *,
    actor: Actor,
    home: Home,
    kind: str,
    attempted_at: datetime,
    channel: str,
    outcome: str,
    notes: str = "",
) -> AccessAttempt:
    """Log one try to get into a home for a check."""
    errors = {}
    if channel not in AccessChannel.values:
        errors["channel"] = _("Choose how you tried to get access")
    if outcome not in AccessOutcome.values:
        errors["outcome"] = _("Choose what happened")
    if attempted_at > timezone.now():
        errors["attempted_at"] = _("The attempt must be now or in the past")
    if errors:
        raise ValidationError(errors)
    attempt = AccessAttempt.objects.create(
        home=home,
        kind=kind,
        attempted_at=attempted_at,
        channel=channel,
        outcome=outcome,
        notes=notes.strip(),
        recorded_by=actor_of(actor),
    )
    timeline.record(
        home,
        verb="safety_access_attempt",
        summary=_("Access for a %(kind)s check: %(channel)s, %(outcome)s")
        % {
            "kind": attempt.get_kind_display().lower(),
            "channel": attempt.get_channel_display().lower(),
            "outcome": attempt.get_outcome_display().lower(),
        },
        actor=actor,
    )
    return attempt


def failed_attempts_since_last_check(home: Home, kind: str) -> list[rules.Attempt]:
    last = (
        SafetyCheck.objects.filter(home=home, kind=kind)
        .exclude(outcome=Outcome.NO_ACCESS)
        .order_by("-done_on")
        .values_list("done_on", flat=True)
        .first()
    )
    attempts = AccessAttempt.objects.filter(home=home, kind=kind)
    if last is not None:
        attempts = attempts.filter(attempted_at__date__gt=last)
    return [
        rules.Attempt(
            channel=a.channel,
            got_access=a.outcome in (AccessOutcome.ACCESS_GAINED, AccessOutcome.APPOINTMENT_MADE),
        )
        for a in attempts
    ]


@transaction.atomic
def escalate_to_legal_access(*, actor: Actor, home: Home, kind: str, reason: str) -> LegalAccess:
    """Refer a home for legal access, only once three attempts by different channels have
    failed since the last good check (`rules.legal_access_may_start`)."""
    if not rules.legal_access_may_start(failed_attempts_since_last_check(home, kind)):
        raise ValidationError(
            _(
                "Try at least three different ways to get access (say a letter, a call and a "
                "visit) before asking for legal access"
            )
        )
    if LegalAccess.objects.filter(home=home, kind=kind, closed_on__isnull=True).exists():
        raise ValidationError(_("This home is already referred for legal access"))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why legal access is needed")})
    case: LegalAccess = _create_with_ref(
        LegalAccess,
        "LA",
        home=home,
        kind=kind,
        opened_on=timezone.localdate(),
        reason=reason,
        opened_by=actor_of(actor),
    )
    timeline.record(
        case, verb="legal_access_opened", summary=_("Referred for legal access"), actor=actor
    )
    timeline.record(
        home, verb="legal_access_opened", summary=_("Referred for legal access"), actor=actor
    )
    return case


@transaction.atomic
def close_legal_access(*, actor: Actor, case: LegalAccess, note: str) -> LegalAccess:
    case = lock(case)
    if case.closed_on is not None:
        raise ValidationError(_("This referral is already closed"))
    if not note.strip():
        raise ValidationError({"note": _("Say how the referral ended")})
    case.closed_on = timezone.localdate()
    case.closing_note = note.strip()
    case.save(update_fields=["closed_on", "closing_note"])
    timeline.record(case, verb="legal_access_closed", summary=_("Legal access closed"), actor=actor)
    return case


def _tenancy_for(home: Home, on: date) -> Tenancy | None:
    return (
        Tenancy.objects.filter(home=home, start_date__lte=on)
        .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=on))
        .prefetch_related("members__person")
        .order_by("-start_date")
        .first()
    )


@transaction.atomic
def give_record_copy(
    *,
    actor: Actor,
    check: SafetyCheck,
    occasion: str = CopyOccasion.AFTER_CHECK,
    tenancy: Tenancy | None = None,
    handed_over_on: date | None = None,
) -> ResidentCopy:
    """Give the tenant a copy of their gas safety record or EICR: sent through the outbox on
    their own channel, or, when `handed_over_on` is given, handed over in person that day.
    How and when is recorded; a new tenant's copy is given before they move in."""
    if check.home is None or check.kind not in ("gas", "electrical"):
        raise ValidationError(_("Only a home's gas safety record or EICR is copied to tenants"))
    today = timezone.localdate()
    tenancy = tenancy or _tenancy_for(check.home, today)
    if tenancy is None:
        raise ValidationError(_("Nobody holds a tenancy of this home to give the copy to"))
    if occasion not in CopyOccasion.values:
        raise ValidationError({"occasion": _("Choose why the copy is given")})
    channel: str
    if handed_over_on is not None:
        channel, given_on = CopyChannel.IN_PERSON.value, handed_over_on
        if handed_over_on > today:
            raise ValidationError({"handed_over_on": _("The date must be today or in the past")})
    else:
        person = tenancy.lead_tenant
        told = tell_resident(
            case=check,
            purpose="safety_record_copy",
            idempotency_key=f"safety-copy-{check.pk}-{tenancy.pk}-{occasion}",
            actor=actor,
            contact=ContactLog("tenancy", tenancy.ref, purpose="other"),
            person=person,
            context={
                "name": getattr(person, "full_name", ""),
                "record_name": "gas safety record"
                if check.kind == "gas"
                else "electrical safety report",
                "what": "gas appliances" if check.kind == "gas" else "electrical installation",
                "address": check.home.address,
                # Dates, written in the resident's language when the message is rendered.
                "done_on": check.done_on,
                "next_due_on": check.next_due_on,
                "outcome": check.get_outcome_display().lower(),
            },
        )
        if not told.sent:
            raise ValidationError(
                _("Hearth could not send the copy: hand it over and record the date instead")
            )
        channel, given_on = told.channel, today
    copy, _created = ResidentCopy.objects.get_or_create(
        safety_check=check,
        tenancy=tenancy,
        occasion=occasion,
        defaults={"given_on": given_on, "channel": channel, "recorded_by": actor_of(actor)},
    )
    timeline.record(
        check,
        verb="record_copy_given",
        summary=_("Copy given to the tenant (%(how)s) on %(when)s")
        % {"how": copy.get_channel_display().lower(), "when": date_format(copy.given_on, "j F Y")},
        actor=actor,
        visible_to_resident=True,
    )
    return copy


@transaction.atomic
def record_survey(
    *,
    actor: Actor,
    home: Home,
    surveyed_on: date,
    surveyor: str = "",
    fails_a: bool = False,
    fails_b: bool = False,
    fails_c: bool = False,
    fails_d: bool = False,
    kitchen: str = "",
    bathroom: str = "",
    window_restrictors_ok: bool | None = None,
    damp_or_mould: bool | None = None,
    notes: str = "",
) -> ConditionSurvey:
    """Record a stock condition survey: the home is decent when it fails no criterion."""
    if surveyed_on > timezone.localdate():
        raise ValidationError({"surveyed_on": _("The survey date must be today or in the past")})
    survey: ConditionSurvey = _create_with_ref(
        ConditionSurvey,
        "CS",
        home=home,
        surveyed_on=surveyed_on,
        surveyor=surveyor.strip()[:200],
        decent=rules.meets_decent_homes(
            fails_a=fails_a, fails_b=fails_b, fails_c=fails_c, fails_d=fails_d
        ),
        fails_a=fails_a,
        fails_b=fails_b,
        fails_c=fails_c,
        fails_d=fails_d,
        kitchen=kitchen,
        bathroom=bathroom,
        window_restrictors_ok=window_restrictors_ok,
        damp_or_mould=damp_or_mould,
        notes=notes.strip(),
    )
    timeline.record(
        home,
        verb="condition_survey",
        summary=_("Condition survey: %(result)s")
        % {"result": _("meets the Decent Homes Standard") if survey.decent else _("not decent")},
        actor=actor,
    )
    return survey


@transaction.atomic
def set_frequency(
    *, actor: Actor, check_type: CheckType, frequency_months: int, **risk_months: int | None
) -> CheckType:
    """Change how often a check type falls due (the landlord's choice, within the law)."""
    if not 1 <= frequency_months <= 120:
        raise ValidationError({"frequency_months": _("Enter a number of months from 1 to 120")})
    check_type = lock(check_type)
    check_type.frequency_months = frequency_months
    fields = ["frequency_months"]
    for name in ("high_risk_months", "medium_risk_months", "low_risk_months"):
        if name in risk_months:
            setattr(check_type, name, risk_months[name])
            fields.append(name)
    check_type.save(update_fields=fields)
    timeline.record(
        check_type,
        verb="frequency_changed",
        summary=_("Frequency set to every %(n)s months") % {"n": frequency_months},
        actor=actor,
    )
    return check_type


@transaction.atomic
def set_hazard_phase_start(*, actor: Actor, phase: int, in_force_from: date) -> int:
    """Change the day a phase of Awaab's Law comes in for every hazard of that phase (the
    landlord's to set: phase 2's date is a placeholder until the government confirms it).
    Repairs reported on or after the day get the statutory clocks; repairs already reported
    keep what they had. Returns how many hazards changed."""
    hazards = list(AwaabHazard.objects.select_for_update().filter(phase=phase))
    if not hazards:
        raise ValidationError({"in_force_from": _("There is no phase %(n)s") % {"n": phase}})
    if phase > 1:
        earlier = AwaabHazard.objects.filter(phase__lt=phase).order_by("-in_force_from").first()
        if earlier is not None and in_force_from < earlier.in_force_from:
            raise ValidationError(
                {"in_force_from": _("Phase %(n)s cannot start before phase %(m)s (%(day)s)")
                 % {"n": phase, "m": earlier.phase, "day": date_format(earlier.in_force_from, "j F Y")}}
            )  # fmt: skip
    AwaabHazard.objects.filter(phase=phase).update(in_force_from=in_force_from)
    timeline.record(
        Landlord.current(),
        verb="awaab_phase_start_changed",
        summary=_("Awaab's Law phase %(n)s set to start on %(day)s")
        % {"n": phase, "day": date_format(in_force_from, "j F Y")},
        actor=actor,
        details={"phase": phase, "in_force_from": in_force_from.isoformat(),
                 "was": hazards[0].in_force_from.isoformat()},
    )  # fmt: skip
    return len(hazards)
