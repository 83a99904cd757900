"""Reads: a void with everything its page shows, what still stands between a void and its
letting, the voids board, and a resident's own lettings (a 404 for anyone else's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.home_checks import checks_for_home
from hearth.lettings import rules
from hearth.lettings.models import (
    CheckKind,
    LettingStandardInspection,
    Offer,
    OfferStatus,
    SafetyCheck,
    Stage,
    TenancyEnding,
    Void,
)

PENNY = Decimal("0.01")


def works_for(void: Void) -> list[Any]:
    """The void's works orders as repairs sees them (status, due date, cost so far)."""
    from hearth.repairs.queries import works_orders

    refs = [r for r in void.works.values_list("repair_ref", flat=True) if r]
    found = works_orders(refs)
    return [found[r] for r in refs if r in found]


@dataclass(frozen=True)
class Gate:
    name: str
    passed: bool
    outstanding: str  # what is still needed, in words, when not passed
    evidence: str = ""
    # Alarms are tested on the day the tenancy starts, so they cannot hold up an offer.
    on_the_day: bool = False


def _latest(checks: list[Any], kind: str) -> list[Any]:
    return sorted(
        (c for c in checks if c.kind == kind), key=lambda c: (c.done_on, c.pk), reverse=True
    )


def gate_checks(void: Void) -> list[Any]:
    """The checks the gates read: the building safety register's for the home (through core's
    home check registry) where it has them, then those recorded on the void itself (the
    fallback, in the register's shape so the register can take them over)."""
    return [*checks_for_home(void.home_id), *void.safety_checks.all()]


def gates(void: Void, *, starts_on: date) -> list[Gate]:
    """The safety gates and the Letting Standard, for a tenancy starting on `starts_on`."""
    checks = gate_checks(void)
    result: list[Gate] = []
    if void.gas_supply:
        good = next(
            (c for c in _latest(checks, CheckKind.GAS)
             if rules.gas_record_current(done_on=c.done_on, next_due_on=c.next_due_on,
                                         outcome=c.outcome, on=starts_on)),
            None,
        )  # fmt: skip
        result.append(
            Gate(
                _("Gas safety record"),
                good is not None,
                _("A current, satisfactory gas safety record (the home has gas)"),
                _("certificate %(ref)s, %(day)s")
                % {"ref": good.certificate_ref, "day": good.done_on}
                if good
                else "",
            )
        )
    eicr = next(
        (c for c in _latest(checks, CheckKind.ELECTRICAL)
         if rules.eicr_in_date(done_on=c.done_on, outcome=c.outcome, on=starts_on)),
        None,
    )  # fmt: skip
    result.append(
        Gate(
            _("Electrical installation report (EICR)"),
            eicr is not None,
            _("A satisfactory electrical installation report (EICR) less than 5 years old"),
            _("certificate %(ref)s, %(day)s") % {"ref": eicr.certificate_ref, "day": eicr.done_on}
            if eicr
            else "",
        )
    )
    smoke = any(
        rules.smoke_alarms_tested(done_on=c.done_on, outcome=c.outcome,
                                  every_storey=c.every_storey, starts_on=starts_on)
        for c in checks if c.kind == CheckKind.SMOKE_ALARM
    )  # fmt: skip
    day = f"{starts_on.day} {starts_on:%B %Y}"
    result.append(
        Gate(
            _("Smoke alarms"),
            smoke,
            _("Smoke alarms on every storey tested on the day the tenancy starts, %(day)s")
            % {"day": day},
            on_the_day=True,
        )
    )
    if void.fixed_combustion_appliance:
        co = any(
            rules.co_alarm_tested(done_on=c.done_on, outcome=c.outcome, starts_on=starts_on)
            for c in checks
            if c.kind == CheckKind.CO_ALARM
        )
        result.append(
            Gate(
                _("Carbon monoxide alarm"),
                co,
                _("A carbon monoxide alarm tested on the day the tenancy starts, %(day)s")
                % {"day": day},
                on_the_day=True,
            )
        )
    asbestos = any(
        rules.asbestos_information_present(outcome=c.outcome)
        for c in checks
        if c.kind == CheckKind.ASBESTOS
    )
    result.append(Gate(_("Asbestos information"), asbestos, _("The home's asbestos information")))
    result.append(
        Gate(
            _("Letting Standard"),
            void.letting_standard_passed_on is not None,
            _("A passed Letting Standard inspection"),
        )
    )
    return result


def outstanding_before_offer(void: Void, *, on: date) -> list[str]:
    """What must pass before the home is offered or a viewing is arranged: every safety gate
    that can pass before the tenancy starts (gas, electrical, asbestos) and the Letting
    Standard. The alarm tests belong to the day the tenancy starts, so sign-up checks them."""
    return [g.outstanding for g in gates(void, starts_on=on) if not g.passed and not g.on_the_day]


def outstanding_for_letting(void: Void, *, starts_on: date) -> list[str]:
    """Everything still needed before the home can be let to start on `starts_on`: each gate
    not passed, an accepted offer, and a viewing offered to that applicant."""
    needed = [g.outstanding for g in gates(void, starts_on=starts_on) if not g.passed]
    accepted = void.offers.filter(status=OfferStatus.ACCEPTED).first()
    if accepted is None:
        needed.append(_("An applicant who has accepted the offer"))
    elif accepted.viewing_offered_on is None:
        needed.append(_("A viewing offered to the applicant"))
    return needed


def get_void_for_staff(ref: str) -> Void:
    """The void with its home and the weekly charge in force at its end (`weekly_of`)."""
    from hearth.rents.queries import weekly_total_in_force

    found = (
        Void.objects.select_related(
            "home", "home__block", "home__block__estate", "owner", "previous_tenancy", "new_tenancy"
        )
        .annotate(weekly=weekly_total_in_force("home_id", "previous_tenancy_end"))
        .filter(ref=ref)
        .first()
    )
    if found is None:
        raise Http404("Not found")
    return found


def days_empty(void: Void, today: date | None = None) -> int:
    """Calendar days from the previous tenancy's end to the new tenancy's start, or to today
    while the home is empty (as the relet measures count them)."""
    end = void.let_on or (today or timezone.localdate())
    return max((end - void.previous_tenancy_end).days, 0)


def rent_lost(void: Void, weekly: Decimal, today: date | None = None) -> Decimal:
    """Rent lost so far: the days after the end and before the new start (to today while
    empty) at the weekly rent and service charge, rounded to the penny."""
    last = (void.let_on - timedelta(days=1)) if void.let_on else (today or timezone.localdate())
    days = max((last - void.previous_tenancy_end).days, 0)
    return (weekly * days / 7).quantize(PENNY, rounding=ROUND_HALF_UP)


def board(*, estate: str = "", stage: str = "", include_let: bool = False) -> QuerySet[Void]:
    """The voids board: every empty home (and, if asked, those let), with the weekly charge in
    force when the home became empty for the rent lost so far."""
    from hearth.rents.queries import weekly_total_in_force

    voids = Void.objects.select_related("home", "home__block", "home__block__estate", "owner")
    if not include_let:
        voids = voids.filter(let_on__isnull=True)
    if estate:
        voids = voids.filter(home__block__estate__ref=estate)
    if stage:
        voids = voids.filter(stage=stage)
    return voids.annotate(weekly=weekly_total_in_force("home_id", "previous_tenancy_end")).order_by(
        "previous_tenancy_end", "pk"
    )


def weekly_of(void: Any) -> Decimal:
    """The annotated weekly charge, or the homes register's rate when the home has no rates."""
    weekly = getattr(void, "weekly", None)
    if weekly is None:
        return void.home.weekly_rent + void.home.weekly_service_charge
    return Decimal(weekly)


# Residents -----------------------------------------------------------------------------------


def _person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_resident", False):
        return None
    return user.person_id  # type: ignore[no-any-return]


def lettings_for_resident(user: Any) -> QuerySet[Void]:
    """Voids that let a home to this resident (their new tenancy)."""
    person = _person_id(user)
    if person is None:
        return Void.objects.none()
    return (
        Void.objects.filter(new_tenancy__members__person_id=person)
        .select_related("home", "new_tenancy")
        .distinct()
    )


def get_letting_for_resident(user: Any, ref: str) -> Void:
    found = lettings_for_resident(user).filter(ref=ref).first()
    if found is None:
        raise Http404("Not found")
    return found


def endings_for_resident(user: Any) -> QuerySet[TenancyEnding]:
    person = _person_id(user)
    if person is None:
        return TenancyEnding.objects.none()
    return (
        TenancyEnding.objects.filter(tenancy__members__person_id=person)
        .select_related("tenancy", "tenancy__home")
        .distinct()
    )


def shown_checklist(void: Void) -> LettingStandardInspection | None:
    """The passed Letting Standard inspection the new tenant was shown."""
    return void.standard_inspections.filter(passed=True).order_by("-inspected_on", "-pk").first()


def certificates(void: Void) -> list[SafetyCheck]:
    """The latest gas and electrical certificates, as given at sign-up."""
    out = []
    for kind in (CheckKind.GAS, CheckKind.ELECTRICAL):
        check = (
            void.safety_checks.filter(kind=kind, outcome="satisfactory")
            .order_by("-done_on", "-pk")
            .first()
        )
        if check is not None:
            out.append(check)
    return out


def open_offer(void: Void) -> Offer | None:
    return void.offers.filter(
        Q(status=OfferStatus.OFFERED) | Q(status=OfferStatus.ACCEPTED)
    ).first()


def next_waiting(void: Void) -> Offer | None:
    return void.offers.filter(status=OfferStatus.WAITING).order_by("position").first()


STAGES = Stage
