"""Opening rent accounts and setting what they charge: weekly rates per home, rent-free
weeks, direct debit mandates and the account's income officer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from hearth.core import formats, timeline
from hearth.core.bulk import chunked
from hearth.core.casework import Actor, actor_of
from hearth.estates.models import Home
from hearth.rents.charges import RATES_BEGIN
from hearth.rents.models import (
    ChargeRate,
    DirectDebitMandate,
    MandateStatus,
    RentAccount,
    RentFreeWeek,
    RentPolicy,
)
from hearth.tenancies.models import Tenancy


def normalise_reference(text: str) -> str:
    """A payment reference as matched: capital letters and digits only."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _without(
    rows: QuerySet[Any], ids: Iterable[int] | None, related: type[Model], column: str
) -> Iterator[QuerySet[Any]]:
    """`rows` (the rows with no `related` row), or, given `ids`, those of `ids` that no
    `related` row names in `column`, as querysets of 500 ids at a time. Which of a chunk's ids
    are named is read by `related`'s index on `column`: an anti-join per chunk would read the
    whole of `related` each time (22 ms a chunk at 100,000 homes)."""
    if ids is None:
        yield rows
        return
    for chunk in chunked(sorted(set(ids))):
        named = set(
            related._default_manager.filter(**{f"{column}__in": chunk})
            .order_by()
            .values_list(column, flat=True)
        )
        yield rows.model.objects.filter(pk__in=[pk for pk in chunk if pk not in named])


def seed_rates(home_ids: Iterable[int] | None = None, *, effective_from: date = RATES_BEGIN) -> int:
    """Give every home without a charge rate one from the homes register's weekly rent and
    service charge. Returns how many homes were given one."""
    rows: list[ChargeRate] = []
    unrated = Home.objects.filter(charge_rates__isnull=True)
    for scope in _without(unrated, home_ids, ChargeRate, "home_id"):
        for pk, rent, service in scope.values_list("pk", "weekly_rent", "weekly_service_charge"):
            rows.append(
                ChargeRate(
                    home_id=pk,
                    effective_from=effective_from,
                    weekly_rent=rent,
                    weekly_service_charge=service,
                    reason="From the homes register",
                )
            )
    ChargeRate.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def ensure_accounts(tenancy_ids: Iterable[int] | None = None) -> list[int]:
    """Open a rent account for every tenancy that has none (and seed its home's rates).
    The payment reference is the tenancy reference in capitals and digits. Returns the new
    accounts' tenancy ids."""
    found: list[tuple[int, str, int]] = []
    unopened = Tenancy.objects.filter(rent_account__isnull=True)
    for scope in _without(unopened, tenancy_ids, RentAccount, "tenancy_id"):
        found.extend(scope.values_list("pk", "ref", "home_id"))
    if not found:
        return []
    seed_rates({home for _, _, home in found})
    wanted = {pk: normalise_reference(ref) or f"T{pk}" for pk, ref, _ in found}
    taken: set[str] = set()
    for chunk in chunked(sorted(set(wanted.values()))):
        taken.update(
            RentAccount.objects.filter(payment_reference__in=chunk).values_list(
                "payment_reference", flat=True
            )
        )
    now = timezone.now()
    # Written 2,000 at a time: 100,000 new accounts held at once took 90 MB.
    for batch in chunked(list(wanted.items()), 2000):
        accounts = []
        for pk, reference in batch:
            if reference in taken:
                reference = f"{reference}X{pk}"
            taken.add(reference)
            accounts.append(RentAccount(tenancy_id=pk, payment_reference=reference, opened_at=now))
        RentAccount.objects.bulk_create(accounts, ignore_conflicts=True)
    return list(wanted)


def account_for(tenancy: Tenancy) -> RentAccount:
    """The tenancy's rent account, opened now if it has none."""
    ensure_accounts([tenancy.pk])
    return RentAccount.objects.select_related("tenancy", "tenancy__home").get(tenancy=tenancy)


@transaction.atomic
def set_charge_rate(
    *,
    home: Home,
    effective_from: date,
    weekly_rent: Decimal,
    weekly_service_charge: Decimal,
    reason: str,
    actor: Actor,
) -> ChargeRate:
    """Set a home's weekly rent and service charge from a date (a rent change). Charges
    already posted are not changed; weeks charged from then on use the new rate."""
    if weekly_rent < 0 or weekly_service_charge < 0:
        raise ValidationError("Rent and service charge cannot be negative.")
    seed_rates([home.pk])
    rate, _ = ChargeRate.objects.update_or_create(
        home=home,
        effective_from=effective_from,
        defaults={
            "weekly_rent": weekly_rent,
            "weekly_service_charge": weekly_service_charge,
            "reason": reason,
            "created_by": actor_of(actor),
        },
    )
    timeline.record(
        home,
        verb="rent_changed",
        summary=f"Rent set to {formats.money(weekly_rent)} and service charge to {formats.money(weekly_service_charge)} a "
        f"week from {formats.day(effective_from)}: {reason}",
        actor=actor,
    )
    return rate


@transaction.atomic
def change_all_rates(
    *, effective_from: date, rent_increase_percent: Decimal, reason: str, actor: Actor
) -> int:
    """The annual rent change: every home's rent in force the day before `effective_from`
    goes up by the percentage (rounded to the penny); service charges stay as they are.
    Running it again for the same date changes nothing more."""
    from hearth.rents.charges import RateBook
    from hearth.rents.weeks import PENNY

    seed_rates()
    book = RateBook.load()
    already = set(
        ChargeRate.objects.filter(effective_from=effective_from).values_list("home_id", flat=True)
    )
    factor = 1 + rent_increase_percent / 100
    rows = []
    for home_id in Home.objects.values_list("pk", flat=True):
        if home_id in already or not book.has_rates(home_id):
            continue
        rent, service = book.rates_on(home_id, effective_from - timedelta(days=1))
        rows.append(
            ChargeRate(
                home_id=home_id,
                effective_from=effective_from,
                weekly_rent=(rent * factor).quantize(PENNY),
                weekly_service_charge=service,
                reason=reason,
                created_by=actor_of(actor),
            )
        )
    ChargeRate.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def add_rent_free_week(*, week_commencing: date, reason: str, actor: Actor) -> RentFreeWeek:
    week = RentFreeWeek(week_commencing=week_commencing, reason=reason)
    week.full_clean()
    week.save()
    return week


@transaction.atomic
def set_income_officer(*, account: RentAccount, officer: Any, actor: Actor) -> RentAccount:
    account.income_officer = officer
    account.save(update_fields=["income_officer"])
    timeline.record(
        account,
        verb="officer_assigned",
        summary=f"Income officer: {officer.display_name if officer else 'nobody'}",
        actor=actor,
    )
    return account


@transaction.atomic
def set_up_direct_debit(
    *,
    account: RentAccount,
    reference: str,
    account_holder: str,
    collection_day: int,
    actor: Actor,
    bank_account_ending: str = "",
    monthly_amount: Decimal | None = None,
    started_on: date | None = None,
) -> DirectDebitMandate:
    """Record a Direct Debit Instruction and its collection day. Any earlier active mandate
    on the account is cancelled: an account collects through one mandate at a time."""
    if not 1 <= collection_day <= 28:
        raise ValidationError({"collection_day": "The collection day must be between 1 and 28."})
    if DirectDebitMandate.objects.filter(reference=reference).exists():
        raise ValidationError({"reference": f"Mandate reference {reference} is already recorded."})
    today = started_on or timezone.localdate()
    for old in account.mandates.filter(status=MandateStatus.ACTIVE):
        cancel_direct_debit(mandate=old, reason="Replaced by a new mandate", actor=actor, on=today)
    mandate = DirectDebitMandate.objects.create(
        account=account,
        reference=reference,
        account_holder=account_holder,
        bank_account_ending=bank_account_ending,
        collection_day=collection_day,
        monthly_amount=monthly_amount,
        started_on=today,
    )
    timeline.record(
        account,
        verb="direct_debit_set_up",
        summary=f"Direct debit {reference} set up, collected on day {collection_day} of each month",
        actor=actor,
    )
    return mandate


@transaction.atomic
def cancel_direct_debit(
    *, mandate: DirectDebitMandate, reason: str, actor: Actor, on: date | None = None
) -> DirectDebitMandate:
    if mandate.status == MandateStatus.CANCELLED:
        return mandate
    mandate.status = MandateStatus.CANCELLED
    mandate.cancelled_on = on or timezone.localdate()
    mandate.cancel_reason = reason[:200]
    mandate.save(update_fields=["status", "cancelled_on", "cancel_reason"])
    timeline.record(
        mandate.account,
        verb="direct_debit_cancelled",
        summary=f"Direct debit {mandate.reference} cancelled: {reason}",
        actor=actor,
    )
    return mandate


POLICY_FIELDS = (
    "bank_account_name",
    "bank_sort_code",
    "bank_account_number",
    "online_payment_url",
    "paypoint_help",
    "fifty_third_week",
)


@transaction.atomic
def update_rent_policy(*, actor: Actor, **values: Any) -> RentPolicy:
    """Change how rent is paid and charged (payment details residents see, the 53rd week)."""
    policy = RentPolicy.current()
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise ValidationError(f"Not rent policy settings: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    return policy


@transaction.atomic
def remove_rent_free_week(*, week: RentFreeWeek, actor: Actor) -> None:
    """A week not yet charged can be charged again; weeks already run are not charged late."""
    week.delete()


@transaction.atomic
def tenancy_ended(*, tenancy: Tenancy, actor: Actor) -> Decimal:
    """A tenancy has an end date: any debt left on its rent account stays there as
    former-tenant arrears (after the end the weekly charge is 0, so a debt falls into arrears
    the day after), and its arrears case opens for the account's income officer. Returns
    the balance owed at the end date (0 when nothing is owed)."""
    from hearth.rents.queries import balance_on
    from hearth.rents.services.ledger import after_posting

    if tenancy.end_date is None:
        raise ValidationError("The tenancy has no end date.")
    account = RentAccount.objects.filter(tenancy=tenancy).first()
    if account is None:
        return Decimal("0.00")
    after_posting([account.pk], since=tenancy.end_date)
    owed = balance_on(account, tenancy.end_date)
    if owed > 0:
        timeline.record(
            account,
            verb="former_tenant_arrears",
            summary=f"Tenancy ended on {tenancy.end_date:%d %B %Y} owing {formats.money(owed)}: former-tenant "
            "arrears stay on this account",
            actor=actor,
            details={"owed": str(owed)},
        )
    return max(owed, Decimal("0.00"))
