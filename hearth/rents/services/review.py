"""The annual rent and service charge review, one function per step:

1. `set_rent_setting`: a home's rent type, formula rent and rent cap (kept with history).
2. `create_review`: a manager starts next year's review (September CPI, effective date);
   Hearth proposes every home's rent within the Rent Standard, with reasons and exceptions.
3. `add_service_charge_change`: a block's or a service's new weekly cost.
4. `adjust_rent`: a manager sets a home's rent lower than proposed (never above the limit).
5. `submit_review` / `return_review` / `approve_review`: a second, different person approves.
   Homes nobody lives in take their new rate at once.
6. `send_notices`: a notice of variation to every tenancy. A tenancy whose notice goes out
   at least 28 days before the effective date gets the new rate from that date (a
   `ChargeRate`, which the weekly debit run charges); any other keeps its old rate and is
   listed for action (`record_hand_delivery` when it is delivered in time by hand).

Every step is on the review's timeline.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from hearth.core import formats, timeline
from hearth.core.casework import Actor, ContactLog, actor_of, lock, tell_resident
from hearth.estates.models import Block, Home
from hearth.rents import rules_rent_standard as rs
from hearth.rents.charges import RateBook
from hearth.rents.models import (
    ChargeRate,
    HomeRentSetting,
    NoticeStatus,
    RentReview,
    RentReviewLine,
    RentType,
    ReviewNotice,
    ReviewStatus,
    ServiceChargeChange,
    ServiceChargeItem,
)
from hearth.rents.services.accounts import account_for, seed_rates, set_charge_rate
from hearth.rents.weeks import rent_year_of, rent_year_start
from hearth.tenancies.models import MemberRole, Tenancy

NOTICE_PURPOSE = "rent_review_notice"


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def default_effective_date(rent_year: int) -> date:
    """The first Monday in April of the rent year: when rents change."""
    return rent_year_start(rent_year)


# -- 1. Rent setting per home ----------------------------------------------------------------


@transaction.atomic
def set_rent_setting(
    *,
    home: Home,
    rent_type: str,
    formula_rent: Decimal | None,
    rent_cap: Decimal | None,
    actor: Actor,
    note: str = "",
) -> HomeRentSetting:
    """Record a home's rent type, formula rent and rent cap. Earlier values stay in the
    setting's history; the home's timeline says what changed."""
    if rent_type not in RentType.values:
        raise ValidationError({"rent_type": "Select the rent type."})
    for name, value in (("formula_rent", formula_rent), ("rent_cap", rent_cap)):
        if value is not None and value < 0:
            raise ValidationError({name: "Enter an amount that is not negative."})
    setting = HomeRentSetting.objects.select_for_update().filter(home=home).first()
    setting = setting or HomeRentSetting(home=home)
    setting.rent_type = rent_type
    setting.formula_rent = formula_rent
    setting.rent_cap = rent_cap
    setting.note = note[:200]
    setting.updated_at = timezone.now()
    setting.updated_by = actor_of(actor)
    setting.save()
    timeline.record(
        home,
        verb="rent_setting_changed",
        summary=f"Rent setting: {setting.get_rent_type_display()}, formula rent "
        f"{_pounds_or_none(formula_rent)}, rent cap {_pounds_or_none(rent_cap)}"
        + (f" ({note})" if note else ""),
        actor=actor,
    )
    return setting


@transaction.atomic
def set_relet_rent(
    *,
    home: Home,
    starts_on: date,
    actor: Actor,
    weekly_rent: Decimal | None = None,
    supported: bool = False,
) -> ChargeRate | None:
    """The rent a new tenant pays when an empty home is let (lettings' sign-up calls this).

    A social rent home with a formula rent is reset at re-let: to `weekly_rent` if given, which
    may be up to the re-let flexibility (formula rent + 5%, or + 10% for supported housing,
    within the rent cap: `rules_rent_standard.relet_rent_limit`), otherwise to formula rent
    (within the cap). An affordable rent home may be set up to its cap (80% of market rent
    less the service charge). With no formula rent or cap recorded, or another rent type and
    no `weekly_rent`, the rent in force carries on and nothing is written (returns None).
    The service charge carries on. The new rate runs from the day the tenancy starts."""
    seed_rates([home.pk])
    _old_rent, service = RateBook.load([home.pk]).rates_on(home.pk, starts_on)
    setting = HomeRentSetting.objects.filter(home=home).first()
    rent_type = setting.rent_type if setting else RentType.SOCIAL
    formula = setting.formula_rent if setting else None
    cap = setting.rent_cap if setting else None
    if rent_type == RentType.SOCIAL:
        limit = rs.relet_rent_limit(formula_rent=formula, rent_cap=cap, supported=supported)
        default = rs.formula_rent_capped(formula, cap)
        why = "formula rent"
    elif rent_type == RentType.AFFORDABLE:
        limit = default = rs.affordable_rent_cap(cap, service)
        why = "the affordable rent cap"
    else:
        limit, default, why = None, None, "set by hand"
    rent = weekly_rent if weekly_rent is not None else default
    if rent is None:
        return None
    if rent < 0 or rent != rent.quantize(rs.PENNY):
        raise ValidationError({"weekly_rent": "Enter the weekly rent in pounds and pence."})
    if limit is not None and rent > limit:
        raise ValidationError(
            {"weekly_rent": f"The rent at re-let can be at most £{limit:,.2f} a week ({why}"
             + (", with the re-let flexibility" if rent_type == RentType.SOCIAL else "") + ")."}
        )  # fmt: skip
    limit_words = f" (the most allowed is £{limit:,.2f})" if limit is not None else ""
    return set_charge_rate(
        home=home,
        effective_from=starts_on,
        weekly_rent=rent,
        weekly_service_charge=service,
        reason=(f"re-let at {why}" if weekly_rent is None else "re-let rent chosen") + limit_words,
        actor=actor,
    )


def _pounds_or_none(value: Decimal | None) -> str:
    return "not recorded" if value is None else f"£{value:,.2f}"


# -- 2. Creating the review and proposing every home's rent ----------------------------------


@transaction.atomic
def create_review(
    *,
    rent_year: int,
    september_cpi: Decimal,
    actor: Actor,
    effective_from: date | None = None,
) -> RentReview:
    """Start the review of the rent year `rent_year` (e.g. 2027 for 2027/28) with the
    September CPI figure, and propose every home's rent."""
    effective = effective_from or default_effective_date(rent_year)
    errors: dict[str, str] = {}
    if effective.weekday() != 0:
        errors["effective_from"] = (
            "The new rents must start on a Monday, the first day of a rent week."
        )
    elif rent_year_of(effective) != rent_year:
        errors["effective_from"] = (
            f"The date must be in the {rent_year}/{(rent_year + 1) % 100:02d} rent year."
        )
    if not Decimal("-10") <= september_cpi <= Decimal("25"):
        errors["september_cpi"] = "Enter the September CPI as a percentage, like 3.8."
    live = RentReview.objects.filter(rent_year=rent_year).exclude(status=ReviewStatus.CANCELLED)
    if live.exists():
        errors["rent_year"] = f"There is already a review of the {rent_year} rent year."
    if errors:
        raise ValidationError(errors)
    review = RentReview.objects.create(
        ref=f"RR-{rent_year}",
        rent_year=rent_year,
        september_cpi=september_cpi,
        effective_from=effective,
        created_by=actor_of(actor),
    )
    count = _propose(review)
    timeline.record(
        review,
        verb="review_created",
        summary=f"Review started: September CPI {september_cpi}%, new rents from "
        f"{_day(effective)}; Hearth proposed rents for {count} homes.",
        actor=actor,
    )
    return review


def _new_service_charges(review: RentReview, homes: list[tuple[int, int]], book: RateBook,
                         before: date) -> dict[int, Decimal]:  # fmt: skip
    """Each home's weekly service charge from the effective date, after the review's changes:
    a block change sets it; a service change moves it by the item's difference."""
    result = {home: book.rates_on(home, before)[1] for home, _ in homes}
    changes = list(review.service_charge_changes.select_related("item").order_by("pk"))
    by_block: dict[int, Decimal] = {}
    for change in changes:
        if change.item_id is None and change.block_id is not None:
            by_block[change.block_id] = change.new_weekly_amount
    for home, block in homes:
        if block in by_block:
            result[home] = by_block[block]
    for change in changes:
        if change.item is None:
            continue
        difference = change.new_weekly_amount - (change.old_weekly_amount or Decimal("0.00"))
        item_block = change.item.block_id
        for home, block in homes:
            if block in by_block:
                continue  # the block's charge was set outright
            if item_block is None or item_block == block:
                result[home] = max(result[home] + difference, Decimal("0.00"))
    return {home: rs.service_charge_at_cost(amount) for home, amount in result.items()}


def _propose(review: RentReview) -> int:
    """(Re)calculate every home's line. An adjustment that is still within the rules is kept;
    one that no longer is goes back to Hearth's proposal (and the timeline says so)."""
    before = review.effective_from - timedelta(days=1)
    seed_rates()
    homes = list(
        Home.objects.managed_on(review.effective_from)
        .filter(charge_rates__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("pk", "block_id")
    )
    book = RateBook.load()
    services = _new_service_charges(review, homes, book, before)
    settings = {s.home_id: s for s in HomeRentSetting.objects.all()}
    tenancies = _tenancy_by_home(review.effective_from)
    existing = {line.home_id: line for line in review.lines.all()}
    dropped: list[str] = []
    rows: list[RentReviewLine] = []
    for home_id, _block in homes:
        rent, service = book.rates_on(home_id, before)
        setting = settings.get(home_id)
        facts = rs.HomeFacts(
            rent_type=rs.RentType(setting.rent_type if setting else RentType.SOCIAL),
            current_rent=rent,
            formula_rent=setting.formula_rent if setting else None,
            rent_cap=setting.rent_cap if setting else None,
            current_service_charge=service,
            new_service_charge=services[home_id],
        )
        proposal = rs.propose_rent(
            facts, september_cpi=review.september_cpi, effective_from=review.effective_from
        )
        line = existing.get(home_id) or RentReviewLine(review=review, home_id=home_id)
        line.tenancy_id = tenancies.get(home_id)
        line.rent_type = facts.rent_type
        line.formula_rent = facts.formula_rent
        line.rent_cap = facts.rent_cap
        line.current_rent = rent
        line.current_service_charge = service
        line.cpi_limit = proposal.cpi_limit
        line.maximum_rent = proposal.maximum
        line.proposed_rent = proposal.rent
        line.new_service_charge = services[home_id]
        line.reasons = proposal.reasons
        line.exceptions = [str(e) for e in proposal.exceptions]
        kept = line.adjusted_at is not None and rs.within_rent_standard(
            facts, line.new_rent, september_cpi=review.september_cpi,
            effective_from=review.effective_from,
        )  # fmt: skip
        if line.adjusted_at is not None and not kept:
            dropped.append(str(home_id))
            line.adjusted_at = None
            line.adjusted_by = None
            line.adjustment_reason = ""
        if not kept:
            line.new_rent = proposal.rent
        rows.append(line)
    fields = [f.name for f in RentReviewLine._meta.concrete_fields if f.name not in ("id", "review", "home")]  # fmt: skip
    RentReviewLine.objects.bulk_update([r for r in rows if r.pk], fields, batch_size=1000)
    RentReviewLine.objects.bulk_create([r for r in rows if not r.pk], batch_size=1000)
    if dropped:
        refs = dict(Home.objects.filter(pk__in=[int(d) for d in dropped]).values_list("pk", "ref"))
        timeline.record(
            review,
            verb="adjustments_dropped",
            summary="These adjustments are no longer within the Rent Standard and were replaced "
            "by Hearth's proposal: " + ", ".join(refs[int(d)] for d in dropped),
        )
    return len(rows)


def _tenancy_by_home(effective_from: date) -> dict[int, int]:
    """The tenancy that will be paying the new rent in each home: current on the day before
    the effective date."""
    day = effective_from - timedelta(days=1)
    return dict(
        Tenancy.objects.current_on(day)
        .order_by("home_id", "start_date")
        .values_list("home_id", "pk")
    )


def _require(review: RentReview, *statuses: str) -> None:
    if review.status not in statuses:
        names = " or ".join(ReviewStatus(s).label.lower() for s in statuses)
        raise ValidationError(f"This can only be done while the review is {names}.")


# -- 3. Service charge changes ---------------------------------------------------------------


@transaction.atomic
def add_service_charge_change(
    *,
    review: RentReview,
    new_weekly_amount: Decimal,
    reason: str,
    actor: Actor,
    block: Block | None = None,
    item: ServiceChargeItem | None = None,
) -> ServiceChargeChange:
    """A block's whole weekly service charge, or one service's new weekly cost, from the
    effective date. Service charges are set at actual cost, outside the rent limit."""
    review = lock(review)
    _require(review, ReviewStatus.DRAFT)
    if (block is None) == (item is None):
        raise ValidationError("Choose a block or a service, not both.")
    if new_weekly_amount < 0:
        raise ValidationError({"new_weekly_amount": "Enter an amount that is not negative."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the charge changes."})
    if item is not None and item.weekly_amount is None:
        raise ValidationError(
            {"item": "This service has no weekly amount yet: change the block's charge instead."}
        )
    change = ServiceChargeChange.objects.create(
        review=review,
        block=block,
        item=item,
        old_weekly_amount=item.weekly_amount if item else None,
        new_weekly_amount=rs.service_charge_at_cost(new_weekly_amount),
        reason=reason.strip()[:300],
        created_by=actor_of(actor),
    )
    _propose(review)
    what = (
        f"{item.name} ({item.block or 'every block'}) from {formats.money(item.weekly_amount)} to"
        if item
        else f"service charge for {block} set to"
    )
    timeline.record(
        review,
        verb="service_charge_changed",
        summary=f"Service charge change: {what} {formats.money(new_weekly_amount)} a week: {reason}",
        actor=actor,
    )
    return change


# -- 4. Adjustments ---------------------------------------------------------------------------


@transaction.atomic
def adjust_rent(
    *, line: RentReviewLine, new_rent: Decimal, reason: str, actor: Actor
) -> RentReviewLine:
    """Set one home's new rent by hand, within the Rent Standard, with the reason."""
    line = lock(line, related=("review", "home"))
    _require(line.review, ReviewStatus.DRAFT)
    if not reason.strip():
        raise ValidationError({"reason": "Say why you are changing Hearth's proposal."})
    facts = rs.HomeFacts(
        rent_type=rs.RentType(line.rent_type),
        current_rent=line.current_rent,
        formula_rent=line.formula_rent,
        rent_cap=line.rent_cap,
        current_service_charge=line.current_service_charge,
        new_service_charge=line.new_service_charge,
    )
    if not rs.within_rent_standard(
        facts, new_rent, september_cpi=line.review.september_cpi,
        effective_from=line.review.effective_from,
    ):  # fmt: skip
        raise ValidationError(
            {"new_rent": f"The rent can be at most {formats.money(line.maximum_rent)} a week under the Rent "
                         "Standard, in pounds and pence."}
        )  # fmt: skip
    old = line.new_rent
    line.new_rent = new_rent
    line.adjusted_by = actor_of(actor)
    line.adjusted_at = timezone.now()
    line.adjustment_reason = reason.strip()[:300]
    line.save(update_fields=["new_rent", "adjusted_by", "adjusted_at", "adjustment_reason"])
    timeline.record(
        line.review,
        verb="rent_adjusted",
        summary=f"{line.home.ref}: rent changed from {formats.money(old)} to {formats.money(new_rent)} a week "
        f"(proposed {formats.money(line.proposed_rent)}): {line.adjustment_reason}",
        actor=actor,
        details={"home": line.home.ref, "from": str(old), "to": str(new_rent)},
    )
    return line


# -- 5. Approval ------------------------------------------------------------------------------


@transaction.atomic
def submit_review(*, review: RentReview, actor: Actor) -> RentReview:
    """Send the review for approval by a second person."""
    review = lock(review)
    _require(review, ReviewStatus.DRAFT)
    if not review.lines.exists():
        raise ValidationError("There are no homes in this review.")
    review.status = ReviewStatus.SUBMITTED
    review.submitted_by = actor_of(actor)
    review.submitted_at = timezone.now()
    review.save(update_fields=["status", "submitted_by", "submitted_at"])
    timeline.record(review, verb="review_submitted", summary="Sent for approval.", actor=actor)
    return review


@transaction.atomic
def return_review(*, review: RentReview, reason: str, actor: Actor) -> RentReview:
    """The approver sends the review back to be changed."""
    review = lock(review)
    _require(review, ReviewStatus.SUBMITTED)
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs to change."})
    review.status = ReviewStatus.DRAFT
    review.save(update_fields=["status"])
    timeline.record(
        review, verb="review_returned", summary=f"Sent back: {reason.strip()}", actor=actor
    )
    return review


def people_behind(review: RentReview) -> set[int]:
    """Who prepared the review: whoever started it, submitted it or adjusted a rent."""
    people = {review.created_by_id, review.submitted_by_id}
    people |= set(
        review.lines.filter(adjusted_by__isnull=False).values_list("adjusted_by_id", flat=True)
    )
    people |= set(review.service_charge_changes.values_list("created_by_id", flat=True))
    return {p for p in people if p is not None}


@transaction.atomic
def approve_review(*, review: RentReview, actor: Actor) -> RentReview:
    """A second person approves: not whoever started, submitted or adjusted the review. Homes
    with nobody living in them take the new rate from the effective date at once; tenancies
    take it when their notice of variation goes out in time."""
    review = lock(review)
    _require(review, ReviewStatus.SUBMITTED)
    user = actor_of(actor)
    if user is None or user.pk in people_behind(review):
        raise ValidationError(
            "Someone who did not prepare the review must approve it: ask another manager."
        )
    review.status = ReviewStatus.APPROVED
    review.approved_by = user
    review.approved_at = timezone.now()
    review.save(update_fields=["status", "approved_by", "approved_at"])
    empty = list(review.lines.filter(tenancy__isnull=True).select_related("home"))
    for line in empty:
        _apply(line, actor=actor)
    timeline.record(
        review,
        verb="review_approved",
        summary=f"Approved. {len(empty)} empty homes take their new rent from "
        f"{_day(review.effective_from)}; tenancies take theirs once their notice is sent.",
        actor=actor,
    )
    return review


def _apply(line: RentReviewLine, *, actor: Actor) -> None:
    """Write the home's new rate from the effective date (the debit run charges it)."""
    review = line.review
    ChargeRate.objects.update_or_create(
        home_id=line.home_id,
        effective_from=review.effective_from,
        defaults={
            "weekly_rent": line.new_rent,
            "weekly_service_charge": line.new_service_charge,
            "reason": f"{review} ({review.ref})",
            "created_by": actor_of(actor),
        },
    )
    line.applied_on = timezone.localdate()
    line.save(update_fields=["applied_on"])


@transaction.atomic
def apply_service_charge_items(*, today: date, actor: Actor = None) -> int:
    """On a review's effective date (or the first run after it), each service it changed takes
    its new weekly amount: what the service costs from then on, shown on the rent pages and on
    statements. Only approved reviews; each change is written once. Returns how many."""
    changes = list(
        ServiceChargeChange.objects.select_for_update(of=("self",))
        .filter(item__isnull=False, applied_on__isnull=True, review__status=ReviewStatus.APPROVED,
                review__effective_from__lte=today)
        .select_related("item", "item__block", "review")
        .order_by("review__effective_from", "pk")
    )  # fmt: skip
    for change in changes:
        item = change.item
        assert item is not None
        old = item.weekly_amount
        item.weekly_amount = change.new_weekly_amount
        item.save(update_fields=["weekly_amount"])
        change.applied_on = today
        change.save(update_fields=["applied_on"])
        timeline.record(
            change.review,
            verb="service_charge_item_applied",
            summary=f"{item.name} ({item.block or 'every block'}) is now {formats.money(change.new_weekly_amount)}"
            f" a week (was {formats.money(old)}), from {_day(change.review.effective_from)}",
            actor=actor,
        )
    return len(changes)


def item_changes_on(home: Home, day: date) -> list[ServiceChargeChange]:
    """The services of the home's block (or of every block) whose amount an approved review
    changes from `day`, for the statement's line on that date."""
    return list(
        ServiceChargeChange.objects.filter(
            Q(item__block__isnull=True) | Q(item__block_id=home.block_id),
            item__isnull=False, review__status=ReviewStatus.APPROVED, review__effective_from=day,
        )
        .select_related("item")
        .order_by("item__name", "pk")
    )  # fmt: skip


# -- 6. Notices of variation ------------------------------------------------------------------


def named_people(tenancy: Tenancy) -> list[Any]:
    members = tenancy.members.select_related("person", "person__contact_preference").filter(
        role__in=[MemberRole.LEAD_TENANT, MemberRole.JOINT_TENANT]
    )
    ordered = sorted(members, key=lambda m: (m.role != MemberRole.LEAD_TENANT, m.pk))
    return [m.person for m in ordered]


def wants_turkish(person: Any) -> bool:
    preference = getattr(person, "contact_preference", None)
    language = (getattr(preference, "language", "") or "").strip().lower()
    return language in {"turkish", "tr", "türkçe", "turkce"}


def charge_items(review: RentReview, home: Home) -> list[dict[str, Any]]:
    """Each service charge item for the home's block, with this year's and next year's
    weekly amounts (changed by the review where it says so)."""
    items = ServiceChargeItem.objects.filter(Q(block__isnull=True) | Q(block_id=home.block_id))
    changes = {
        c.item_id: c.new_weekly_amount
        for c in review.service_charge_changes.filter(item__isnull=False)
    }
    rows = []
    for item in items.order_by("name"):
        new = changes.get(item.pk, item.weekly_amount)
        rows.append(
            {"name": item.name, "pays_for": item.pays_for, "old": item.weekly_amount, "new": new,
             "changed": new != item.weekly_amount}
        )  # fmt: skip
    return rows


def benefit_dates(review: RentReview) -> dict[str, date]:
    """When tenants on benefits should report the new rent: Universal Credit on or after the
    effective date (not before), and within four weeks of it so the new rent is paid from the
    start; Housing Benefit is told by us, and a tenant should check their award by then too."""
    return {
        "report_from": review.effective_from,
        "report_by": review.effective_from + timedelta(days=27),
    }


def notice_context(line: RentReviewLine) -> dict[str, Any]:
    review = line.review
    return {
        "review": review,
        "home": line.home,
        "old_rent": line.current_rent,
        "new_rent": line.new_rent,
        "old_service_charge": line.current_service_charge,
        "new_service_charge": line.new_service_charge,
        "old_total": line.current_total,
        "new_total": line.new_total,
        "rent_change": line.new_rent - line.current_rent,
        "service_charge_change": line.new_service_charge - line.current_service_charge,
        "total_change": line.new_total - line.current_total,
        "effective_from": review.effective_from,
        "items": charge_items(review, line.home),
        **benefit_dates(review),
    }


@transaction.atomic
def send_notices(
    *, review: RentReview, actor: Actor, today: date | None = None, limit: int | None = None
) -> dict[str, int]:
    """Send the notice of variation to every tenancy in an approved review that has not had
    one sent (again to any that could not be sent before), to each named tenant on their
    chosen channel, in large print or Turkish where they asked; at most `limit` tenancies in
    one go (`send_all_notices` sends them in batches). A notice sent at least 28 days
    before the effective date lets the new rent take effect. After that day nothing is sent
    (a notice saying the rent changes would be untrue): the tenancy keeps its old rate and is
    listed for action. Returns counts by status."""
    review = lock(review)
    _require(review, ReviewStatus.APPROVED)
    day = today or timezone.localdate()
    tenancies = _tenancy_by_home(review.effective_from)
    lines = list(review.lines.select_related("home", "home__block", "review"))
    counts: dict[str, int] = defaultdict(int)
    done = set(
        review.notices.exclude(status=NoticeStatus.NOT_SENT).values_list("tenancy_id", flat=True)
    )
    for line in lines:
        if limit is not None and sum(counts.values()) >= limit:
            break  # the rest go in the next batch (`notices_to_send` says how many)
        tenancy_id = tenancies.get(line.home_id)
        if tenancy_id is None:
            if line.applied_on is None:
                _apply(line, actor=actor)  # nobody lives there now: no notice is needed
            continue
        if tenancy_id in done:
            continue
        if line.tenancy_id != tenancy_id:
            line.tenancy_id = tenancy_id
            line.save(update_fields=["tenancy"])
        status = _send_one(review, line, Tenancy.objects.get(pk=tenancy_id), day, actor)
        counts[status] += 1
    if review.notices_sent_on is None and counts:
        review.notices_sent_on = day
        review.save(update_fields=["notices_sent_on"])
    if not any(counts.values()):
        return {}
    timeline.record(
        review,
        verb="notices_sent",
        summary=f"Notices of variation on {_day(day)}: {counts[NoticeStatus.SENT]} sent in "
        f"time, {counts[NoticeStatus.LATE]} too late, {counts[NoticeStatus.NOT_SENT]} could "
        "not be sent.",
        actor=actor,
        details=dict(counts),
    )
    return {status: count for status, count in counts.items() if count}


def _send_one(review: RentReview, line: RentReviewLine, tenancy: Tenancy, day: date,
              actor: Actor) -> str:  # fmt: skip
    account = account_for(tenancy)
    if day > review.notice_deadline:
        # Too late: a notice saying the rent changes on the effective date would be untrue.
        ReviewNotice.objects.update_or_create(
            review=review,
            tenancy=tenancy,
            defaults={"line": line, "status": NoticeStatus.LATE, "sent_on": None, "channels": "",
                      "detail": f"Not sent: notices had to go by {_day(review.notice_deadline)}. "
                                f"The rent stays at {formats.money(line.current_rent)} a week."},
        )  # fmt: skip
        return NoticeStatus.LATE
    context = notice_context(line)
    channels: list[str] = []
    for person in named_people(tenancy):
        told = tell_resident(
            case=account,
            purpose=NOTICE_PURPOSE,
            idempotency_key=f"rent-review-{review.pk}-tenancy-{tenancy.pk}-person-{person.pk}",
            actor=actor,
            contact=ContactLog("tenancy", tenancy.ref, "other", f"Notice of variation: {review}"),
            person=person,
            context={**context, "turkish": wants_turkish(person), "tenancy": tenancy},
            on=day,
        )
        if told.sent:
            channels.append(told.channel)
    if not channels:
        status, detail = NoticeStatus.NOT_SENT, "No address to send it to: deliver it by hand."
    else:
        status, detail = NoticeStatus.SENT, ""
    ReviewNotice.objects.update_or_create(
        review=review,
        tenancy=tenancy,
        defaults={"line": line, "status": status, "sent_on": day if channels else None,
                  "channels": ", ".join(sorted(set(channels))), "detail": detail},
    )  # fmt: skip
    if status == NoticeStatus.SENT:
        _apply(line, actor=actor)
    return status


@transaction.atomic
def record_hand_delivery(*, notice: ReviewNotice, delivered_on: date, actor: Actor) -> ReviewNotice:
    """An officer delivered a notice that could not be sent. In time (28 days or more before
    the effective date), the new rent takes effect; otherwise the old rent stays."""
    notice = lock(notice, related=("review", "line", "tenancy"))
    review = notice.review
    _require(review, ReviewStatus.APPROVED)
    if notice.status != NoticeStatus.NOT_SENT:
        raise ValidationError("This notice has already been sent.")
    if delivered_on > timezone.localdate():
        raise ValidationError({"delivered_on": "The date cannot be in the future."})
    in_time = delivered_on <= review.notice_deadline
    notice.status = NoticeStatus.SENT if in_time else NoticeStatus.LATE
    notice.sent_on = delivered_on
    notice.channels = "by hand"
    notice.detail = "" if in_time else f"Delivered after {_day(review.notice_deadline)}."
    notice.save(update_fields=["status", "sent_on", "channels", "detail"])
    if in_time:
        _apply(notice.line, actor=actor)
    timeline.record(
        review,
        verb="notice_delivered_by_hand",
        summary=f"{notice.tenancy.ref}: notice delivered by hand on {_day(delivered_on)}"
        + ("" if in_time else ", too late for the new rent to take effect"),
        actor=actor,
    )
    return notice


def notices_to_send(review: RentReview) -> int:
    """How many tenancies in the review have not had a notice (nor been found too late)."""
    tenancies = _tenancy_by_home(review.effective_from)
    homes = set(review.lines.values_list("home_id", flat=True))
    wanted = {t for h, t in tenancies.items() if h in homes}
    done = set(
        review.notices.exclude(status=NoticeStatus.NOT_SENT).values_list("tenancy_id", flat=True)
    )
    return len(wanted - done)


NOTICE_BATCH = 200


def send_all_notices(*, review_id: int, actor: Actor, today: date | None = None) -> dict[str, int]:
    """Every notice still to send, in batches of `NOTICE_BATCH` tenancies (one database
    transaction each, so a long run neither holds one lock nor loses what it has sent). Run
    in the background by `hearth.rents.tasks.send_review_notices`."""
    totals: dict[str, int] = defaultdict(int)
    while True:
        review = RentReview.objects.get(pk=review_id)
        counts = send_notices(review=review, actor=actor, today=today, limit=NOTICE_BATCH)
        for status, count in counts.items():
            totals[status] += count
        if sum(counts.values()) < NOTICE_BATCH:
            return dict(totals)
