from __future__ import annotations

from datetime import date
from decimal import Decimal

from hearth.estates.tests.factories import HomeFactory
from hearth.rents.models import Kind, RentAccount, Source, Transaction
from hearth.rents.services.accounts import account_for
from hearth.rents.services.ledger import post_transaction
from hearth.tenancies.tests.factories import TenancyFactory


def make_account(
    *,
    weekly_rent: str = "100.00",
    service_charge: str = "0.00",
    start: date = date(2025, 4, 7),
    end: date | None = None,
    ref: str | None = None,
) -> RentAccount:
    """A tenancy of a home charging `weekly_rent` + `service_charge` a week, and its account."""
    home = HomeFactory(
        weekly_rent=Decimal(weekly_rent), weekly_service_charge=Decimal(service_charge)
    )
    kwargs = {"ref": ref} if ref else {}
    tenancy = TenancyFactory(home=home, start_date=start, end_date=end, **kwargs)
    return account_for(tenancy)


def post(
    account: RentAccount, day: date, kind: str, amount: str, *, actor: object = None
) -> Transaction:
    return post_transaction(
        account=account,
        kind=kind,
        amount=Decimal(amount),
        on=day,
        actor=actor,
        source=Source.OFFICER,
        record_on_timeline=False,
    )


def pay(account: RentAccount, day: date, amount: str) -> Transaction:
    return post(account, day, Kind.PAYMENT_CASH, f"-{amount}")


def pretend_today(monkeypatch: object, day: date) -> None:
    """Make `timezone.localdate()` (with no argument) answer `day` for the rest of a test."""
    from django.utils import timezone

    original = timezone.localdate

    def localdate(value: object = None, timezone: object = None) -> date:
        return day if value is None else original(value, timezone)  # type: ignore[arg-type]

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)  # type: ignore[attr-defined]
