"""Every write in empty homes and lettings, one function per change, each atomic, with an
explicit actor and an event on the void's (or the tenancy's) timeline.

Other domains are used only through their services and queries: the tenancy's end and the
new tenancy through `tenancies.services`, rent accounts, first charges, former-tenant arrears
and the money advice offer through `rents.services`, works orders through
`repairs.services`."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import formats, timeline
from hearth.core.casework import Actor, ContactLog, actor_of, lock, tell_resident
from hearth.lettings import queries, rules
from hearth.lettings.models import (
    CheckKind,
    CheckOutcome,
    KeysRecord,
    LettingSettings,
    LettingStandardInspection,
    Offer,
    OfferStatus,
    PhotoKind,
    SafetyCheck,
    Stage,
    TenancyEnding,
    Utility,
    UtilityReading,
    Void,
    VoidPhoto,
    VoidWork,
    WorkSource,
    WorksType,
)
from hearth.tenancies.models import Tenancy, Tenure


def when(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _not_future(day: date | None, field: str, errors: dict[str, str], label: str) -> None:
    if day is None:
        errors[field] = _("Enter %(what)s") % {"what": label}
    elif day > timezone.localdate():
        errors[field] = _("%(what)s must be today or in the past") % {
            "what": label[0].upper() + label[1:]
        }


def _record(void: Void, verb: str, summary: str, actor: Actor, **details: Any) -> None:
    timeline.record(void, verb=verb, summary=summary[:500], actor=actor, details=details or None)


def _open_void_not_let(void: Void) -> Void:
    void = lock(void)
    if void.let_on is not None:
        raise ValidationError(_("This home has been let: the void is closed"))
    return void


# Ending a tenancy ---------------------------------------------------------------------------


@transaction.atomic
def give_notice(
    *,
    tenancy: Tenancy,
    notice_given_on: date | None,
    end_date: date | None,
    actor: Actor,
    reason: str = "",
) -> TenancyEnding:
    """The tenant has given notice: record it and the end date (on the tenancy too)."""
    from hearth.tenancies.services import record_tenancy_end

    errors: dict[str, str] = {}
    _not_future(notice_given_on, "notice_given_on", errors, _("the date notice was given"))
    if end_date is None:
        errors["end_date"] = _("Enter the date the tenancy ends")
    elif notice_given_on is not None and end_date < notice_given_on:
        errors["end_date"] = _("The tenancy must end on or after the day notice was given")
    if TenancyEnding.objects.filter(tenancy=tenancy).exists():
        errors["tenancy"] = _("Notice has already been recorded for this tenancy")
    if errors:
        raise ValidationError(errors)
    assert notice_given_on is not None and end_date is not None
    record_tenancy_end(tenancy=tenancy, actor=actor, end_date=end_date, reason=reason)
    ending = TenancyEnding.objects.create(
        tenancy=tenancy,
        notice_given_on=notice_given_on,
        end_date=end_date,
        reason=reason.strip()[:200],
        recorded_by=actor_of(actor),
    )
    timeline.record(
        tenancy,
        verb="notice_given",
        summary=_("Notice given on %(notice)s: the tenancy ends on %(end)s")
        % {"notice": when(notice_given_on), "end": when(end_date)},
        actor=actor,
        visible_to_resident=True,
    )
    return ending


@transaction.atomic
def book_pre_termination_visit(
    *, ending: TenancyEnding, visit_on: date | None, actor: Actor
) -> TenancyEnding:
    if visit_on is None:
        raise ValidationError({"visit_on": _("Enter the date of the visit")})
    if visit_on > ending.end_date:
        raise ValidationError(
            {"visit_on": _("The visit must be on or before the end date, %(end)s")
             % {"end": when(ending.end_date)}}
        )  # fmt: skip
    ending.visit_on = visit_on
    ending.save(update_fields=["visit_on"])
    timeline.record(
        ending.tenancy,
        verb="pre_termination_visit_booked",
        summary=_("Pre-termination visit booked for %(day)s") % {"day": when(visit_on)},
        actor=actor,
        visible_to_resident=True,
    )
    return ending


@transaction.atomic
def record_pre_termination_visit(
    *,
    ending: TenancyEnding,
    visited_on: date | None,
    condition: str,
    put_right: str,
    forwarding_address: str,
    actor: Actor,
) -> TenancyEnding:
    """What the officer found at the pre-termination visit: the home's condition, what the
    outgoing tenant must put right before they leave, and where to write to them."""
    errors: dict[str, str] = {}
    _not_future(visited_on, "visited_on", errors, _("the date of the visit"))
    if not condition.strip():
        errors["condition"] = _("Describe the condition of the home")
    if not forwarding_address.strip():
        errors["forwarding_address"] = _("Enter a forwarding address, or 'not given'")
    if errors:
        raise ValidationError(errors)
    ending.visited_on = visited_on
    ending.condition = condition.strip()
    ending.put_right = put_right.strip()
    ending.forwarding_address = forwarding_address.strip()
    ending.save(update_fields=["visited_on", "condition", "put_right", "forwarding_address"])
    summary = _("Pre-termination visit on %(day)s") % {"day": when(visited_on)}  # type: ignore[arg-type]
    if ending.put_right:
        summary += _(": to put right before leaving: %(what)s") % {"what": ending.put_right}
    timeline.record(
        ending.tenancy,
        verb="pre_termination_visit",
        summary=summary[:500],
        actor=actor,
        visible_to_resident=True,
    )
    return ending


def _new_void_ref() -> str:
    for _attempt in range(20):
        ref = f"V-{uuid.uuid4().hex[:6].upper()}"
        if not Void.objects.filter(ref=ref).exists():
            return ref
    raise RuntimeError("Could not find a free void reference")


@transaction.atomic
def open_void(
    *,
    home: Any,
    previous_tenancy_end: date,
    actor: Actor,
    previous_tenancy: Tenancy | None = None,
    keys_returned_on: date | None = None,
    owner: Any = None,
    works_type: str = WorksType.MINOR,
    ref: str = "",
) -> Void:
    """Open a void on a home with its clock: the target from the landlord's settings."""
    if Void.objects.filter(home=home, let_on__isnull=True).exists():
        raise ValidationError(_("This home already has an open void"))
    target = LettingSettings.current().target_for(works_type)
    void = Void.objects.create(
        ref=ref or _new_void_ref(),
        home=home,
        previous_tenancy=previous_tenancy,
        previous_tenancy_end=previous_tenancy_end,
        keys_returned_on=keys_returned_on,
        owner=owner
        if owner is not None
        else (actor if getattr(actor, "is_staff_member", False) else None),
        works_type=works_type,
        target_days=target,
    )
    _record(
        void,
        "void_opened",
        _("Void opened: the previous tenancy ended on %(end)s; to be let by %(by)s (%(n)s days)")
        % {"end": when(previous_tenancy_end), "by": when(void.let_by), "n": target},
        actor,
    )
    return void


@transaction.atomic
def record_keys_returned(
    *, ending: TenancyEnding, keys_returned_on: date | None, actor: Actor, owner: Any = None
) -> Void:
    """The keys are back: the void opens automatically, and any debt left on the rent account
    stays there as former-tenant arrears for the income officer."""
    from hearth.rents.services.accounts import tenancy_ended

    errors: dict[str, str] = {}
    _not_future(keys_returned_on, "keys_returned_on", errors, _("the date the keys came back"))
    if ending.keys_returned_on is not None:
        errors["keys_returned_on"] = _("The keys have already been recorded as returned")
    if errors:
        raise ValidationError(errors)
    assert keys_returned_on is not None
    ending.keys_returned_on = keys_returned_on
    ending.save(update_fields=["keys_returned_on"])
    tenancy = Tenancy.objects.select_related("home").get(pk=ending.tenancy_id)
    timeline.record(
        tenancy,
        verb="keys_returned",
        summary=_("Keys returned on %(day)s") % {"day": when(keys_returned_on)},
        actor=actor,
        visible_to_resident=True,
    )
    owed = tenancy_ended(tenancy=tenancy, actor=actor)
    void = open_void(
        home=tenancy.home,
        previous_tenancy=tenancy,
        previous_tenancy_end=ending.end_date,
        keys_returned_on=keys_returned_on,
        owner=owner,
        actor=actor,
    )
    if owed > 0:
        _record(
            void,
            "former_tenant_arrears",
            _("The outgoing tenant owes %(owed)s: kept on rent account as former-tenant arrears")
            % {"owed": formats.money(owed)},
            actor,
        )
    return void


@transaction.atomic
def assign_owner(*, void: Void, owner: Any, actor: Actor) -> Void:
    void = lock(void)
    void.owner = owner
    void.save(update_fields=["owner"])
    name = getattr(owner, "display_name", None) or str(owner) if owner else _("nobody")
    _record(void, "owner_assigned", _("Void owned by %(who)s") % {"who": name}, actor)
    return void


# Inspection and works -----------------------------------------------------------------------


def _store_photos(
    void: Void, uploads: Iterable[Any], *, kind: str, actor: Actor, inspection: Any = None
) -> list[VoidPhoto]:
    from hearth.repairs.services.photos import clean_image

    stored = []
    for upload in uploads:
        try:
            data, content_type, extension, _w, _h = clean_image(upload.read())
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from None
        photo = VoidPhoto(
            void=void,
            kind=kind,
            inspection=inspection,
            caption=str(getattr(upload, "name", ""))[:200],
            content_type=content_type,
            uploaded_by=actor_of(actor),
        )
        photo.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
        photo.save()
        stored.append(photo)
    return stored


@transaction.atomic
def record_void_inspection(
    *,
    void: Void,
    inspected_on: date | None,
    works_type: str,
    needed_works: Sequence[str],
    actor: Actor,
    notes: str = "",
    photos: Iterable[Any] = (),
    gas_supply: bool = True,
    fixed_combustion_appliance: bool = True,
    storeys: int = 1,
) -> Void:
    """The void inspection: what the home needs, with photos, and whether it is a minor or a
    major works void (this sets the classification; changing it later needs a reason)."""
    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    _not_future(inspected_on, "inspected_on", errors, _("the date of the inspection"))
    if works_type not in WorksType.values:
        errors["works_type"] = _("Choose minor or major works")
    if storeys < 1:
        errors["storeys"] = _("Enter how many storeys the home has, 1 or more")
    works = [w.strip() for w in needed_works if w.strip()]
    if errors:
        raise ValidationError(errors)
    assert inspected_on is not None
    void.inspected_on = inspected_on
    void.inspection_notes = notes.strip()
    void.gas_supply = gas_supply
    void.fixed_combustion_appliance = fixed_combustion_appliance
    void.storeys = storeys
    changed = void.works_type != works_type
    void.works_type = works_type
    void.target_days = LettingSettings.current().target_for(works_type)
    if void.stage == Stage.INSPECTION:
        void.stage = Stage.WORKS if works else Stage.CHECKS
    void.save()
    VoidWork.objects.bulk_create(
        [VoidWork(void=void, description=w[:500], source=WorkSource.INSPECTION) for w in works]
    )
    stored = _store_photos(void, photos, kind=PhotoKind.INSPECTION, actor=actor)
    summary = _("Void inspection on %(day)s: %(type)s, %(n)s jobs needed") % {
        "day": when(inspected_on),
        "type": WorksType(works_type).label.lower(),
        "n": len(works),
    }
    if stored:
        summary += _(", %(n)s photos") % {"n": len(stored)}
    if changed:
        summary += _("; to be let by %(by)s") % {"by": when(void.let_by)}
    _record(void, "void_inspected", summary, actor, works=works)
    return void


@transaction.atomic
def change_works_type(*, void: Void, works_type: str, reason: str, actor: Actor) -> Void:
    """Reclassify a void as minor or major works, with the reason; its target follows."""
    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    if works_type not in WorksType.values:
        errors["works_type"] = _("Choose minor or major works")
    elif works_type == void.works_type:
        errors["works_type"] = _("The void is already %(type)s") % {
            "type": WorksType(works_type).label.lower()
        }
    if not reason.strip():
        errors["reason"] = _("Say why the works type is changing")
    if errors:
        raise ValidationError(errors)
    old = void.works_type
    void.works_type = works_type
    void.target_days = LettingSettings.current().target_for(works_type)
    void.save(update_fields=["works_type", "target_days"])
    _record(
        void,
        "works_type_changed",
        _("Changed from %(old)s to %(new)s (%(reason)s); now to be let by %(by)s")
        % {
            "old": WorksType(old).label.lower(),
            "new": WorksType(works_type).label.lower(),
            "reason": reason.strip(),
            "by": when(void.let_by),
        },
        actor,
        old=old,
        new=works_type,
        reason=reason.strip(),
    )
    return void


@transaction.atomic
def add_needed_work(*, void: Void, description: str, actor: Actor) -> VoidWork:
    void = _open_void_not_let(void)
    if not description.strip():
        raise ValidationError({"description": _("Describe the work needed")})
    work = VoidWork.objects.create(
        void=void, description=description.strip()[:500], source=WorkSource.INSPECTION
    )
    if void.stage in (Stage.INSPECTION, Stage.CHECKS):
        void.stage = Stage.WORKS
        void.save(update_fields=["stage"])
    _record(void, "work_added", _("Work needed: %(what)s") % {"what": work.description}, actor)
    return work


def default_priority(void: Void) -> str:
    """Void works go through repairs at repairs' own void priority (10 working days unless the
    landlord changes it in the repair settings) for a minor works void, and routine (20
    working days) for major works; each due date from the one calendar. See docs/lettings.md."""
    return "routine" if void.works_type == WorksType.MAJOR else "void"


@transaction.atomic
def order_works(*, work: VoidWork, actor: Actor, priority: str = "", trade: str = "") -> VoidWork:
    """Raise the works order for a job through repairs (same operatives, costs and clocks)."""
    from hearth.repairs.services import raise_repair

    void = _open_void_not_let(work.void)
    work = VoidWork.objects.select_for_update().get(pk=work.pk)
    if work.repair_ref:
        raise ValidationError(
            _("This work has already been ordered as %(ref)s") % {"ref": work.repair_ref}
        )
    repair = raise_repair(
        actor=actor,
        description=f"Void works ({void.ref}): {work.description}",
        channel="in_person",
        home=void.home,
        priority=priority or default_priority(void),
        trade=trade,
    )
    work.repair_ref = repair.ref
    work.trade = trade
    work.save(update_fields=["repair_ref", "trade"])
    _record(
        void,
        "works_ordered",
        _("Works order %(ref)s raised (%(priority)s, due %(due)s): %(what)s")
        % {
            "ref": repair.ref,
            "priority": repair.get_priority_display().lower(),
            "due": when(repair.due_on),
            "what": work.description,
        },
        actor,
        repair=repair.ref,
    )
    return work


@transaction.atomic
def record_works_complete(*, void: Void, completed_on: date | None, actor: Actor) -> Void:
    """Every works order is done: the void moves to its safety checks and Letting Standard."""
    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    _not_future(completed_on, "completed_on", errors, _("the date the works finished"))
    unordered = void.works.filter(repair_ref="").count()
    orders = queries.works_for(void)
    still_open = [o.ref for o in orders if o.status == "open"]
    if unordered:
        errors["completed_on"] = _("%(n)s jobs have not been ordered yet") % {"n": unordered}
    elif still_open:
        errors["completed_on"] = _("Works orders still open: %(refs)s") % {
            "refs": ", ".join(still_open)
        }
    if errors:
        raise ValidationError(errors)
    assert completed_on is not None
    void.works_completed_on = completed_on
    if void.stage in (Stage.INSPECTION, Stage.WORKS):
        void.stage = Stage.CHECKS
    void.save(update_fields=["works_completed_on", "stage"])
    cost = sum((o.cost for o in orders), start=0)
    _record(
        void,
        "works_completed",
        _("Works completed on %(day)s, costing £%(cost)s")
        % {"day": when(completed_on), "cost": f"{cost:.2f}"},
        actor,
    )
    return void


@transaction.atomic
def record_utility_reading(
    *,
    void: Void,
    utility: str,
    read_on: date | None,
    actor: Actor,
    meter_serial: str = "",
    reading: str = "",
    supply_capped: bool = False,
    notes: str = "",
) -> UtilityReading:
    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    if utility not in Utility.values:
        errors["utility"] = _("Choose gas, electricity or water")
    _not_future(read_on, "read_on", errors, _("the date of the reading"))
    if not reading.strip() and not supply_capped:
        errors["reading"] = _("Enter the meter reading, or say the supply is capped")
    if errors:
        raise ValidationError(errors)
    assert read_on is not None
    row = UtilityReading.objects.create(
        void=void,
        utility=utility,
        read_on=read_on,
        meter_serial=meter_serial.strip()[:40],
        reading=reading.strip()[:20],
        supply_capped=supply_capped,
        notes=notes.strip()[:300],
    )
    words = _("capped") if supply_capped else _("reading %(r)s") % {"r": row.reading}
    _record(
        void,
        "utility_recorded",
        _("%(utility)s on %(day)s: %(words)s")
        % {"utility": row.get_utility_display(), "day": when(row.read_on), "words": words},
        actor,
    )
    return row


@transaction.atomic
def record_keys(
    *,
    void: Void,
    recorded_on: date | None,
    sets_held: int,
    locks_changed: bool,
    actor: Actor,
    notes: str = "",
) -> KeysRecord:
    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    _not_future(recorded_on, "recorded_on", errors, _("the date"))
    if sets_held < 0:
        errors["sets_held"] = _("Enter how many sets of keys we hold, 0 or more")
    if errors:
        raise ValidationError(errors)
    assert recorded_on is not None
    row = KeysRecord.objects.create(
        void=void,
        recorded_on=recorded_on,
        sets_held=sets_held,
        locks_changed=locks_changed,
        notes=notes.strip()[:300],
    )
    words = _("%(n)s sets of keys held") % {"n": sets_held}
    if locks_changed:
        words += _(", locks changed")
    _record(void, "keys_recorded", words, actor)
    return row


# Safety gates and the Letting Standard ------------------------------------------------------


@transaction.atomic
def record_safety_check(
    *,
    void: Void,
    kind: str,
    done_on: date | None,
    outcome: str,
    actor: Actor,
    next_due_on: date | None = None,
    certificate_ref: str = "",
    every_storey: bool = False,
    notes: str = "",
) -> SafetyCheck:
    """A safety check for the gates, kept in the shape of `safety_checks.csv`."""
    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    if kind not in CheckKind.values:
        errors["kind"] = _("Choose which check this is")
    if outcome not in CheckOutcome.values:
        errors["outcome"] = _("Choose the outcome")
    _not_future(done_on, "done_on", errors, _("the date of the check"))
    if done_on and next_due_on and next_due_on < done_on:
        errors["next_due_on"] = _("The next check must be due after this one was done")
    if kind in (CheckKind.GAS, CheckKind.ELECTRICAL) and not certificate_ref.strip():
        errors["certificate_ref"] = _(
            "Enter the certificate reference, to give the new tenant a copy"
        )
    if errors:
        raise ValidationError(errors)
    assert done_on is not None
    if kind == CheckKind.GAS and next_due_on is None:
        next_due_on = rules.gas_next_due(done_on)
    check = SafetyCheck.objects.create(
        void=void,
        kind=kind,
        done_on=done_on,
        next_due_on=next_due_on,
        outcome=outcome,
        certificate_ref=certificate_ref.strip()[:60],
        every_storey=every_storey,
        notes=notes.strip()[:500],
        recorded_by=actor_of(actor),
    )
    summary = _("%(kind)s on %(day)s: %(outcome)s") % {
        "kind": check.get_kind_display(),
        "day": when(done_on),
        "outcome": check.get_outcome_display().lower(),
    }
    if check.certificate_ref:
        summary += _(" (certificate %(ref)s)") % {"ref": check.certificate_ref}
    _record(void, "safety_check", summary, actor, kind=kind, outcome=outcome)
    return check


@transaction.atomic
def record_letting_standard(
    *,
    void: Void,
    inspected_on: date | None,
    results: Mapping[str, tuple[bool, str]],
    actor: Actor,
    photos: Iterable[Any] = (),
) -> LettingStandardInspection:
    """The Letting Standard inspection: every checklist item passes or fails, with photos.
    Failed items become works; the home can be offered once every item passes."""
    void = _open_void_not_let(void)
    checklist = LettingSettings.current().checklist
    errors: dict[str, str] = {}
    _not_future(inspected_on, "inspected_on", errors, _("the date of the inspection"))
    missing = [item for item in checklist if item not in results]
    if missing:
        errors["results"] = _("Say whether each item passes: %(items)s") % {
            "items": "; ".join(missing)
        }
    failed_without_note = [
        item for item, (ok, note) in results.items() if not ok and not note.strip()
    ]
    if failed_without_note:
        errors["results"] = _("Say what is wrong with: %(items)s") % {
            "items": "; ".join(failed_without_note)
        }
    if errors:
        raise ValidationError(errors)
    assert inspected_on is not None
    rows = [
        {"item": item, "passed": bool(results[item][0]), "note": results[item][1].strip()}
        for item in checklist
    ]
    passed = rules.letting_standard_passed(rows)
    inspection = LettingStandardInspection.objects.create(
        void=void,
        inspected_on=inspected_on,
        passed=passed,
        results=rows,
        inspected_by=actor_of(actor),
    )
    _store_photos(void, photos, kind=PhotoKind.LETTING_STANDARD, actor=actor, inspection=inspection)
    failed = [r for r in rows if not r["passed"]]
    if passed:
        void.letting_standard_passed_on = inspected_on
        if void.stage in (Stage.INSPECTION, Stage.WORKS, Stage.CHECKS):
            void.stage = Stage.OFFERING
        summary = _("Letting Standard passed on %(day)s") % {"day": when(inspected_on)}
    else:
        void.letting_standard_passed_on = None
        void.stage = Stage.WORKS
        VoidWork.objects.bulk_create(
            [
                VoidWork(
                    void=void,
                    description=f"{r['item']}: {r['note']}"[:500],
                    source=WorkSource.LETTING_STANDARD,
                )
                for r in failed
            ]
        )
        summary = _("Letting Standard failed on %(day)s: %(items)s") % {
            "day": when(inspected_on),
            "items": "; ".join(f"{r['item']} ({r['note']})" for r in failed),
        }
    void.save(update_fields=["letting_standard_passed_on", "stage"])
    _record(void, "letting_standard", summary, actor, passed=passed)
    return inspection


# Offers, viewings and sign-up ---------------------------------------------------------------


@transaction.atomic
def add_to_shortlist(
    *,
    void: Void,
    applicant_name: str,
    band: str,
    band_date: date | None,
    bidding_number: str,
    actor: Actor,
    phone: str = "",
    email: str = "",
) -> Offer:
    """Add the next applicant from the council's choice-based lettings shortlist."""
    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    if not applicant_name.strip():
        errors["applicant_name"] = _("Enter the applicant's full name")
    if not band.strip():
        errors["band"] = _("Enter the applicant's band")
    if band_date is None:
        errors["band_date"] = _("Enter the applicant's band date")
    bidding_number = bidding_number.strip()
    if not rules.valid_bidding_number(bidding_number):
        errors["bidding_number"] = _("Enter the 7-digit bidding number, like 1234567")
    elif void.offers.filter(bidding_number=bidding_number).exists():
        errors["bidding_number"] = _("That bidding number is already on this shortlist")
    if errors:
        raise ValidationError(errors)
    assert band_date is not None
    position = (
        void.offers.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    offer = Offer.objects.create(
        void=void,
        position=position,
        applicant_name=" ".join(applicant_name.split()),
        band=band.strip()[:10],
        band_date=band_date,
        bidding_number=bidding_number,
        phone=phone.strip()[:40],
        email=email.strip(),
    )
    _record(
        void,
        "shortlisted",
        _("Shortlist %(n)s: %(name)s, band %(band)s from %(date)s, bid %(bid)s")
        % {
            "n": position,
            "name": offer.applicant_name,
            "band": offer.band,
            "date": when(offer.band_date),
            "bid": bidding_number,
        },
        actor,
    )
    return offer


def _check_next(offer: Offer) -> None:
    if (
        offer.void.offers.filter(status__in=[OfferStatus.OFFERED, OfferStatus.ACCEPTED])
        .exclude(pk=offer.pk)
        .exists()
    ):
        raise ValidationError(_("Another applicant has an offer open: record their answer first"))
    earlier = offer.void.offers.filter(position__lt=offer.position, status=OfferStatus.WAITING)
    if earlier.exists():
        raise ValidationError(
            _(
                "Applicants higher on the shortlist come first: offer to them or skip them, with a reason"
            )
        )


@transaction.atomic
def offer_with_viewing(
    *, offer: Offer, offered_on: date | None, viewing_on: date | None, reason: str, actor: Actor
) -> Offer:
    """Offer the home to the next applicant on the shortlist, with an accompanied viewing."""
    _open_void_not_let(offer.void)
    offer = Offer.objects.select_for_update().select_related("void").get(pk=offer.pk)
    errors: dict[str, str] = {}
    if offer.status != OfferStatus.WAITING:
        errors["offer"] = _("This applicant has already had an answer recorded")
    _not_future(offered_on, "offered_on", errors, _("the date of the offer"))
    if viewing_on is None:
        errors["viewing_on"] = _("Enter the date of the accompanied viewing")
    elif offered_on and viewing_on < offered_on:
        errors["viewing_on"] = _("The viewing must be on or after the day of the offer")
    if not reason.strip():
        errors["reason"] = _(
            "Say why this applicant is offered the home, like 'top of the shortlist'"
        )
    if errors:
        raise ValidationError(errors)
    _check_next(offer)
    assert offered_on is not None and viewing_on is not None
    outstanding = queries.outstanding_before_offer(offer.void, on=offered_on)
    if outstanding:
        raise ValidationError(
            {
                "offered_on": [
                    _("The home cannot be offered or viewed yet. Still needed:"),
                    *outstanding,
                ]
            }
        )
    offer.status = OfferStatus.OFFERED
    offer.offered_on = offered_on
    offer.viewing_offered_on = offered_on
    offer.viewing_on = viewing_on
    offer.reason = reason.strip()[:500]
    offer.save()
    _record(
        offer.void,
        "offered",
        _(
            "Offered to %(name)s (bid %(bid)s) on %(day)s: %(reason)s. Accompanied viewing offered for %(viewing)s"
        )
        % {
            "name": offer.applicant_name,
            "bid": offer.bidding_number,
            "day": when(offered_on),
            "reason": offer.reason,
            "viewing": when(viewing_on),
        },
        actor,
    )
    return offer


@transaction.atomic
def skip_applicant(*, offer: Offer, reason: str, actor: Actor) -> Offer:
    _open_void_not_let(offer.void)
    offer = Offer.objects.select_for_update().select_related("void").get(pk=offer.pk)
    if offer.status != OfferStatus.WAITING:
        raise ValidationError(_("Only an applicant still waiting can be skipped"))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this applicant is skipped")})
    offer.status = OfferStatus.SKIPPED
    offer.reason = reason.strip()[:500]
    offer.decided_on = timezone.localdate()
    offer.save()
    _record(
        offer.void,
        "skipped",
        _("Skipped %(name)s (bid %(bid)s): %(reason)s")
        % {"name": offer.applicant_name, "bid": offer.bidding_number, "reason": offer.reason},
        actor,
    )
    return offer


@transaction.atomic
def record_offer_answer(
    *, offer: Offer, accepted: bool, decided_on: date | None, actor: Actor, reason: str = ""
) -> Offer:
    """The applicant accepts the offer, or refuses it with a reason (then the next applicant
    on the shortlist is offered the home)."""
    void = _open_void_not_let(offer.void)
    offer = Offer.objects.select_for_update().select_related("void").get(pk=offer.pk)
    errors: dict[str, str] = {}
    if offer.status != OfferStatus.OFFERED:
        errors["offer"] = _("Only an open offer can be accepted or refused")
    _not_future(decided_on, "decided_on", errors, _("the date of the answer"))
    if decided_on and offer.offered_on and decided_on < offer.offered_on:
        errors["decided_on"] = _("The answer cannot come before the offer")
    if not accepted and not reason.strip():
        errors["reason"] = _("Say why the applicant refused")
    if errors:
        raise ValidationError(errors)
    assert decided_on is not None
    offer.status = OfferStatus.ACCEPTED if accepted else OfferStatus.REFUSED
    offer.decided_on = decided_on
    if reason.strip():
        offer.reason = f"{offer.reason}; {'accepted' if accepted else 'refused'}: {reason.strip()}"[
            :500
        ]
    offer.save()
    if accepted:
        void.stage = Stage.SIGN_UP if void.stage == Stage.OFFERING else void.stage
        void.save(update_fields=["stage"])
        summary = _("%(name)s accepted the offer on %(day)s") % {
            "name": offer.applicant_name,
            "day": when(decided_on),
        }
    else:
        summary = _("%(name)s refused the offer on %(day)s: %(reason)s") % {
            "name": offer.applicant_name,
            "day": when(decided_on),
            "reason": reason.strip(),
        }
    _record(void, "offer_answered", summary, actor, accepted=accepted)
    return offer


class SignUpRefused(ValidationError):
    """The sign-up was refused; `outstanding` says what is still needed."""

    def __init__(self, outstanding: list[str]) -> None:
        super().__init__({"signed_on": outstanding})
        self.outstanding = outstanding


def sign_up(
    *,
    void: Void,
    signed_on: date | None,
    actor: Actor,
    relet_standard_explained: bool,
    certificates_given: bool,
    tenure: str = Tenure.INTRODUCTORY,
    start_date: date | None = None,
    tenancy_ref: str = "",
    weekly_rent: Decimal | None = None,
) -> Tenancy:
    """Let the home (see `_sign_up`). A refusal is put on the void's timeline, with what was
    outstanding, in its own transaction, so it stays there when the sign-up is rolled back."""
    try:
        return _sign_up(
            void=void, signed_on=signed_on, actor=actor,
            relet_standard_explained=relet_standard_explained,
            certificates_given=certificates_given, tenure=tenure, start_date=start_date,
            tenancy_ref=tenancy_ref, weekly_rent=weekly_rent,
        )  # fmt: skip
    except SignUpRefused as refused:
        _record_refused_sign_up(void=void, outstanding=refused.outstanding, actor=actor)
        raise


@transaction.atomic
def _record_refused_sign_up(*, void: Void, outstanding: list[str], actor: Actor) -> None:
    void = lock(void)
    _record(
        void,
        "sign_up_refused",
        _("Sign-up refused. Still needed: %(what)s") % {"what": "; ".join(outstanding)},
        actor,
        outstanding=outstanding,
    )


@transaction.atomic
def _sign_up(
    *,
    void: Void,
    signed_on: date | None,
    actor: Actor,
    relet_standard_explained: bool,
    certificates_given: bool,
    tenure: str = Tenure.INTRODUCTORY,
    start_date: date | None = None,
    tenancy_ref: str = "",
    weekly_rent: Decimal | None = None,
) -> Tenancy:
    """Let the home: the sign-up appointment with the applicant who accepted.

    Refused, saying what is still outstanding, until the safety gates and the Letting Standard
    have passed, a viewing was offered, the relet standard was explained and the gas and
    electrical certificates given. It starts the new tenancy, opens its rent account and posts
    its first charges, offers money advice and sends the tenant a welcome message.

    The new tenant's rent is set by rents at re-let (`set_relet_rent`): formula rent, or
    `weekly_rent` up to the Rent Standard's re-let flexibility; refused above it."""
    from hearth.rents.services.accounts import account_for
    from hearth.rents.services.advice import offer_money_advice
    from hearth.rents.services.debit_run import charge_first_week
    from hearth.rents.services.review import set_relet_rent
    from hearth.tenancies.services import start_tenancy

    void = _open_void_not_let(void)
    errors: dict[str, str] = {}
    _not_future(signed_on, "signed_on", errors, _("the date of the sign-up"))
    if errors:
        raise ValidationError(errors)
    assert signed_on is not None
    starts = start_date or signed_on
    outstanding = queries.outstanding_for_letting(void, starts_on=starts)
    if not relet_standard_explained:
        outstanding.append(_("Explain the relet standard to the new tenant"))
    if not certificates_given:
        outstanding.append(_("Give the new tenant copies of the gas and electrical certificates"))
    if starts < signed_on:
        outstanding.append(_("The tenancy cannot start before it is signed"))
    if starts <= void.previous_tenancy_end:
        outstanding.append(
            _("The tenancy must start after the previous one ended on %(end)s")
            % {"end": when(void.previous_tenancy_end)}
        )
    if outstanding:
        raise SignUpRefused(outstanding)
    offer = void.offers.get(status=OfferStatus.ACCEPTED)
    set_relet_rent(home=void.home, starts_on=starts, weekly_rent=weekly_rent, actor=actor)
    tenancy = start_tenancy(
        home=void.home,
        tenure=tenure,
        start_date=starts,
        lead_tenant_name=offer.applicant_name,
        phone=offer.phone,
        email=offer.email,
        ref=tenancy_ref,
        actor=actor,
    )
    account = account_for(tenancy)
    charges = charge_first_week(account=account, actor=actor)
    offer_money_advice(tenancy=tenancy, channel="in_person", actor=actor, offered_on=signed_on,
                       notes=_("Offered at sign-up"))  # fmt: skip
    offer.status = OfferStatus.SIGNED
    offer.save(update_fields=["status"])
    void.signed_on = signed_on
    void.viewing_offered_on = offer.viewing_offered_on
    void.relet_standard_explained = True
    void.certificates_given = True
    void.new_tenancy = tenancy
    void.let_on = starts
    void.stage = Stage.LET
    void.save()
    lead = tenancy.lead_tenant
    tell_resident(
        case=tenancy,
        purpose="lettings_welcome",
        idempotency_key=f"lettings:welcome:{tenancy.pk}",
        actor=actor,
        person=lead,
        contact=ContactLog("tenancy", tenancy.ref, "other"),
        context={
            "tenancy": tenancy,
            "home": void.home,
            "start": starts,  # a date: written in the resident's language when rendered
            "payment_reference": account.payment_reference,
        },
        on=signed_on,
    )
    _record(
        void,
        "let",
        _("Signed up on %(day)s: tenancy %(ref)s starts %(start)s, rent account %(acc)s, "
          "%(n)s first charges, money advice offered, welcome message sent")
        % {"day": when(signed_on), "ref": tenancy.ref, "start": when(starts),
           "acc": account.payment_reference, "n": len(charges)},
        actor,
        tenancy=tenancy.ref,
    )  # fmt: skip
    return tenancy


@transaction.atomic
def update_letting_settings(
    *,
    actor: Actor,
    standard_target_days: int,
    major_target_days: int,
    inspection_working_days: int,
    checklist: Sequence[str],
) -> LettingSettings:
    """Change the void targets and the Letting Standard checklist (open voids keep theirs)."""
    errors: dict[str, str] = {}
    if not 1 <= standard_target_days <= 365:
        errors["standard_target_days"] = _("Enter a number of days from 1 to 365")
    if not 1 <= major_target_days <= 365:
        errors["major_target_days"] = _("Enter a number of days from 1 to 365")
    items = [c.strip() for c in checklist if c.strip()]
    if not items:
        errors["checklist"] = _("The checklist needs at least one item")
    if errors:
        raise ValidationError(errors)
    settings = LettingSettings.current()
    settings.standard_target_days = standard_target_days
    settings.major_target_days = major_target_days
    settings.inspection_working_days = inspection_working_days
    settings.checklist = items
    settings.save()
    timeline.record(
        settings, verb="settings_changed", summary=_("Letting settings changed"), actor=actor
    )
    return settings
