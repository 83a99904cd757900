"""Each home's kept due dates (`DueDate`), set by triggers whichever way homes and checks are
written, and the overdue list that starts from them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from hearth.core import bulk
from hearth.estates.tests.factories import BlockFactory, HomeFactory
from hearth.safety import due_dates, queries, services
from hearth.safety.models import CheckType, DueDate, SafetyCheck
from hearth.safety.tests.factories import SafetyCheckFactory
from hearth.tenancies.models import Tenancy
from hearth.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


def _type(code: str) -> CheckType:
    return CheckType.objects.get(code=code)


def _dates(home_id: int, kind: str = "gas") -> tuple[date | None, date | None]:
    row = DueDate.objects.get(home_id=home_id, kind=kind)
    return row.next_due_on, row.last_done_on


def _new_tenancy_on(home_id: int, kind: str = "smoke_alarm") -> date | None:
    return DueDate.objects.get(home_id=home_id, kind=kind).new_tenancy_on


def _all_rows() -> list[tuple[object, ...]]:
    return list(
        DueDate.objects.order_by("home_id", "kind").values_list(
            "kind", "home_id", "next_due_on", "last_done_on", "new_tenancy_on"
        )
    )


def test_a_new_home_has_a_row_for_each_kind_of_home_check_that_covers_it() -> None:
    home = HomeFactory(gas_supply=True)
    no_gas = HomeFactory(gas_supply=False)

    rows = DueDate.objects.filter(home=home).order_by("kind")
    assert [(r.kind, r.next_due_on, r.last_done_on, r.new_tenancy_on) for r in rows] == [
        ("co_alarm", None, None, None),
        ("electrical", None, None, None),
        ("fire_door", None, None, None),
        ("gas", None, None, None),
        ("smoke_alarm", None, None, None),
    ]
    kinds = DueDate.objects.filter(home=no_gas).order_by("kind").values_list("kind", flat=True)
    assert list(kinds) == ["electrical", "fire_door", "smoke_alarm"]


def test_a_home_that_gains_or_loses_gas_gains_or_loses_its_gas_rows(coordinator) -> None:  # type: ignore[no-untyped-def]
    from hearth.estates.models import Home

    block = BlockFactory()
    home = HomeFactory(block=block, gas_supply=True)
    services.record_check(
        actor=coordinator, check_type=_type("gas"), home=home, done_on=date(2024, 2, 1),
        outcome="satisfactory",
    )  # fmt: skip
    Home.objects.filter(pk=home.pk).update(gas_supply=False)
    assert not DueDate.objects.filter(home=home, kind__in=("gas", "co_alarm")).exists()
    assert queries.drilldown(_type("gas"), on=date(2026, 6, 1), state="overdue").count() == 0

    # Gas put back: the rows come back with the dates of the checks already recorded.
    Home.objects.filter(pk=home.pk).update(gas_supply=True)
    assert _dates(home.pk) == (date(2025, 2, 1), date(2024, 2, 1))
    assert _dates(home.pk, "co_alarm") == (None, None)
    overdue = queries.drilldown(_type("gas"), on=date(2026, 6, 1), state="overdue")
    assert list(overdue.values_list("pk", flat=True)) == [home.pk]
    assert _all_rows() == _backfilled()


def _backfilled() -> list[tuple[object, ...]]:
    due_dates.backfill(connection)
    return _all_rows()


def test_the_row_follows_checks_recorded_changed_and_deleted(coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    first = services.record_check(
        actor=coordinator, check_type=_type("gas"), home=home, done_on=date(2025, 3, 10),
        outcome="satisfactory",
    )  # fmt: skip
    assert _dates(home.pk) == (date(2026, 3, 10), date(2025, 3, 10))

    # A visit with no access leaves the dates where they were.
    services.record_check(
        actor=coordinator, check_type=_type("gas"), home=home, done_on=date(2026, 3, 2),
        outcome="no_access",
    )  # fmt: skip
    assert _dates(home.pk) == (date(2026, 3, 10), date(2025, 3, 10))

    second = services.record_check(
        actor=coordinator, check_type=_type("gas"), home=home, done_on=date(2026, 3, 9),
        outcome="satisfactory",
    )  # fmt: skip
    assert _dates(home.pk) == (date(2027, 3, 9), date(2026, 3, 9))
    # Other kinds of check and other homes are untouched.
    assert _dates(home.pk, "electrical") == (None, None)

    # Changed as an import changes it: the later check turns out to have been no access.
    SafetyCheck.objects.filter(pk=second.pk).update(outcome="no_access")
    assert _dates(home.pk) == (date(2026, 3, 10), date(2025, 3, 10))
    # Moved to another home: both homes' rows follow.
    other = HomeFactory()
    SafetyCheck.objects.filter(pk=first.pk).update(home=other)
    assert _dates(home.pk) == (None, None)
    assert _dates(other.pk) == (date(2026, 3, 10), date(2025, 3, 10))
    SafetyCheck.objects.filter(pk=first.pk).delete()
    assert _dates(other.pk) == (None, None)


def test_checks_written_in_bulk_set_the_rows_and_backfill_gives_the_same_rows() -> None:
    block = BlockFactory()
    homes = [HomeFactory(block=block) for _ in range(3)]
    bulk.insert(
        SafetyCheck,
        [
            SafetyCheck(ref="B1", kind="gas", home=homes[0], done_on=date(2025, 1, 5),
                        next_due_on=date(2026, 1, 5), outcome="satisfactory"),
            SafetyCheck(ref="B2", kind="gas", home=homes[0], done_on=date(2025, 12, 20),
                        next_due_on=date(2026, 12, 20), outcome="unsatisfactory"),
            SafetyCheck(ref="B3", kind="electrical", home=homes[1], done_on=date(2024, 4, 1),
                        next_due_on=date(2029, 4, 1), outcome="satisfactory"),
            SafetyCheck(ref="B4", kind="fire_risk", block=block, done_on=date(2026, 2, 1),
                        next_due_on=date(2027, 2, 1), outcome="satisfactory"),
        ],
    )  # fmt: skip

    assert _dates(homes[0].pk) == (date(2026, 12, 20), date(2025, 12, 20))
    assert _dates(homes[1].pk, "electrical") == (date(2029, 4, 1), date(2024, 4, 1))
    assert _dates(homes[2].pk) == (None, None)
    kept = _all_rows()
    assert len(kept) == 15  # three homes, five kinds; a block's check has no row

    due_dates.backfill(connection)
    assert _all_rows() == kept


def test_the_overdue_list_is_exact_for_a_day_before_a_later_check() -> None:
    """On 1 June 2026 a home checked on 2 June 2026 was still overdue: its kept date (2027)
    does not hide it, because the check was done after the day."""
    block = BlockFactory()
    lapsed_then_checked = HomeFactory(block=block, address="1 Ash Court")
    SafetyCheckFactory(home=lapsed_then_checked, done_on=date(2025, 5, 1),
                       next_due_on=date(2026, 5, 1))  # fmt: skip
    SafetyCheckFactory(home=lapsed_then_checked, done_on=date(2026, 6, 2),
                       next_due_on=date(2027, 6, 2))  # fmt: skip
    in_date = HomeFactory(block=block, address="2 Ash Court")
    SafetyCheckFactory(home=in_date, done_on=date(2026, 1, 1), next_due_on=date(2027, 1, 1))
    never = HomeFactory(block=block, address="3 Ash Court")
    HomeFactory(block=block, address="4 Ash Court", gas_supply=False)

    def overdue(on: date) -> list[int]:
        rows = queries.drilldown(_type("gas"), on=on, state="overdue", block=block.pk)
        return list(rows.values_list("pk", flat=True))

    assert overdue(date(2026, 6, 1)) == [lapsed_then_checked.pk, never.pk]
    assert overdue(date(2026, 6, 2)) == [never.pk]
    assert overdue(date(2027, 1, 2)) == [in_date.pk, never.pk]


def test_my_work_lists_the_most_overdue_homes_first_when_there_are_more_than_it_shows(
    coordinator, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """With room for two, a coordinator sees the never-checked home and the one lapsed
    longest, not the first two by block and address."""
    from django.utils import timezone

    from hearth.safety import work

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 12, 4))
    monkeypatch.setattr(work, "LIMIT", 2)
    a_block = BlockFactory(name="Alder House")
    lapsed_lately = HomeFactory(block=a_block, address="1 Alder House")
    SafetyCheckFactory(home=lapsed_lately, done_on=date(2025, 11, 20),
                       next_due_on=date(2026, 11, 20))  # fmt: skip
    lapsed_long_ago = HomeFactory(block=BlockFactory(name="Birch House"), address="2 Birch House")
    SafetyCheckFactory(home=lapsed_long_ago, done_on=date(2024, 3, 1),
                       next_due_on=date(2025, 3, 1))  # fmt: skip
    HomeFactory(block=BlockFactory(name="Cedar House"), address="3 Cedar House")  # never checked

    items = [i for i in work.safety_due(coordinator, until=date(2026, 12, 4))
             if i.case_type == "Safety check"]  # fmt: skip
    assert [i.title for i in items] == [
        "Gas safety check: 3 Cedar House",
        "Gas safety check: 2 Birch House",
    ]
    assert [i.due for i in items] == [date(2026, 12, 4), date(2025, 3, 1)]


def test_a_tenancy_starting_after_the_last_alarm_test_makes_the_alarms_due_that_day(
    coordinator,
) -> None:  # type: ignore[no-untyped-def]
    block = BlockFactory()
    home = HomeFactory(block=block, address="5 Elm Court")
    TenancyFactory(home=home, start_date=date(2019, 2, 4))  # before any test: no effect
    services.record_check(
        actor=coordinator, check_type=_type("smoke_alarm"), home=home, done_on=date(2026, 1, 10),
        outcome="satisfactory",
    )  # fmt: skip
    assert _new_tenancy_on(home.pk) is None
    # Written as an import writes it: one insert, no save afterwards.
    (tenancy,) = bulk.insert(
        Tenancy, [Tenancy(ref="T-NEW", home=home, tenure="secure", start_date=date(2026, 9, 1))]
    )
    assert _new_tenancy_on(home.pk) == date(2026, 9, 1)
    assert _new_tenancy_on(home.pk, "gas") is None  # never checked: overdue anyway

    def overdue(on: date) -> list[int]:
        rows = queries.drilldown(_type("smoke_alarm"), on=on, state="overdue", block=block.pk)
        return list(rows.values_list("pk", flat=True))

    assert overdue(date(2026, 9, 1)) == []  # due on the day the tenancy starts
    assert overdue(date(2026, 9, 2)) == [home.pk]
    # The start moves later: the alarms are due then.
    Tenancy.objects.filter(pk=tenancy.pk).update(start_date=date(2026, 9, 20))
    assert _new_tenancy_on(home.pk) == date(2026, 9, 20)
    assert overdue(date(2026, 9, 2)) == []
    assert overdue(date(2026, 9, 21)) == [home.pk]
    # Tested again after the tenancy started: no longer due for it.
    services.record_check(
        actor=coordinator, check_type=_type("smoke_alarm"), home=home, done_on=date(2026, 9, 22),
        outcome="satisfactory",
    )  # fmt: skip
    assert _new_tenancy_on(home.pk) is None
    assert overdue(date(2026, 9, 23)) == []
    # Asked about an earlier day, that later test does not count.
    assert overdue(date(2026, 9, 21)) == [home.pk]
    kept = _all_rows()
    due_dates.backfill(connection)
    assert _all_rows() == kept
    Tenancy.objects.filter(pk=tenancy.pk).delete()
    assert _new_tenancy_on(home.pk) is None
