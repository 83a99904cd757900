"""A posting to every account replays only the accounts whose arrears could change
(`episodes.may_change`), and gets the same episodes as replaying them all. Each account's
ledger is worked by hand: weekly rent 100.00 from 7 April 2025, replay from Monday 21 April."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.rents import episodes
from hearth.rents.models import ArrearsEpisode, Kind
from hearth.rents.services.accounts import set_charge_rate
from hearth.rents.services.ledger import after_posting
from hearth.rents.tests.factories import make_account, pay, post

pytestmark = pytest.mark.django_db
SINCE = date(2025, 4, 21)
WEEKS = (date(2025, 4, 7), date(2025, 4, 14), date(2025, 4, 21))


def charged(account, *, weeks=WEEKS):  # type: ignore[no-untyped-def]
    for monday in weeks:
        post(account, monday, Kind.RENT, "100.00")
    return account


def test_only_accounts_that_could_fall_into_or_leave_arrears_are_replayed(officer):
    # Pays every week: balance 100.00 after the 21st's charge, never above the charge.
    paying = charged(make_account(start=date(2025, 4, 7)))
    pay(paying, date(2025, 4, 7), "100.00")
    pay(paying, date(2025, 4, 14), "100.00")
    # Paid nothing: 300.00 > 100.00, in arrears since 14 April (an open episode).
    owing = charged(make_account(start=date(2025, 4, 7)))
    # Balance 100.00 now, but 150.00 was paid on the 22nd: it was 250.00 on the 21st.
    paid_late = charged(make_account(start=date(2025, 4, 7)))
    pay(paid_late, date(2025, 4, 7), "50.00")
    pay(paid_late, date(2025, 4, 22), "150.00")
    # Pays every week, but its rent goes up on 28 April: the charge changes after SINCE.
    rent_rise = charged(make_account(start=date(2025, 4, 7)))
    pay(rent_rise, date(2025, 4, 7), "100.00")
    pay(rent_rise, date(2025, 4, 14), "100.00")
    set_charge_rate(
        home=rent_rise.tenancy.home,
        effective_from=date(2025, 4, 28),
        weekly_rent=rent_rise.tenancy.home.weekly_rent + 10,
        weekly_service_charge=rent_rise.tenancy.home.weekly_service_charge,
        reason="Annual increase",
        actor=officer,
    )
    # Started on the 23rd, after SINCE: before the start its charge was 0.
    new = make_account(start=date(2025, 4, 23))
    # Ends on the 20th, the day before SINCE: from the 21st its charge is 0.
    ending = charged(make_account(start=date(2025, 4, 7), end=date(2025, 4, 20)), weeks=WEEKS[:2])
    pay(ending, date(2025, 4, 7), "100.00")
    pay(ending, date(2025, 4, 14), "100.00")

    found = set(episodes.may_change(SINCE))

    assert found == {owing.pk, paid_late.pk, rent_rise.pk, new.pk, ending.pk}


def test_replaying_the_changeable_accounts_finds_what_replaying_all_finds():
    quiet = charged(make_account(start=date(2025, 4, 7)))
    pay(quiet, date(2025, 4, 7), "100.00")
    pay(quiet, date(2025, 4, 14), "100.00")
    behind = charged(make_account(start=date(2025, 4, 7)))
    ArrearsEpisode.objects.all().delete()  # as if arrears had never been worked out

    after_posting(None, since=SINCE)

    # Only `behind` was replayed from the 21st: 300.00 > 100.00 that day.
    assert list(ArrearsEpisode.objects.values_list("account_id", "started_on")) == [
        (behind.pk, SINCE)
    ]
    episodes.refresh(None, since=SINCE)
    assert ArrearsEpisode.objects.count() == 1
