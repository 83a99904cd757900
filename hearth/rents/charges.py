"""What a home charges on a given day: its effective-dated weekly rent and service charge.

`RateBook` loads the rates of many homes at once so the debit run and the arrears replay can
ask about any day without a query per account.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from hearth.core.bulk import chunked
from hearth.rents.models import ZERO, ChargeRate

# The first rate of a home seeded from the homes register applies from this date, so every
# past week of an imported ledger has a weekly charge to compare balances with.
RATES_BEGIN = date(2000, 1, 1)


class RateBook:
    """Weekly rent and service charge by home and day."""

    def __init__(self, rates: dict[int, list[tuple[date, Decimal, Decimal]]]) -> None:
        self._rates = rates
        self._dates = {home: [r[0] for r in rows] for home, rows in rates.items()}

    @classmethod
    def load(cls, home_ids: Iterable[int] | None = None) -> RateBook:
        rows: dict[int, list[tuple[date, Decimal, Decimal]]] = defaultdict(list)
        fields = ("home_id", "effective_from", "weekly_rent", "weekly_service_charge")
        if home_ids is None:
            queryset = ChargeRate.objects.order_by("home_id", "effective_from").values_list(*fields)
            for home, start, rent, service in queryset.iterator(chunk_size=5000):
                rows[home].append((start, rent, service))
        else:
            for chunk in chunked(sorted(set(home_ids)), 4000):
                queryset = (
                    ChargeRate.objects.filter(home_id__in=chunk)
                    .order_by("home_id", "effective_from")
                    .values_list(*fields)
                )
                for home, start, rent, service in queryset:
                    rows[home].append((start, rent, service))
        return cls(dict(rows))

    def rates_on(self, home_id: int, day: date) -> tuple[Decimal, Decimal]:
        """(weekly rent, weekly service charge) in force on `day`; zero before the first."""
        dates = self._dates.get(home_id)
        if not dates:
            return ZERO, ZERO
        index = bisect_right(dates, day) - 1
        if index < 0:
            return ZERO, ZERO
        _, rent, service = self._rates[home_id][index]
        return rent, service

    def changes_within(self, home_id: int, first: date, last: date) -> bool:
        """Whether a new rate starts on a day after `first` up to and including `last`."""
        dates = self._dates.get(home_id)
        if not dates:
            return False
        return bisect_right(dates, last) > bisect_right(dates, first)

    def weekly_total(self, home_id: int, day: date) -> Decimal:
        rent, service = self.rates_on(home_id, day)
        return rent + service

    def change_dates(self, home_id: int) -> list[date]:
        return list(self._dates.get(home_id, []))

    def has_rates(self, home_id: int) -> bool:
        return bool(self._dates.get(home_id))


def weekly_charge_on(home_id: int, day: date) -> Decimal:
    """One home's weekly rent plus service charge on `day`."""
    return RateBook.load([home_id]).weekly_total(home_id, day)
